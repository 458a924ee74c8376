import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { claimArtifactsDir, OWNER_MARK } from "./artifacts-owner.js";

describe("claimArtifactsDir", () => {
  let root = "";
  afterEach(() => rm(root, { recursive: true, force: true }));

  it("marks a new or empty folder, and a marked one stays clearable", async () => {
    root = await mkdtemp(join(tmpdir(), "owner-"));
    const dir = join(root, "new/artifacts");
    expect(await claimArtifactsDir(dir, false)).toBe(true);
    expect(await readdir(dir)).toEqual([OWNER_MARK]);
    await writeFile(join(dir, "run-header.txt"), "x");
    expect(await claimArtifactsDir(dir, false)).toBe(true);
  });

  it("never claims a folder someone else filled, unless it is the repository's own", async () => {
    root = await mkdtemp(join(tmpdir(), "owner-"));
    await writeFile(join(root, "notes.txt"), "mine");
    expect(await claimArtifactsDir(root, false)).toBe(false);
    expect(await readdir(root)).toEqual(["notes.txt"]);
    expect(await claimArtifactsDir(root, true)).toBe(true);
    expect((await readdir(root)).sort()).toEqual([OWNER_MARK, "notes.txt"]);
  });
});
