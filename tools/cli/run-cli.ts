import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { execa } from "execa";
import { checkDaemon } from "../../harness/engine/daemon-check.js";
import { HarnessSetupError } from "../../harness/harness-setup-error.js";
import { failedToLoad, loadJsonReport } from "../../harness/lifecycle/reports/vitest-report.js";
import { applyEngineChoice, repoRoot as packageRoot } from "../../harness/lifecycle/setup/run-setup.js";
import { bisectCommand } from "../bisect/run-bisect.js";
import { loadCatalogue } from "../regressions/regression-catalogue.js";
import { upstreamGuards } from "../regressions/upstream-guards.js";
import { contractPromises, filesFor, formatClauseList, testNamePattern, uncovered } from "./clause-tests.js";
import { clauseVerdicts, verdictTable } from "./clause-verdicts.js";
import { type CliOptions, parseCliOptions, USAGE } from "./cli-options.js";
import { imageRunArgs } from "./image-run-args.js";
import { packageClauseTests } from "./package-clause-tests.js";

// `hermes-image-harness`: the package's specs, run by vitest against the image the options name.
// Everything it writes goes under the caller's directory; the package itself is only read.

export const DEFAULT_CLI_ARTIFACTS = "hermes-harness-artifacts";
const say = (line: string) => console.log(`hermes-image-harness: ${line}`);

export async function runCli(argv: string[], cwd = process.cwd()): Promise<number> {
  if (argv[0] === "bisect") return bisectCommand(argv.slice(1), cwd);
  let options: CliOptions;
  try {
    options = parseCliOptions(argv);
  } catch (error) {
    return couldNotRun(error);
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const tests = packageClauseTests();

  if (options.list) {
    const promises = contractPromises(readFileSync(join(packageRoot, "docs/contract.md"), "utf8"));
    // The catalogue ships its regression.json files only: enough to name the upstream bugs.
    const catalogue = join(packageRoot, "fixtures", "regressions");
    const { regressions } = existsSync(catalogue) ? await loadCatalogue(catalogue) : { regressions: [] };
    process.stdout.write(`${formatClauseList(tests, promises, upstreamGuards(regressions)).join("\n")}\n`);
    return 0;
  }
  try {
    const missing = uncovered(options.clauses, tests);
    if (missing.length > 0)
      throw new HarnessSetupError(
        `--clause: no test covers ${missing.join(", ")} (--list shows the clauses)`,
      );
    const env = childEnvironment(options, cwd);
    // The engine --engine names, for the check here as for the run.
    applyEngineChoice(env);
    if (env.DOCKER_HOST) process.env.DOCKER_HOST = env.DOCKER_HOST;
    await checkDaemon().catch((error: HarnessSetupError) => {
      throw new HarnessSetupError(error.message.split("\n")[0] ?? error.message);
    });
    const artifactsDir = env.HERMES_HARNESS_ARTIFACTS as string;
    const resultsFile = join(artifactsDir, "results.json");
    const args = imageRunArgs(resultsFile);
    if (options.junit) args.push("--reporter", "junit", `--outputFile.junit=${resolve(cwd, options.junit)}`);
    if (options.clauses.length > 0)
      args.push(`--testNamePattern=${testNamePattern(options.clauses)}`, ...filesFor(options.clauses, tests));
    // The child handles Ctrl-C (it removes what the run made); this process waits for it.
    const ignore = () => {};
    process.on("SIGINT", ignore).on("SIGTERM", ignore);
    const child = await execa(process.execPath, args, { cwd, env, stdio: "inherit", reject: false });
    process.off("SIGINT", ignore).off("SIGTERM", ignore);
    if (child.exitCode === 2 || !existsSync(resultsFile))
      throw new HarnessSetupError(`the run stopped before its tests (exit ${child.exitCode}; see above)`);
    return report(resultsFile, options, cwd, child.exitCode ?? 1);
  } catch (error) {
    return couldNotRun(error);
  }
}

function childEnvironment(options: CliOptions, cwd: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (options.image) env.HERMES_IMAGE = options.image;
  if (options.build) {
    env.HERMES_BUILD_CONTEXT = resolve(cwd, options.build);
    delete env.HERMES_IMAGE;
  }
  if (options.generation) env.HERMES_REFERENCE_GENERATION = options.generation;
  if (options.engine) env.HERMES_ENGINE = options.engine;
  if (options.platform) env.HERMES_PLATFORM = options.platform;
  env.HERMES_HARNESS_ARTIFACTS = resolve(cwd, options.artifacts ?? DEFAULT_CLI_ARTIFACTS);
  const deviations = [join(packageRoot, "docs/deviations.json")];
  if (options.deviations) {
    const file = resolve(cwd, options.deviations);
    if (!existsSync(file)) throw new HarnessSetupError(`--deviations: no file at ${file}`);
    deviations.push(file);
  }
  env.HERMES_HARNESS_DEVIATIONS = deviations.join(delimiter);
  return env;
}

/** Prints the clause table, writes it where --summary says; 1 when a promise is broken. */
function report(resultsFile: string, options: CliOptions, cwd: string, vitestExit: number): number {
  const results = loadJsonReport(resultsFile);
  const verdicts = clauseVerdicts(results);
  const table = verdictTable(verdicts);
  if (options.summary)
    writeFileSync(resolve(cwd, options.summary), `## Hermes image contract\n\n${table}\n`, { flag: "a" });
  const broken = verdicts.filter((v) => v.verdict === "broken" || v.verdict === "deviation did not occur");
  const unloaded = results.testResults.filter(failedToLoad).length;
  console.log(`\n${table}\n`);
  if (broken.length > 0 || unloaded > 0) {
    say(
      `broken: ${broken.map((v) => v.clause).join(", ") || "none"}${unloaded > 0 ? `; ${unloaded} spec file(s) failed to load` : ""}`,
    );
    return 1;
  }
  if (vitestExit !== 0 || verdicts.length === 0)
    return couldNotRun(
      new HarnessSetupError(`vitest exited ${vitestExit} with no broken clause (see above)`),
    );
  say(`every promise tested is kept (${verdicts.length} clauses)`);
  return 0;
}

function couldNotRun(error: unknown): number {
  if (!(error instanceof HarnessSetupError)) console.error(error);
  else say(`could not run: ${error.message}`);
  return 2;
}
