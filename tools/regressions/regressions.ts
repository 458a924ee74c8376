// npm run test:regressions   every regression image must be caught by exactly the tests it lists,
//                            and the same spec files must pass on the reference image; only the
//                            entries of this run's engine (HERMES_ENGINE, default docker).
// npm run repro -- NAME      (or an upstream issue number it puts back: 42675) build one regression image and run the specs that should catch it;
//                            for a new entry (no failingTests yet) print the titles that fail. An
//                            entry bound to an engine runs on it.
// npm run repro              list the catalogue.
// npm run test:regressions -- --reference-report FILE --reference-header FILE
//                            take the reference pass from a run that already ran the spec files on
//                            the same reference image (CI's npm test), if its header names that image
//                            and this run's engine.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import stripAnsi from "strip-ansi";
import { isLocalDaemon } from "../../harness/engine/docker-client.js";
import { type EngineChoice, parseEngineChoice } from "../../harness/engine/engine-choice.js";
import type { LocalImage } from "../../harness/engine/image-store.js";
import type { ImageGeneration } from "../../harness/image/image-generation.js";
import type { TargetImage } from "../../harness/image/resolve-target-image.js";
import { SecretRedactor } from "../../harness/lifecycle/diagnostics/redact-secrets.js";
import { loadJsonReport, reportSeconds } from "../../harness/lifecycle/reports/vitest-report.js";
import { formatRunHeader } from "../../harness/lifecycle/setup/run-header.js";
import {
  beginRun,
  ensureReference,
  exitWith,
  type RunStart,
  repoRoot,
  runArtifactsDir,
  runPlatformOf,
} from "../../harness/lifecycle/setup/run-setup.js";
import { loadEarlierReferencePass, type ReferenceRun, testedEngine } from "./earlier-reference-pass.js";
import { failingTestsSnippet } from "./failing-tests-snippet.js";
import { findRegression } from "./find-regression.js";
import { inParallel, MACHINE_WORKERS, regressionJobs } from "./in-parallel.js";
import { longestFirst } from "./longest-first.js";
import { type CatalogueProblem, loadCatalogue, type Regression } from "./regression-catalogue.js";
import { leftToEngineLine, reproEngine, scopeToEngine } from "./regression-engine.js";
import {
  checkoutId,
  ensureRegressionImage,
  pruneRegressionImages,
  regressionBuildLog,
} from "./regression-image.js";
import {
  leftToPlatformLine,
  reproPlatform,
  runPlatformName,
  scopeToPlatform,
} from "./regression-platform.js";
import { catalogueListing, type VerdictRow, verdictDetail, verdictTable } from "./regression-table.js";
import { judgeRegression, outcomeOf, type RunOutcome } from "./regression-verdict.js";
import { VitestJob } from "./vitest-job.js";

const catalogueRoot = join(repoRoot, "fixtures", "regressions");
const reportsDir = join(repoRoot, "reports", "regressions");
const artifactsDir = runArtifactsDir();
const log = (line: string) => console.log(`[regressions] ${line}`);

/** Where a run's own vitest output is kept when it is not shown: a MISSED verdict's explanation. */
const outputLog = (label: string) => join(artifactsDir, "regressions", label, "vitest-output.txt");

async function runSpecs(job: VitestJob, image: string, specs: string[], label: string): Promise<RunOutcome> {
  const outputFile = join(reportsDir, `${label}.json`);
  await rm(outputFile, { force: true });
  const result = await job
    .run({
      specs,
      outputFile,
      env: {
        HERMES_IMAGE: image,
        HERMES_BUILD_CONTEXT: "",
        CI: "",
        // Each run's failure diagnostics in a folder of its own, which that run clears at its start.
        HERMES_HARNESS_ARTIFACTS: join(artifactsDir, "regressions", label),
      },
    })
    .catch((error: Error) => ({ output: "", error: error.message }));
  await mkdir(dirname(outputLog(label)), { recursive: true });
  await writeFile(outputLog(label), SecretRedactor.fromEnvironment().redact(stripAnsi(result.output)));
  try {
    if (result.error) throw new Error(result.error);
    return outcomeOf(loadJsonReport(outputFile));
  } catch (error) {
    const tail = result.output.trim().split("\n").slice(-15).join("\n");
    return {
      passed: [],
      failed: [],
      skipped: [],
      errors: [`vitest wrote no report (${(error as Error).message}): ${tail}`],
    };
  }
}

// Node's own parser: an unknown or misspelt option is an error, not silently a positional.
function parseArguments() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { "reference-report": { type: "string" }, "reference-header": { type: "string" } },
    });
  } catch (error) {
    console.error(
      `[regressions] ${(error as Error).message.split(". ")[0]}; known: --reference-report FILE --reference-header FILE`,
    );
    process.exit(2);
  }
}
const { values: flags, positionals: positional } = parseArguments();

async function main(): Promise<number> {
  const [mode = "check", name] = positional;
  const { regressions, problems } = await loadCatalogue(catalogueRoot);
  let chosen: Regression | undefined;
  if (mode === "repro") {
    if (!name) {
      console.log(catalogueListing(regressions, problems));
      return problems.length > 0 ? 1 : 0;
    }
    // Only the entry asked for has to be readable: another one's mistake is not in the way.
    const problem = problems.find((p) => p.name === name);
    if (problem) {
      console.error(`[regressions] ${problem.message}`);
      return 2;
    }
    const found = findRegression(regressions, name);
    if (typeof found === "string") {
      console.error(`[regressions] ${found}`);
      return 2;
    }
    chosen = found;
    if (chosen.name !== name)
      log(`${name}: upstream #${name.replace(/^\D+/, "")} is put back by ${chosen.name}`);
    // Set before the run begins: beginRun turns HERMES_ENGINE into DOCKER_HOST.
    const bound = reproEngine(chosen, parseEngineChoice(process.env.HERMES_ENGINE));
    if (bound) {
      process.env.HERMES_ENGINE = bound;
      log(
        `${chosen.name} is bound to ${bound} (its regression.json's "engine"): running on it, HERMES_ENGINE=${bound}`,
      );
    }
    const platform = reproPlatform(chosen, runPlatformName(process.env));
    if (platform) {
      process.env.HERMES_PLATFORM = platform;
      log(
        `${chosen.name} is for ${platform} (its regression.json's "platform"): HERMES_PLATFORM=${platform}`,
      );
    }
  }
  const engine = parseEngineChoice(process.env.HERMES_ENGINE) ?? "docker";
  const engineScope = scopeToEngine(regressions, engine);
  const platformScope = scopeToPlatform(engineScope.here, runPlatformName(process.env));
  const scope = { here: platformScope.here };
  if (!chosen) {
    for (const group of engineScope.elsewhere) log(leftToEngineLine(group));
    for (const group of platformScope.elsewhere) log(leftToPlatformLine(group));
    if (scope.here.length === 0) return nothingToCheck(engine, problems);
  }
  const run = await beginRun();
  await mkdir(reportsDir, { recursive: true });
  // Regression images are built FROM the G2 flavour (hermes-harness/reference:latest).
  const reference = await ensureReference(run, log, "g2");
  if (chosen) return repro(chosen, reference);
  return check(scope.here, problems, reference, {
    engine,
    platform: runPlatformName(process.env),
    referenceRun: { image: reference.ref, engine: engineLine(run, reference) },
    catalogue: [...regressions.map((r) => r.name), ...problems.map((p) => p.name)],
    leftElsewhere: regressions.length - scope.here.length,
  });
}

/** The engine line this run's header would have (run-header.ts), to compare with an earlier run's. */
function engineLine(run: RunStart, image: TargetImage & { generation: ImageGeneration }): string {
  const header = formatRunHeader({
    runId: run.identity.runId,
    image,
    hermesVersion: "",
    generation: image.generation,
    daemon: run.daemon,
    localDaemon: isLocalDaemon(run.daemon.address),
    platform: runPlatformOf(image, run.daemon.engine.architecture),
  });
  return testedEngine(header) ?? "";
}

/** An entry that cannot be read, as a row of the check's table. */
const invalidRow = (p: CatalogueProblem): VerdictRow => ({
  name: p.name,
  clause: "?",
  verdict: "invalid",
  detail: p.message,
});

/** No entry runs on this engine: no reference to build; an unreadable entry may be this engine's. */
function nothingToCheck(engine: EngineChoice, problems: CatalogueProblem[]): number {
  if (problems.length === 0) {
    log(`no regressions run on ${engine}: nothing to check`);
    return 0;
  }
  console.log(`\n${verdictTable(problems.map(invalidRow))}`);
  log(`no regressions run on ${engine}, but ${problems.length} cannot be read (they may be ${engine}'s)`);
  return 1;
}

/** One regression, verbosely. Exits 0 only when it is caught as listed (or, new, when tests fail). */
async function repro(regression: Regression, reference: LocalImage): Promise<number> {
  const image = await ensureRegressionImage(regression, reference, artifactsDir, log);
  const file = relative(process.cwd(), join(regression.dir, "regression.json"));
  const isNew = regression.failingTests.length === 0;
  log(`${regression.name}: ${regression.summary}`);
  log(
    `running ${regression.specs.join(" ")} against ${image.ref}; ${isNew ? `${file} lists no failingTests yet` : "expected to fail:"}`,
  );
  for (const title of regression.failingTests) log(`  - ${title}`);
  const job = new VitestJob(MACHINE_WORKERS, "verbose", true);
  const outcome = await runSpecs(job, image.ref, regression.specs, regression.name).finally(() =>
    job.close(),
  );
  const failingNow = () => {
    log(
      `failing now, ready to paste into ${file} (bare test titles, as the verdict matches them; check each fails for this bug's reason):`,
    );
    console.log(failingTestsSnippet(outcome.failed));
  };
  if (isNew) {
    if (outcome.failed.length === 0 || outcome.errors.length > 0) {
      const errors = outcome.errors.length ? `; errors: ${outcome.errors.join(" | ")}` : "";
      log(`NOT caught: no test in ${regression.specs.join(" ")} failed${errors}`);
      return 1;
    }
    failingNow();
    return 0;
  }
  const verdict = judgeRegression(regression.failingTests, outcome);
  if (verdict.caught) {
    log("caught, as expected");
    return 0;
  }
  log(`NOT caught as expected: ${verdictDetail(verdict, outcome)}`);
  if (outcome.failed.length > 0) failingNow();
  return 1;
}

/** --reference-report and --reference-header, if given and usable; else why not ("" when not given). */
async function earlierReferencePass(reference: ReferenceRun, specs: string[]): Promise<RunOutcome | string> {
  const report = flags["reference-report"];
  const header = flags["reference-header"];
  if (!report || !header) return "";
  const outcome = await loadEarlierReferencePass({ report, header }, reference, specs);
  if (typeof outcome !== "string")
    log(`reference pass: taken from ${report} (${header} names ${reference.image} on ${reference.engine})`);
  return typeof outcome === "string" ? `not taken from ${report}: ${outcome}` : outcome;
}

/** How long a regression's run took last time here, from its report (undefined: no usable report). */
function lastRunSeconds(name: string): number | undefined {
  try {
    return reportSeconds(loadJsonReport(join(reportsDir, `${name}.json`)));
  } catch {
    return undefined;
  }
}

/**
 * The catalogue's entries for this run's engine: a reference pass, then every regression; one bad
 * entry is a row, not the end.
 */
async function check(
  regressions: Regression[],
  problems: CatalogueProblem[],
  reference: LocalImage,
  scope: {
    engine: EngineChoice;
    /** Another platform than the host's (HERMES_PLATFORM), else undefined. */
    platform: string | undefined;
    referenceRun: ReferenceRun;
    /** Every entry's name, of every engine: another engine's are no orphans to prune. */
    catalogue: string[];
    /** How many entries another engine's or platform's run checks. */
    leftElsewhere: number;
  },
): Promise<number> {
  const started = Date.now();
  const jobs = regressionJobs(process.env);
  // Runs side by side share the machine's spec workers: as many spec files at once as one test run.
  const workersPerJob = Math.max(1, Math.floor(MACHINE_WORKERS / jobs));
  // One long-lived vitest per job, taken for a run and given back after it.
  const idle = Array.from({ length: jobs }, () => new VitestJob(workersPerJob, "dot", false));
  const onJob = async <T>(work: (job: VitestJob) => Promise<T>): Promise<T> => {
    const job = idle.pop() as VitestJob;
    try {
      return await work(job);
    } finally {
      idle.push(job);
    }
  };
  const allSpecs = [...new Set(regressions.flatMap((r) => r.specs))].sort();
  log(
    `${regressions.length} regressions and a reference pass on ${scope.engine}, ${jobs} at a time (HERMES_REGRESSION_JOBS)`,
  );
  type Row = VerdictRow & { caught: boolean; built?: string };
  const rows: Row[] = problems.map((p) => ({ ...invalidRow(p), caught: false }));
  let referenceOk = false;
  // The reference pass first: it is the longest run (every listed spec file).
  const referencePass = async (): Promise<undefined> => {
    let outcome = await earlierReferencePass(scope.referenceRun, allSpecs);
    if (typeof outcome === "string") {
      log(`reference pass: ${allSpecs.join(" ")} on ${reference.ref}${outcome ? ` (${outcome})` : ""}`);
      outcome = await onJob((job) => runSpecs(job, reference.ref, allSpecs, "reference"));
    }
    referenceOk = outcome.failed.length === 0 && outcome.errors.length === 0 && outcome.passed.length > 0;
    log(
      `reference: ${outcome.passed.length} passed, ${outcome.failed.length} failed${referenceOk ? "" : ` ${JSON.stringify(outcome.failed.concat(outcome.errors))}`}`,
    );
  };
  const judge = async (regression: Regression): Promise<Row> => {
    const row = { name: regression.name, clause: regression.clause, caught: false };
    if (regression.failingTests.length === 0) {
      return { ...row, verdict: "no titles", detail: `list them: npm run repro -- ${regression.name}` };
    }
    let image: LocalImage;
    try {
      image = await ensureRegressionImage(regression, reference, artifactsDir, log);
    } catch (error) {
      const message = (error as Error).message;
      log(`${regression.name} did not build: ${message}`);
      const logFile = relative(process.cwd(), regressionBuildLog(artifactsDir, regression.name));
      // The build log's last line is the step that failed (often a guarded sed that no longer applies).
      const lastLine = message.trim().split("\n").at(-1) ?? message;
      return { ...row, verdict: "did not build", detail: `${lastLine} (log: ${logFile})` };
    }
    const outcome = await onJob((job) => runSpecs(job, image.ref, regression.specs, regression.name));
    const verdict = judgeRegression(regression.failingTests, outcome);
    const detail = verdictDetail(verdict, outcome);
    const why = verdict.caught
      ? ""
      : ` (its run's output: ${relative(process.cwd(), outputLog(regression.name))})`;
    log(
      `${verdict.caught ? "caught " : "MISSED "} ${regression.name} (${regression.clause}): ${detail}${why}`,
    );
    return {
      ...row,
      verdict: verdict.caught ? "caught" : "MISSED",
      detail,
      caught: verdict.caught,
      built: image.ref,
    };
  };
  const ordered = longestFirst(regressions, lastRunSeconds);
  const judged = await inParallel([undefined, ...ordered], jobs, (r) =>
    r ? judge(r) : referencePass(),
  ).finally(() => Promise.all(idle.map((job) => job.close())));
  for (const row of judged) if (row) rows.push(row);
  const built = rows.filter((row) => row.built !== undefined);
  rows.sort((a, b) => a.name.localeCompare(b.name));
  console.log(`\n${verdictTable(rows)}`);

  // Superseded builds of what was built now, and this checkout's images of renamed or removed
  // regressions; another checkout's are left for their own runs (stale-regression-images.ts).
  const first = regressions[0];
  if (first) {
    const removed = await pruneRegressionImages({
      checkout: checkoutId(first),
      keep: built.map((row) => row.built as string),
      names: built.map((row) => row.name),
      catalogue: scope.catalogue,
    });
    if (removed.length > 0)
      log(`removed ${removed.length} superseded regression image tag(s): ${removed.join(", ")}`);
  }

  const caught = rows.filter((r) => r.caught).length;
  const elsewhere =
    scope.leftElsewhere > 0 ? `; ${scope.leftElsewhere} left to another engine or platform (above)` : "";
  const closing = `${caught} of ${rows.length} regressions caught on ${scope.engine}${scope.platform ? ` for ${scope.platform}` : ""}; reference pass ${referenceOk ? "green" : "RED"}${elsewhere}; ${Math.round((Date.now() - started) / 1000)} s`;
  log(closing);
  // What went wrong, where a long log's end is all that is read (CI's summary prints these files).
  const notCaught = rows
    .filter((r) => !r.caught)
    .map((r) => `  ${r.verdict} ${r.name} (${r.clause}): ${r.detail}`);
  await writeFile(
    join(
      reportsDir,
      `closing-${scope.engine}${scope.platform ? `-${scope.platform.replaceAll("/", "-")}` : ""}.txt`,
    ),
    `[regressions] ${closing}\n${notCaught.join("\n")}${notCaught.length > 0 ? "\n" : ""}`,
  );
  return caught === rows.length && referenceOk && rows.length > 0 ? 0 : 1;
}

main().then((code) => process.exit(code), exitWith);
