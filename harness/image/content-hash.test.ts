import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { contentHash } from "./content-hash.js";

describe("contentHash", () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "content-hash-"));
    await mkdir(join(root, "fixtures"));
    await writeFile(join(root, "Dockerfile"), "FROM x\n");
    await writeFile(join(root, "fixtures", "run"), "#!/bin/sh\n");
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it("is stable for unchanged inputs", async () => {
    const first = await contentHash(root, ["Dockerfile", "fixtures"], ["base@1"]);
    expect(await contentHash(root, ["Dockerfile", "fixtures"], ["base@1"])).toBe(first);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes when a file's bytes change", async () => {
    const before = await contentHash(root, ["Dockerfile", "fixtures"]);
    await writeFile(join(root, "fixtures", "run"), "#!/bin/sh\nexit 1\n");
    expect(await contentHash(root, ["Dockerfile", "fixtures"])).not.toBe(before);
  });

  it("changes when a file becomes executable", async () => {
    const before = await contentHash(root, ["Dockerfile", "fixtures"]);
    await chmod(join(root, "fixtures", "run"), 0o755);
    expect(await contentHash(root, ["Dockerfile", "fixtures"])).not.toBe(before);
  });

  it("changes with the extra inputs (the base image id)", async () => {
    expect(await contentHash(root, ["Dockerfile"], ["base@1"])).not.toBe(
      await contentHash(root, ["Dockerfile"], ["base@2"]),
    );
  });

  it("ignores Python bytecode caches", async () => {
    const before = await contentHash(root, ["fixtures"]);
    await mkdir(join(root, "fixtures", "__pycache__"));
    await writeFile(join(root, "fixtures", "__pycache__", "m.cpython-313.pyc"), "x");
    expect(await contentHash(root, ["fixtures"])).toBe(before);
  });

  it("ignores a pytest cache left by running the sources' tests", async () => {
    const before = await contentHash(root, ["fixtures"]);
    await mkdir(join(root, "fixtures", ".pytest_cache", "v"), { recursive: true });
    await writeFile(join(root, "fixtures", ".pytest_cache", "v", "nodeids"), "[]");
    expect(await contentHash(root, ["fixtures"])).toBe(before);
  });
});
