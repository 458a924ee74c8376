import { delimiter, join, resolve } from "node:path";
import { checkDaemon } from "../../harness/engine/daemon-check.js";
import { HarnessSetupError } from "../../harness/harness-setup-error.js";
import { applyEngineChoice, repoRoot as packageRoot } from "../../harness/lifecycle/setup/run-setup.js";
import { uncovered } from "../cli/clause-tests.js";
import { packageClauseTests } from "../cli/package-clause-tests.js";
import { type Candidate, candidatesOf } from "./bisect-candidates.js";
import { BISECT_USAGE, type BisectOptions, parseBisectOptions } from "./bisect-options.js";
import { BisectProgress, counted, type ProgressOutput } from "./bisect-progress.js";
import { type BisectSummary, reproLine, summaryLines } from "./bisect-report.js";
import { bisect, openCandidates, runsLeftAtMost, type SearchState, type Verdict } from "./bisect-search.js";
import { CandidateTrials, Interrupted, untestable } from "./candidate-trials.js";
import { definingTests, judgeCandidate } from "./candidate-verdict.js";
import { scopeSelection, type TestRef, titlesSelection } from "./test-selection.js";

// `hermes-image-harness bisect`: the first candidate, between a good and a bad one, where the chosen
// tests fail. bisect-search.ts decides which candidate to test; this file builds and tests them.

/** Beside the CLI's own `./hermes-harness-artifacts`. */
export const DEFAULT_BISECT_ARTIFACTS = join("hermes-harness-artifacts", "bisect");

export interface BisectResult extends BisectSummary {
  /** 0: the first bad candidate is found; 1: skips leave several it could be. */
  exitCode: 0 | 1;
  candidates: string[];
  /** Each step in order: the candidate and what it was, `skip` with its reason. */
  steps: { label: string; verdict: Verdict | "bad end" | "good end"; note?: string }[];
}

export async function bisectCommand(
  argv: string[],
  cwd = process.cwd(),
  out: ProgressOutput = process.stdout,
): Promise<number> {
  const say = (line: string) => out.write(`hermes-image-harness bisect: ${line}\n`);
  let options: BisectOptions;
  try {
    options = parseBisectOptions(argv);
  } catch (error) {
    return couldNotRun(error, say);
  }
  if (options.help) {
    out.write(`${BISECT_USAGE}\n`);
    return 0;
  }
  try {
    const result = await runBisect(options, cwd, out);
    out.write(`\n${summaryLines(result).join("\n")}\n`);
    return result.exitCode;
  } catch (error) {
    if (error instanceof Interrupted) {
      say("interrupted: the run in progress removed what it made; nothing else was left");
      return 130;
    }
    return couldNotRun(error, say);
  }
}

function couldNotRun(error: unknown, say: (line: string) => void): number {
  if (!(error instanceof HarnessSetupError)) console.error(error);
  else say(`could not run: ${error.message}`);
  return 2;
}

export async function runBisect(
  options: BisectOptions,
  cwd: string,
  out: ProgressOutput,
): Promise<BisectResult> {
  const began = Date.now();
  const source = options.source;
  if (!source) throw new HarnessSetupError("bisect needs --good and --bad (see bisect --help)");
  const artifactsDir = resolve(cwd, options.artifacts ?? DEFAULT_BISECT_ARTIFACTS);
  const progress = new BisectProgress(out);
  const log = (line: string) => progress.say(`bisect: ${line}`);

  const tests = packageClauseTests();

  const missing = uncovered(options.clauses, tests);
  if (missing.length > 0)
    throw new HarnessSetupError(`--clause: no test covers ${missing.join(", ")} (--list shows the clauses)`);
  const scope = scopeSelection(tests, options.clauses, options.names);
  const env = runEnvironment(options, cwd);
  await checkDaemon().catch((error: HarnessSetupError) => {
    throw new HarnessSetupError(error.message.split("\n")[0] ?? error.message);
  });

  const candidates = await candidatesOf(source, cwd, join(artifactsDir, "builds"));
  const count = candidates.length;
  log(`${counted(count - 2, "candidate")} between --good and --bad; what is bad: ${scopeText(options)}`);

  const trials = new CandidateTrials(candidates, progress, artifactsDir, env, log);
  const stopListening = trials.listenForInterrupts();
  const steps: BisectResult["steps"] = [];
  const failingAt = new Map<number, TestRef[]>();
  const skipped: string[] = [];

  try {
    const endView = { stepsAtMost: 2 + runsLeftAtMost(count - 2), candidatesLeft: count - 1 };
    // The bad end first: what fails there is all the good end has to run.
    const bad = await trials.tryCandidate(count - 1, scope, endView);
    const badProblem = untestable(bad);
    if (badProblem || !bad.outcome) {
      progress.end("could not be tested");
      throw new HarnessSetupError(`--bad ${source.bad} could not be tested: ${badProblem}`);
    }
    for (const error of bad.outcome.errors) log(`on --bad, besides the tests: ${error}`);
    const failedOnBad = bad.outcome.tests
      .filter((t) => t.status === "failed")
      .map(({ file, title }) => ({ file, title }));
    const failText = `${counted(failedOnBad.length, "test")} ${failedOnBad.length === 1 ? "fails" : "fail"}`;
    progress.end(failText);
    steps.push({ label: source.bad, verdict: "bad end", note: failText });
    if (failedOnBad.length === 0)
      throw new HarnessSetupError(
        `nothing fails on --bad ${source.bad} (${scopeText(options)}): there is no change to find`,
      );

    const good = await trials.tryCandidate(0, titlesSelection(failedOnBad), endView);
    const goodProblem = untestable(good);
    if (goodProblem || !good.outcome) {
      progress.end("could not be tested");
      throw new HarnessSetupError(`--good ${source.good} could not be tested: ${goodProblem}`);
    }
    for (const error of good.outcome.errors) log(`on --good, besides the tests: ${error}`);
    const { defining, failOnBoth } = definingTests(bad.outcome, good.outcome);
    progress.end(`${defining.length} of them ${defining.length === 1 ? "passes" : "pass"}`);
    steps.push({ label: source.good, verdict: "good end", note: `${defining.length} pass` });
    if (failOnBoth.length > 0)
      log(`left out, failing on --good too: ${failOnBoth.map((t) => t.title).join("; ")}`);
    if (defining.length === 0)
      throw new HarnessSetupError(
        `--good ${source.good} is bad too: every test that fails on --bad also fails (or does not run) there`,
      );
    log(`bad means: ${defining.length === 1 ? defining[0]?.title : `any of ${defining.length} tests`} fails`);
    failingAt.set(count - 1, defining);

    const judge = async (index: number, state: SearchState): Promise<Verdict> => {
      const view = {
        stepsAtMost: trials.step + runsLeftAtMost(openCandidates(state).length),
        candidatesLeft: state.firstBad - state.lastGood,
      };
      const label = (candidates[index] as Candidate).label;
      const tried = await trials.tryCandidate(index, titlesSelection(defining), view);
      const problem = untestable(tried);
      if (problem || !tried.outcome) {
        progress.end(`skip (${problem})`);
        skipped.push(label);
        steps.push({ label, verdict: "skip", note: problem });
        return "skip";
      }
      const { verdict, failing } = judgeCandidate(tried.outcome, defining);
      failingAt.set(index, failing);
      progress.end(verdict === "skip" ? "skip (the tests did not all run)" : verdict);
      if (verdict === "skip") skipped.push(label);
      steps.push({ label, verdict });
      return verdict;
    };
    const search = await bisect(count, judge);
    const firstBad = search.firstBad;
    const failing = failingAt.get(search.suspects.at(-1) ?? count - 1) ?? [];
    const ref = firstBad !== undefined ? trials.refs.get(firstBad) : undefined;
    return {
      exitCode: firstBad !== undefined ? 0 : 1,
      candidates: candidates.map((c) => c.label),
      ...(firstBad !== undefined ? { firstBad: (candidates[firstBad] as Candidate).label } : {}),
      suspects: search.suspects.map((i) => (candidates[i] as Candidate).label),
      failing,
      ...(ref ? { repro: reproLine(ref, failing) } : {}),
      testRuns: trials.testRuns,
      builds: trials.builds,
      skipped,
      steps,
      elapsedMs: Date.now() - began,
    };
  } finally {
    progress.end("stopped");
    stopListening();
  }
}

/** The environment each run starts from: the engine, upstream's deviations and the caller's. */
function runEnvironment(options: BisectOptions, cwd: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (options.engine) env.HERMES_ENGINE = options.engine;
  applyEngineChoice(env);
  // This process builds and checks the daemon too, on the same engine.
  if (env.DOCKER_HOST) process.env.DOCKER_HOST = env.DOCKER_HOST;
  const deviations = [join(packageRoot, "docs/deviations.json")];
  if (options.deviations) deviations.push(resolve(cwd, options.deviations));
  env.HERMES_HARNESS_DEVIATIONS = deviations.join(delimiter);
  return env;
}

function scopeText(options: BisectOptions): string {
  const chosen = [
    ...(options.clauses.length > 0 ? [`clauses ${options.clauses.join(",")}`] : []),
    ...options.names.map((name) => `tests named "${name}"`),
  ];
  return `${chosen.length > 0 ? `among ${chosen.join(" and ")}, ` : ""}the tests that fail on --bad and pass on --good`;
}
