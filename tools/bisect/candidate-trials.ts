import { join } from "node:path";
import type { ResultPromise } from "execa";
import { HarnessSetupError } from "../../harness/harness-setup-error.js";
import type { Candidate } from "./bisect-candidates.js";
import type { BisectProgress } from "./bisect-progress.js";
import { runCandidate } from "./candidate-run.js";
import type { CandidateOutcome } from "./candidate-verdict.js";
import type { Selection } from "./test-selection.js";

/** Ctrl-C (or TERM) during a bisect: the run in progress has removed what it made. */
export class Interrupted extends Error {}

/** What one step gave: a test run's outcome, or why the candidate has no image. */
export interface Trial {
  outcome?: CandidateOutcome;
  problem?: string;
}

/** Why a candidate could not be tested (no image, or no test ran), else undefined. */
export const untestable = (trial: Trial): string | undefined =>
  trial.problem ?? (trial.outcome?.tests.length === 0 ? trial.outcome.errors[0] : undefined);

/**
 * The bisect's steps, one per candidate tried: its image (a build counts), then one test run in a
 * folder of its own. Counts what the closing summary reports and stops the search on Ctrl-C.
 */
export class CandidateTrials {
  step = 0;
  testRuns = 0;
  builds = 0;
  /** Each tried candidate's image. */
  readonly refs = new Map<number, string>();
  private interrupted = false;
  private child: ResultPromise | undefined;

  constructor(
    private readonly candidates: readonly Candidate[],
    private readonly progress: BisectProgress,
    private readonly artifactsDir: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: (line: string) => void,
  ) {}

  /** Ctrl-C reaches the run in progress too; it removes what it made, then the bisect stops. */
  listenForInterrupts(): () => void {
    const onSignal = () => {
      this.interrupted = true;
      this.child?.kill("SIGINT");
    };
    process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
    return () => process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
  }

  async tryCandidate(
    index: number,
    selection: Selection,
    view: { stepsAtMost: number; candidatesLeft: number },
  ): Promise<Trial> {
    const candidate = this.candidates[index] as Candidate;
    this.step += 1;
    this.progress.begin({ step: this.step, label: candidate.label, ...view }, "preparing");
    let ref: string;
    try {
      const image = await candidate.image(this.log);
      if (image.built) this.builds += 1;
      ref = image.ref;
    } catch (error) {
      if (!(error instanceof HarnessSetupError)) throw error;
      this.stopIfInterrupted();
      return { problem: error.message.split("\n")[0] ?? error.message };
    }
    this.stopIfInterrupted();
    this.refs.set(index, ref);
    this.progress.phase("testing");
    const stepDir = join(
      this.artifactsDir,
      `step-${String(this.step).padStart(2, "0")}-${slug(candidate.label)}`,
    );
    const outcome = await runCandidate({
      image: ref,
      selection,
      outDir: stepDir,
      env: this.env,
      started: (started) => {
        this.child = started;
      },
    });
    this.child = undefined;
    this.stopIfInterrupted();
    if (outcome.tests.length > 0) this.testRuns += 1;
    return { outcome };
  }

  private stopIfInterrupted(): void {
    if (this.interrupted) throw new Interrupted();
  }
}

const slug = (label: string) => label.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 48);
