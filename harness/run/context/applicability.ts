import type { TestContext } from "vitest";
import { describeEngine, type EngineIdentity } from "../../engine/engine-identity.js";
import type { ImageGeneration } from "../../image/image-generation.js";
import { runContext } from "./run-context.js";
import "../deviations/task-meta.js";

// When a promise does not apply to the image under test (another generation's, a later release's):
// the test is skipped and marked "not applicable" with the reason, which the run summary counts apart
// from silent skips.

/** For a clause that only one generation promises. */
export function onlyInGeneration(context: TestContext, generation: ImageGeneration, clause: string): void {
  const actual = runContext().generation;
  if (actual === generation) return;
  const note = `${clause} is a ${generation.toUpperCase()} promise; this image is ${actual.toUpperCase()}`;
  context.task.meta.notApplicable = note;
  context.skip(note);
}

/** [major, minor, patch] of a `hermes --version` line ("Hermes Agent v0.18.0 (2026.7.1)"), if it has one. */
export function parseHermesVersion(line: string): [number, number, number] | undefined {
  const m = /\bv?(\d+)\.(\d+)(?:\.(\d+))?/.exec(line.replace(/\(.*?\)/g, ""));
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

/**
 * True when `version` is at least `since` ("0.16.0"). A version the harness cannot read counts as
 * new enough: the nightly judges `latest`, and a promise silently skipped there would hide a bug.
 */
export function versionAtLeast(version: string, since: string): boolean {
  const have = parseHermesVersion(version);
  const want = parseHermesVersion(since);
  if (!want) throw new Error(`versionAtLeast: ${JSON.stringify(since)} is not a version`);
  if (!have) return true;
  for (let i = 0; i < 3; i++) {
    if (have[i] !== want[i]) return (have[i] as number) > (want[i] as number);
  }
  return true;
}

/** For a promise upstream made in a given release: an older image does not owe it. */
export function onlySinceVersion(context: TestContext, since: string, promise: string): void {
  const { hermesVersion } = runContext();
  if (versionAtLeast(hermesVersion, since)) return;
  const note = `${promise} is promised from Hermes v${since} on; this image is ${hermesVersion}`;
  context.task.meta.notApplicable = note;
  context.skip(note);
}

/**
 * For a clause that needs something of the engine (say, resource limits a rootless engine on cgroup
 * v1 cannot apply): on another engine it is not applicable, and says which engine and what it lacks.
 */
export function onlyWhereEngine(
  context: TestContext,
  has: (engine: EngineIdentity) => boolean,
  clause: string,
  needs: string,
): void {
  const { engine } = runContext();
  if (has(engine)) return;
  const note = `${clause} needs ${needs}; this engine is ${describeEngine(engine)}`;
  context.task.meta.notApplicable = note;
  context.skip(note);
}

/**
 * For a clause that applies only to images with a given part (say, an entrypoint dispatcher that
 * only later images ship): on another image it is not applicable, and says what the image lacks.
 */
export function onlyWhereImageHas(context: TestContext, has: boolean, clause: string, part: string): void {
  if (has) return;
  const note = `${clause} applies only where the image has ${part}; this one does not`;
  context.task.meta.notApplicable = note;
  context.skip(note);
}
