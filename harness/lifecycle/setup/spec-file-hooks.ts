import { relative } from "node:path";
import { afterAll, beforeEach, inject, type RunnerTestSuite } from "vitest";
import { artifactDir } from "../../run/artifacts/artifact-path.js";
import { deviationFor } from "../../run/deviations/declared-deviations.js";
import { releaseResources } from "../cleanup/release-resources.js";
import "../../run/deviations/task-meta.js";
import { enterTest, leaveTest } from "../../run/context/current-test.js";
import { tracker } from "../../run/context/resource-tracker.js";
import { runContext, setRunContext } from "../../run/context/run-context.js";
import { setProfiling, takeTimings } from "../../run/profiling/recorder.js";
import { collectDiagnostics } from "../diagnostics/collect-diagnostics.js";
import { writeWorkerTimings } from "./write-profile-report.js";
import "../../run/context/provided-context.js";

// Every spec file in the image project: the run context from global setup, per-test ownership of
// containers, diagnostics when a test fails, and removal of whatever the test or file created.
process.env.TESTCONTAINERS_RYUK_DISABLED = "true";
setRunContext(inject("hermesRun"));
setProfiling(runContext().profiling);

beforeEach((context) => {
  const scope = { file: context.task.file.filepath, name: context.task.fullTestName ?? context.task.name };
  enterTest(scope);
  const run = runContext();
  const deviation = deviationFor(run.deviations, context.task.name, run.generation, run.imageLineage);
  if (deviation) {
    // A declared upstream deviation: the test stays strict and vitest flips its result after
    // every hook (an expected failure passes; a pass becomes "Expect test to fail").
    (context.task as { fails?: boolean }).fails = true;
    context.task.meta.deviation = { reason: deviation.reason, evidence: deviation.evidence };
  }
  // onTestFinished runs after the result is known and after afterEach hooks: the right moment to
  // explain a failure and then remove the test's containers.
  context.onTestFinished(async (finished) => {
    const meta = finished.task.meta.deviation;
    if (meta) {
      const failed = finished.task.result?.state === "fail";
      meta.outcome = failed ? "expected-failure" : "unexpected-pass";
      meta.observed = failed
        ? String(finished.task.result?.errors?.[0]?.message ?? "").split("\n")[0]
        : undefined;
      if (!failed)
        console.error(
          `[hermes-harness] declared deviation did not occur: "${scope.name}" passed on ${run.generation.toUpperCase()}; upstream may have fixed it (${meta.evidence}): remove it from the deviations file`,
        );
    }
    try {
      if (finished.task.result?.state === "fail") {
        const dir = artifactDir(runContext().artifactsDir, scope.file, scope.name);
        // Only the containers this test made or used, not every container of the file's beforeAll.
        const used = tracker.containersFor(scope);
        const redactor = await collectDiagnostics(dir, used);
        // Reporters read the result after this hook: no secret value reaches a report either.
        const result = finished.task.result;
        if (result) result.errors = redactor.redactDeep(result.errors);
        Object.assign(finished.task.meta, redactor.redactDeep({ ...finished.task.meta }));
        const containers =
          used.length > 0 ? used.map((c) => c.name).join(", ") : "none: it used no container";
        console.error(
          `[hermes-harness] diagnostics for "${scope.name}": ${relative(process.cwd(), dir)}/ (containers: ${containers})`,
        );
      }
    } finally {
      await releaseResources(scope);
      leaveTest(scope);
    }
  });
});

/** Suites whose own hooks failed (a beforeAll): their tests are skipped, so none explains it. */
function failedSuites(suite: Readonly<RunnerTestSuite>): Readonly<RunnerTestSuite>[] {
  const own = suite.result?.errors?.length ? [suite] : [];
  return [...own, ...suite.tasks.flatMap((task) => (task.type === "suite" ? failedSuites(task) : []))];
}

// biome-ignore lint/correctness/noEmptyPattern: vitest reads a hook's 1st argument as fixtures, by pattern
afterAll(async ({}, file) => {
  const failed = failedSuites(file);
  if (failed.length > 0) {
    const name = `beforeAll of ${failed.map((suite) => suite.name).join(", ")}`;
    const dir = artifactDir(runContext().artifactsDir, file.file.filepath, name);
    await collectDiagnostics(
      dir,
      [...tracker.containers.values()].filter((c) => c.owner === undefined),
    );
    console.error(`[hermes-harness] diagnostics for the failed ${name}: ${relative(process.cwd(), dir)}/`);
  }
  await releaseResources(undefined);
  await writeWorkerTimings(runContext().artifactsDir, takeTimings());
});
