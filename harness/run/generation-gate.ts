import type { TestContext } from "vitest";
import type { ImageGeneration } from "../image/image-generation.js";
import { runContext } from "./run-context.js";
import "../deviations/task-meta.js";

/**
 * For a clause that only one generation promises: on the other, the test is skipped and marked
 * "not applicable" with the reason, which the run summary counts apart from silent skips.
 */
export function onlyInGeneration(context: TestContext, generation: ImageGeneration, clause: string): void {
  const actual = runContext().generation;
  if (actual === generation) return;
  const note = `${clause} is a ${generation.toUpperCase()} promise; this image is ${actual.toUpperCase()}`;
  context.task.meta.notApplicable = note;
  context.skip(note);
}
