import type { TestProject } from "vitest/node";
import { HarnessSetupError } from "../../harness-setup-error.js";
import { prepareRun, RUNS_PREPARED_BY_CALLER_ENV } from "./prepare-run.js";
import { exitWith } from "./run-setup.js";
import "../../run/context/provided-context.js";

/**
 * Once per run, before any spec: a daemon that answers, the target image (built only when its
 * inputs changed), leftovers of dead runs swept, and the run header printed (prepare-run.ts).
 */
export default async function setup(project: TestProject) {
  // A regression job's vitest lives for many runs and prepares each one itself.
  if (process.env[RUNS_PREPARED_BY_CALLER_ENV] === "1") return;
  const log = (line: string) => console.log(`[hermes-harness] ${line}`);
  try {
    const { context, finish } = await prepareRun(log);
    project.provide("hermesRun", context);
    return finish;
  } catch (error) {
    // A setup error is one message, then stop: every spec would fail the same way, and vitest
    // would otherwise add a misleading "No test files found" around it.
    if (error instanceof HarnessSetupError) exitWith(error, "[hermes-harness] cannot start the run:");
    throw error;
  }
}
