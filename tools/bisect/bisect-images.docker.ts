import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { dockerClient } from "../../harness/engine/docker-client.js";
import { LABEL_IMAGE_KIND } from "../../harness/engine/labels.js";
import { ensureBaseImage } from "../../harness/image/base-image.js";
import { dockerBuild } from "../../harness/image/docker-build.js";
import { DEFAULT_BASE_IMAGE } from "../../harness/image/target-selection.js";
import {
  beginRun,
  ensureReference,
  repoRoot,
  runArtifactsDir,
  runPlatform,
} from "../../harness/lifecycle/setup/run-setup.js";
import { newRunIdentity } from "../../harness/run/context/run-identity.js";
import { observedBisect } from "./observed-bisect.js";

// A bisect over a list of image tags, on the real engine, with no registry: seventeen tags made here,
// the reference up to the eleventh, the catalogue's wrapper-changes-directory image from there on, and
// at the eighth a Debian base with no hermes user, an image the harness cannot start.
const REPO = "hermes-harness/bisect-test";
const COUNT = 17;
const FIRST_BAD = 11;
const UNSTARTABLE = 8;
const log = (line: string) => console.log(`[bisect-images] ${line}`);
const prefix = newRunIdentity().runId.toLowerCase();
const tagOf = (index: number) => `${prefix}-${String(index).padStart(2, "0")}`;
const refOf = (index: number) => `${REPO}:${tagOf(index)}`;
const regressionTag = `${REPO}:${prefix}-regression`;

/** Every tag in this test's own repository: a run killed before its afterAll leaves some behind. */
async function removeTestTags(): Promise<void> {
  const images = await dockerClient().listImages({ filters: JSON.stringify({ reference: [REPO] }) });
  for (const tag of images.flatMap((image) => image.RepoTags ?? []).filter((t) => t.startsWith(`${REPO}:`)))
    await dockerClient()
      .getImage(tag)
      .remove()
      .catch(() => undefined);
}

beforeAll(async () => {
  await removeTestTags();
  const run = await beginRun();
  const reference = await ensureReference(run, log, "g2");
  const base = await ensureBaseImage(
    process.env.BASE_IMAGE?.trim() || DEFAULT_BASE_IMAGE,
    log,
    runPlatform(run),
  );
  const dir = join(repoRoot, "fixtures/regressions/wrapper-changes-directory");
  await dockerBuild({
    contextDir: dir,
    dockerfile: join(dir, "Dockerfile"),
    tags: [regressionTag],
    buildArgs: { REFERENCE_IMAGE: reference.ref },
    labels: { [LABEL_IMAGE_KIND]: "bisect-test" },
    logFile: join(runArtifactsDir(), "bisect-images", "regression-build.log"),
  });
  for (let i = 0; i < COUNT; i++) {
    const source = i === UNSTARTABLE ? base.ref : i >= FIRST_BAD ? regressionTag : reference.ref;
    await dockerClient()
      .getImage(source)
      .tag({ repo: REPO, tag: tagOf(i) });
  }
});

afterAll(async () => {
  // Untagging leaves the reference and the base; the regression image goes with its last tag.
  await removeTestTags();
});

it("names the first bad tag in at most ceil(log2 n) + 2 test runs, skipping one that cannot start", async () => {
  const between = Array.from({ length: COUNT - 2 }, (_, i) => refOf(i + 1));
  const { result, lines } = await observedBisect("bisect-images", [
    "--good",
    refOf(0),
    "--bad",
    refOf(COUNT - 1),
    "--images",
    between.join(","),
    "--test",
    "starts in the directory given with docker run -w",
  ]);

  expect(result.exitCode).toBe(0);
  expect(result.firstBad).toBe(refOf(FIRST_BAD));
  expect(result.failing.map((t) => t.title)).toEqual([
    "C3.12: the main program starts in the directory given with docker run -w",
  ]);
  expect(result.repro).toBe(`npx hermes-image-harness --image ${refOf(FIRST_BAD)} --clause C3.12`);
  expect(result.skipped).toEqual([refOf(UNSTARTABLE)]);
  expect(result.testRuns).toBeLessThanOrEqual(Math.ceil(Math.log2(COUNT - 1)) + 2);
  expect(lines.filter((line) => line.startsWith("bisect: step ")).length).toBe(result.steps.length);
});
