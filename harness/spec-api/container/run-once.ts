import { randomBytes } from "node:crypto";
import { execa } from "execa";
import stripAnsi from "strip-ansi";
import { type RunIdentity, runLabels } from "../../engine/labels.js";
import { runContext } from "../../run/context/run-context.js";
import { recordTiming } from "../../run/profiling/recorder.js";
import { TIMEOUTS } from "../wait/timeouts.js";
import { type ContainerOptions, containerSettings, dockerRunArgs } from "./start-options.js";
import {
  MAIN_EXITED_NOT_STOPPED,
  mainProgramGoneButContainerUp,
  parseDockerTop,
} from "./stuck-after-main-exit.js";

export type RunOnceOptions = Omit<ContainerOptions, "ports"> & {
  /** Default TIMEOUTS.bootMs; past it the container is removed and the call rejects. */
  timeoutMs?: number;
  /** Text fed to the container's stdin (`-i`). */
  stdin?: string;
  /** Another image than the one under test: one built FROM it (see buildDerivedImage). */
  image?: string;
  /** Host folders to mount (`-v source:target`) besides /opt/data; for the harness's own cleanup. */
  mounts?: string[];
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
 * The harness's one way to run a throwaway container, labelled with the run like everything else;
 * `run` is only given before the run context exists (global setup).
 */
export async function runOnce(
  options: RunOnceOptions = {},
  run: RunIdentity = runContext(),
): Promise<RunOnceResult> {
  const name = `hermes-harness-once-${randomBytes(4).toString("hex")}`;
  const args = [
    "run",
    "--rm",
    "--name",
    name,
    ...labelArgs(run),
    ...(options.stdin !== undefined ? ["-i"] : []),
    ...(options.mounts ?? []).flatMap((mount) => ["-v", mount]),
    ...dockerRunArgs(containerSettings(options, options.image ?? runContext().image)),
  ];
  const timeoutMs = options.timeoutMs ?? TIMEOUTS.bootMs;
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
    // The image's fault, not the command's: say so first, so the next occurrence names itself.
    const verdict = seen.mainExitedNotStopped
      ? `: ${MAIN_EXITED_NOT_STOPPED} (only PID 1 and its supervision tree were left; fixtures/reference-image/reproduce-exit-hang.sh reproduces this class)`
      : "";
    throw new Error(
      `runOnce timed out after ${timeoutMs} ms (container removed)${verdict}: ${commandLine}\n${seen.text}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`,
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
 * (the image is fine); a running one shows which process kept it alive, and whether that is PID 1
 * with nothing of the main program left (the container should have stopped on its own).
 */
async function stateAtTimeout(name: string): Promise<{ text: string; mainExitedNotStopped: boolean }> {
  const query = (args: string[]) => execa("docker", args, { reject: false, timeout: TIMEOUTS.queryMs });
  const format =
    "{{.State.Pid}} {{.State.Status}} (exit code {{.State.ExitCode}}, finished {{.State.FinishedAt}})";
  const inspect = await query(["inspect", "-f", format, name]);
  if (inspect.exitCode !== 0) {
    return { text: `container state: unknown (${inspect.stderr.trim()})`, mainExitedNotStopped: false };
  }
  const [initPid = "", ...rest] = inspect.stdout.trim().split(" ");
  const status = rest.join(" ");
  const state = `container state at the timeout: ${status}`;
  if (!status.startsWith("running")) return { text: state, mainExitedNotStopped: false };
  const top = await query(["top", name, "-o", "pid,ppid,user,stat,args"]);
  const tree = await query(["top", name, "-o", "pid,ppid,args"]);
  const mainExitedNotStopped =
    tree.exitCode === 0 && mainProgramGoneButContainerUp(parseDockerTop(tree.stdout), Number(initPid));
  return { text: `${state}\nprocesses:\n${top.stdout || top.stderr}`, mainExitedNotStopped };
}

/** `--label k=v` pairs for docker CLI runs, so CLI-made containers are cleaned up like API-made ones. */
export function labelArgs(run: RunIdentity): string[] {
  return Object.entries(runLabels(run)).flatMap(([key, value]) => ["--label", `${key}=${value}`]);
}
