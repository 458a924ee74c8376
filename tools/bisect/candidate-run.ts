import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { execa, type ResultPromise } from "execa";
import stripAnsi from "strip-ansi";
import { SecretRedactor } from "../../harness/lifecycle/diagnostics/redact-secrets.js";
import { loadJsonReport } from "../../harness/lifecycle/reports/vitest-report.js";
import { repoRoot as packageRoot } from "../../harness/lifecycle/setup/run-setup.js";
import { imageRunArgs } from "../cli/image-run-args.js";
import { type CandidateOutcome, outcomeOfReport } from "./candidate-verdict.js";
import type { Selection } from "./test-selection.js";

export interface CandidateRunRequest {
  image: string;
  selection: Selection;
  /** This run's own artifacts folder: its diagnostics, `results.json` and `vitest-output.txt`. */
  outDir: string;
  /** The environment the run starts from (the engine, the deviations files). */
  env: NodeJS.ProcessEnv;
  /** Called with the child while it runs, so an interrupt can reach it. */
  started?: (child: ResultPromise) => void;
}

/**
 * One test run of the package's image specs against `image`, as the CLI makes one, its output kept
 * in a file rather than shown (the bisect prints its own progress). A run that could not start (the
 * image cannot be had or does not start) comes back as an outcome with an error.
 */
export async function runCandidate(request: CandidateRunRequest): Promise<CandidateOutcome> {
  const { outDir, selection } = request;
  await mkdir(outDir, { recursive: true });
  const resultsFile = join(outDir, "results.json");
  await rm(resultsFile, { force: true });
  const args = [
    ...imageRunArgs(resultsFile),
    ...(selection.pattern ? [`--testNamePattern=${selection.pattern}`] : []),
    ...selection.files,
  ];
  const env: NodeJS.ProcessEnv = {};
  // A bisect started from a test (vitest) must not hand its own worker's settings to the run.
  for (const [name, value] of Object.entries(request.env)) if (!name.startsWith("VITEST")) env[name] = value;
  Object.assign(env, { HERMES_IMAGE: request.image, HERMES_HARNESS_ARTIFACTS: outDir, FORCE_COLOR: "0" });
  delete env.HERMES_BUILD_CONTEXT;
  const child = execa(process.execPath, args, {
    cwd: outDir,
    env,
    extendEnv: false,
    all: true,
    reject: false,
  });
  request.started?.(child);
  const result = await child;
  const output = SecretRedactor.fromEnvironment().redact(stripAnsi(result.all ?? ""));
  const outputFile = join(outDir, "vitest-output.txt");
  await writeFile(outputFile, output);
  if (result.exitCode !== 2 && existsSync(resultsFile)) {
    try {
      return outcomeOfReport(loadJsonReport(resultsFile), packageRoot);
    } catch {
      // An unreadable report is a run that could not be judged, as below.
    }
  }
  const reason = setupFailure(output) ?? `vitest exited ${result.exitCode} with no report`;
  return { tests: [], errors: [`${reason} (${outputFile})`] };
}

/** The line global setup printed under "cannot start the run:", the reason a run never began. */
export function setupFailure(output: string): string | undefined {
  const lines = output.split("\n");
  const at = lines.findIndex((line) => line.includes("cannot start the run:"));
  if (at < 0) return undefined;
  return lines
    .slice(at + 1)
    .find((line) => line.trim() !== "")
    ?.trim();
}
