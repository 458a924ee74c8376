/** `docker logs` without a TTY multiplexes stdout/stderr in 8-byte-header frames; with a TTY it does not. */
export function demuxLogBuffer(buffer: Buffer): string {
  const looksMultiplexed =
    buffer.length >= 8 && (buffer[0] === 1 || buffer[0] === 2) && buffer[1] === 0 && buffer[2] === 0;
  if (!looksMultiplexed) return buffer.toString("utf8");
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    parts.push(buffer.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return Buffer.concat(parts).toString("utf8");
}
