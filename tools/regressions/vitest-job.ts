import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "../../harness/lifecycle/setup/run-setup.js";

/** One test run asked of a job: the spec files, against the image that `env` names. */
export interface JobRequest {
  id: string;
  specs: string[];
  /** Set in the job before the run (HERMES_IMAGE, HERMES_HARNESS_ARTIFACTS, ...). */
  env: Record<string, string>;
  /** Where vitest's JSON reporter writes this run's report. */
  outputFile: string;
}
/** The job's answer: `ready` once vitest is up; then, per request, its id and any error outside tests. */
export interface JobReply {
  id: string;
  error?: string;
}

export interface JobRunResult {
  /** What the run printed (vitest's reporter and the harness's lines), stdout and stderr as they came. */
  output: string;
  /** The run could not be made (its preparation failed, or the job died). */
  error?: string;
}

const JOB_SCRIPT = join(repoRoot, "tools", "regressions", "regression-job.ts");

/**
 * A long-lived vitest in a child process (tools/regressions/regression-job.ts) that makes one test run per
 * request, one at a time. A regression check keeps one per job: vitest's start (about 1.5 core-s
 * here) is paid once per job instead of once per regression. A job that dies is started anew for
 * the next run.
 */
export class VitestJob {
  private child?: ChildProcess;
  private ready?: Promise<void>;
  private output = "";
  private pending?: { id: string; settle: (reply: JobReply) => void };
  private runs = 0;

  constructor(
    private readonly workers: number,
    private readonly reporter: string,
    private readonly showOutput: boolean,
  ) {}

  async run(request: Omit<JobRequest, "id">): Promise<JobRunResult> {
    await this.start();
    const child = this.child as ChildProcess;
    const id = `run-${++this.runs}`;
    this.output = "";
    const reply = await new Promise<JobReply>((settle) => {
      this.pending = { id, settle };
      child.send({ ...request, id } satisfies JobRequest);
    });
    this.pending = undefined;
    return { output: this.output, error: reply.error };
  }

  /** Ends the child (it closes its vitest on disconnect) and waits for it to go. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.disconnect();
    await exited;
  }

  private start(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null && this.ready)
      return this.ready;
    const child = fork(JOB_SCRIPT, [String(this.workers), this.reporter], {
      cwd: repoRoot,
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    this.child = child;
    const take = (chunk: Buffer) => {
      this.output += chunk.toString("utf8");
      if (this.showOutput) process.stdout.write(chunk);
    };
    child.stdout?.on("data", take);
    child.stderr?.on("data", take);
    this.ready = new Promise<void>((resolve, reject) => {
      child.on("message", (reply: JobReply) => {
        if (reply.id === "ready") resolve();
        else if (reply.id === this.pending?.id) this.pending.settle(reply);
      });
      child.once("exit", (code, signal) => {
        const why = `the vitest job process exited (${signal ?? `code ${code}`}): ${this.output.trim().split("\n").slice(-15).join("\n")}`;
        reject(new Error(why));
        this.pending?.settle({ id: this.pending.id, error: why });
      });
    });
    return this.ready;
  }
}
