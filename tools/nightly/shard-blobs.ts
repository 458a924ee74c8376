/**
 * Shards whose blob report is missing: vitest's blob reporter writes `blob-<index>-<count>.json`, and
 * a shard that died before its tests (bad tag, no daemon) writes none. Merging the rest would hide it.
 */
export function missingShards(expectedCount: number, blobFiles: readonly string[]): number[] {
  const present = new Set<number>();
  for (const file of blobFiles) {
    const match = /(?:^|\/)blob-(\d+)-(\d+)\.json$/.exec(file);
    if (match && Number(match[2]) === expectedCount) present.add(Number(match[1]));
  }
  return Array.from({ length: expectedCount }, (_, i) => i + 1).filter((shard) => !present.has(shard));
}
