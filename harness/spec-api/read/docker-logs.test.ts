import { describe, expect, it } from "vitest";
import { demuxLogBuffer } from "./docker-logs.js";

const frame = (stream: 1 | 2, text: string) => {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
};

describe("demuxLogBuffer", () => {
  it("joins stdout and stderr frames in order, without their headers", () => {
    const buffer = Buffer.concat([frame(1, "boot line\n"), frame(2, "warning\n"), frame(1, "@out=1\n")]);
    expect(demuxLogBuffer(buffer)).toBe("boot line\nwarning\n@out=1\n");
  });

  it("passes a TTY container's plain text through", () => {
    expect(demuxLogBuffer(Buffer.from("plain text\r\n"))).toBe("plain text\r\n");
  });
});
