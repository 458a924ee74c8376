import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitRange } from "./commit-range.js";

// A real repository (git, no Docker): main a-b-c-d, and a side branch x off a that merges at d.
let dir: string;
const sha: Record<string, string> = {};
const git = (...args: string[]) =>
  execa("git", args, {
    cwd: dir,
    env: {
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@t.invalid",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@t.invalid",
    },
  });
async function commit(name: string) {
  await writeFile(join(dir, name), name);
  await git("add", name);
  await git("commit", "-q", "-m", `add ${name}`);
  sha[name] = (await git("rev-parse", "HEAD")).stdout.trim();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hermes-commit-range-"));
  await git("init", "-q", "-b", "main");
  await commit("a");
  await git("checkout", "-q", "-b", "side");
  await commit("x");
  await git("checkout", "-q", "main");
  await commit("b");
  await commit("c");
  await git("merge", "-q", "--no-ff", "-m", "merge side", "side");
  sha.d = (await git("rev-parse", "HEAD")).stdout.trim();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("commitRange", () => {
  it("lists good, the commits on paths from it to bad, oldest first, and bad", async () => {
    const range = await commitRange(dir, sha.a as string, "main");
    expect(range[0]).toEqual({ sha: sha.a, subject: "add a" });
    expect(range.at(-1)).toEqual({ sha: sha.d, subject: "merge side" });
    expect(new Set(range.map((c) => c.sha))).toEqual(new Set([sha.a, sha.x, sha.b, sha.c, sha.d]));
  });

  it("leaves out commits that do not descend from good", async () => {
    const range = await commitRange(dir, sha.b as string, "main");
    expect(range.map((c) => c.subject)).toEqual(["add b", "add c", "merge side"]);
  });

  it("refuses an unknown ref, good equal to bad, and good that is not an ancestor of bad", async () => {
    await expect(commitRange(dir, "nope", "main")).rejects.toThrow(/--good nope: not a commit/);
    await expect(commitRange(dir, "main", "main")).rejects.toThrow(/the same commit/);
    await expect(commitRange(dir, "main", sha.a as string)).rejects.toThrow(/not an ancestor/);
  });
});
