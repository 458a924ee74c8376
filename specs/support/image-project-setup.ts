import { relative } from "node:path";
import { afterAll, beforeEach, inject } from "vitest";
import { artifactDir } from "../../harness/artifacts/artifact-path.js";
import { releaseResources } from "../../harness/cleanup/release-resources.js";
import { collectDiagnostics } from "../../harness/diagnostics/collect-diagnostics.js";
import { setProfiling, takeTimings } from "../../harness/profiling/recorder.js";
import { writeWorkerTimings } from "../../harness/profiling/write-profile-report.js";
import { enterTest, leaveTest } from "../../harness/run/current-test.js";
import { tracker } from "../../harness/run/resource-tracker.js";
import { runContext, setRunContext } from "../../harness/run/run-context.js";
import "./provided-context.js";

// Every spec file in the image project: the run context from global setup, per-test ownership of
// containers, diagnostics when a test fails, and removal of whatever the test or file created.
process.env.TESTCONTAINERS_RYUK_DISABLED = "true";
setRunContext(inject("hermesRun"));
setProfiling(runContext().profiling);

beforeEach((context) => {
  const scope = { file: context.task.file.filepath, name: context.task.fullTestName ?? context.task.name };
  enterTest(scope);
  // onTestFinished runs after the result is known and after afterEach hooks: the right moment to
  // explain a failure and then remove the test's containers.
  context.onTestFinished(async (finished) => {
    try {
      if (finished.task.result?.state === "fail") {
        const dir = artifactDir(runContext().artifactsDir, scope.file, scope.name);
        await collectDiagnostics(dir, tracker.containersFor(scope));
        console.error(`[hermes-harness] diagnostics for "${scope.name}": ${relative(process.cwd(), dir)}/`);
      }
    } finally {
      await releaseResources(scope);
      leaveTest(scope);
    }
  });
});

afterAll(async () => {
  await releaseResources(undefined);
  await writeWorkerTimings(runContext().artifactsDir, takeTimings());
});
