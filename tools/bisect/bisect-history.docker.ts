import { rm } from "node:fs/promises";
import { execa } from "execa";
import { afterAll, beforeAll, expect, it } from "vitest";
import { dockerClient } from "../../harness/engine/docker-client.js";
import { ensureBaseImage } from "../../harness/image/base-image.js";
import { DEFAULT_BASE_IMAGE } from "../../harness/image/target-selection.js";
import { beginRun, ensureReference, repoRoot, runPlatform } from "../../harness/lifecycle/setup/run-setup.js";
import { commitTag } from "./commit-image.js";
import { observedBisect } from "./observed-bisect.js";
import { makeReferenceHistory, type ReferenceHistory } from "./reference-history.js";

// A bisect over a checkout's history, on the real engine, with no registry: a repository made here
// from the reference image's sources, sixteen commits after the good one, one of which puts back the
// catalogue's wrapper-changes-directory bug and one of which does not build.
const AFTER = 16;
const log = (line: string) => console.log(`[bisect-history] ${line}`);
let history: ReferenceHistory;

beforeAll(async () => {
  const run = await beginRun();
  // The reference's build leaves the layer cache each commit's build reuses.
  await ensureReference(run, log, "g2");
  const base = await ensureBaseImage(
    process.env.BASE_IMAGE?.trim() || DEFAULT_BASE_IMAGE,
    log,
    runPlatform(run),
  );
  history = await makeReferenceHistory(repoRoot, base.ref, { after: AFTER, regressAt: 11, unbuildableAt: 8 });
});

afterAll(async () => {
  if (!history) return;
  for (const sha of history.commits)
    await dockerClient()
      .getImage(commitTag(sha))
      .remove()
      .catch(() => undefined);
  await rm(history.dir, { recursive: true, force: true });
});

it("names the commit that broke C3.12 in at most ceil(log2 n) + 2 test runs, skipping one that does not build", async () => {
  const good = history.commits[0] as string;
  const bad = history.commits.at(-1) as string;
  const { result, lines } = await observedBisect("bisect-history", [
    "--build",
    history.dir,
    "--good",
    good,
    "--bad",
    bad,
    "--clause",
    "C3.12",
  ]);

  expect(result.exitCode).toBe(0);
  expect(result.firstBad).toBe(`${history.regressing.slice(0, 10)} wrapper: start in hermes's home`);
  expect(result.failing.map((t) => t.title)).toEqual([
    "C3.12: the main program starts in the directory given with docker run -w",
  ]);
  expect(result.repro).toBe(
    `npx hermes-image-harness --image ${commitTag(history.regressing)} --clause C3.12`,
  );
  expect(result.skipped).toEqual([`${history.unbuildable.slice(0, 10)} Dockerfile: check for a tool`]);
  expect(result.testRuns).toBeLessThanOrEqual(Math.ceil(Math.log2(AFTER)) + 2);
  // One line per step off a terminal: the two ends, then each probe.
  expect(lines.filter((line) => line.startsWith("bisect: step ")).length).toBe(result.steps.length);
  // The checkout is read, never changed: no worktree added, nothing modified.
  expect((await execa("git", ["-C", history.dir, "worktree", "list"])).stdout.split("\n")).toHaveLength(1);
  expect((await execa("git", ["-C", history.dir, "status", "--porcelain"])).stdout).toBe("");
});
