import { describe, expect, it } from "vitest";
import { missingShards } from "./shard-blobs.js";

describe("missingShards", () => {
  it("is empty when every shard wrote its blob", () => {
    expect(missingShards(2, [".vitest-reports/blob-1-2.json", ".vitest-reports/blob-2-2.json"])).toEqual([]);
  });

  it("names the shard that wrote none", () => {
    expect(missingShards(3, ["blob-1-3.json", "blob-3-3.json"])).toEqual([2]);
    expect(missingShards(2, [])).toEqual([1, 2]);
  });

  it("does not count a blob of another shard count or another file", () => {
    expect(missingShards(2, ["blob-1-3.json", "blob-2-2.json", "notes.txt"])).toEqual([1]);
  });
});
