import { randomBytes } from "node:crypto";
import { execa } from "execa";
import stripAnsi from "strip-ansi";
import { recordTiming } from "../profiling/recorder.js";
import { runContext } from "../run/run-context.js";
import { labelArgs } from "./docker-run-labels.js";
import { dockerRunArgs, type StartOptions } from "./start-options.js";

export type RunOnceOptions = Omit<StartOptions, "ports" | "waitFor" | "startupTimeoutMs" | "nameHint"> & {
  /** Default 30 s; past it the container is removed and the call rejects. */
  timeoutMs?: number;
  /** Text fed to the container's stdin (`-i`). */
  stdin?: string;
};

export interface RunOnceResult {
  exitCode: number;
  stdout: string;
  /** With `tty`, docker merges stderr into stdout; this is then empty. */
  stderr: string;
  ms: number;
  /** The exact command line, for failure messages. */
  commandLine: string;
}

/**
 * `docker run --rm IMAGE ...` through the docker CLI, because for invocation parity (C3) the CLI's
 * own semantics are what is under test. Output is ANSI-stripped with CRLF (from -t) folded to LF.
 */
export async function runOnce(options: RunOnceOptions = {}): Promise<RunOnceResult> {
  const run = runContext();
  const name = `hermes-harness-once-${randomBytes(4).toString("hex")}`;
  const stdinFlags = options.stdin !== undefined ? ["-i"] : [];
  const args = [
    "run",
    "--rm",
    "--name",
    name,
    ...labelArgs(run),
    ...stdinFlags,
    ...dockerRunArgs(options, run.image),
  ];
  const timeoutMs = options.timeoutMs ?? 30_000;
  const started = Date.now();
  const result = await execa("docker", args, {
    reject: false,
    timeout: timeoutMs,
    input: options.stdin,
    stdin: options.stdin === undefined ? "ignore" : undefined,
  });
  const ms = Date.now() - started;
  recordTiming("docker", `run ${options.command?.join(" ") ?? "(no args)"}`.slice(0, 80), ms);
  const commandLine = `docker ${args.join(" ")}`;
  if (result.timedOut) {
    const seen = await stateAtTimeout(name);
    // -v: the image declares VOLUME /opt/data, and its anonymous volume would outlive the container.
    await execa("docker", ["rm", "-fv", name], { reject: false });
    throw new Error(
      `runOnce timed out after ${timeoutMs} ms (container removed): ${commandLine}\n${seen}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`,
    );
  }
  const clean = (text: unknown) => stripAnsi(String(text ?? "")).replace(/\r\n/g, "\n");
  return {
    exitCode: result.exitCode ?? -1,
    stdout: clean(result.stdout),
    stderr: clean(result.stderr),
    ms,
    commandLine,
  };
}

/**
 * What the container was doing when the CLI timed out: an exited container means the client hung
 * (the image is fine); a running one shows which process kept it alive.
 */
async function stateAtTimeout(name: string): Promise<string> {
  const inspect = await execa(
    "docker",
    [
      "inspect",
      "-f",
      "{{.State.Status}} (exit code {{.State.ExitCode}}, finished {{.State.FinishedAt}})",
      name,
    ],
    { reject: false, timeout: 10_000 },
  );
  if (inspect.exitCode !== 0) return `container state: unknown (${inspect.stderr.trim()})`;
  const state = `container state at the timeout: ${inspect.stdout.trim()}`;
  if (!inspect.stdout.startsWith("running")) return state;
  const top = await execa("docker", ["top", name, "-o", "pid,ppid,user,stat,args"], {
    reject: false,
    timeout: 10_000,
  });
  return `${state}\nprocesses:\n${top.stdout || top.stderr}`;
}
