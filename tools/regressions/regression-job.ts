// One long-lived vitest for a regression job (tools/regressions/vitest-job.ts starts it; the
// regression check runs HERMES_REGRESSION_JOBS of them side by side): vitest's own start, its
// config and the harness's transforms are paid once per job, not once per regression run.
//   node --import tsx tools/regressions/regression-job.ts WORKERS REPORTER    (requests come over IPC)
// Each request is one test run, as `vitest run --project image SPECS` would make it: its
// environment set, the run prepared as the global setup would (prepare-run.ts), the spec files
// run, the JSON report written, and what the run made removed.
import { resolve } from "node:path";
import { createVitest, JsonReporter } from "vitest/node";
import { prepareRun, RUNS_PREPARED_BY_CALLER_ENV } from "../../harness/lifecycle/setup/prepare-run.js";
import { repoRoot } from "../../harness/lifecycle/setup/run-setup.js";
import type { JobReply, JobRequest } from "./vitest-job.js";

const [workers = "1", reporter = "dot"] = process.argv.slice(2);
// Every run is prepared below, each with its own image and artifacts folder: the image project's
// global setup, which would prepare one run for the life of this vitest, stands aside.
process.env[RUNS_PREPARED_BY_CALLER_ENV] = "1";

// Told its file and its start for each run: it would otherwise count from the job's start.
const json = new JsonReporter({});
const vitest = await createVitest("test", {
  root: repoRoot,
  project: ["image"],
  reporters: [reporter, json],
  maxWorkers: Number(workers),
  watch: false,
});
// The reporters' one-time start (vitest.start() would also run every spec file once).
await vitest.standalone();
const found = vitest.projects.find((p) => p.name === "image");
if (!found) throw new Error("vitest.config.ts has no project named image");
// Named again once found: runOnce, declared below, may not assume the check above ran.
const project = found;
const log = (line: string) => console.log(`[hermes-harness] ${line}`);

async function runOnce(request: JobRequest): Promise<string | undefined> {
  for (const [name, value] of Object.entries(request.env)) process.env[name] = value;
  json.options = { outputFile: request.outputFile };
  json.start = Date.now();
  const { context, finish } = await prepareRun(log);
  try {
    project.provide("hermesRun", context);
    await vitest.runTestSpecifications(
      request.specs.map((file) => project.createSpecification(resolve(repoRoot, file))),
    );
  } finally {
    await finish();
  }
  return undefined;
}

// One request at a time: the parent sends the next only after this one's reply.
process.on("message", (request: JobRequest) => {
  runOnce(request)
    .catch((error: unknown) => (error instanceof Error ? error.message : String(error)))
    .then((error) => process.send?.({ id: request.id, error } satisfies JobReply));
});
process.on("disconnect", () => {
  vitest.close().finally(() => process.exit(0));
});
process.send?.({ id: "ready" } satisfies JobReply);
