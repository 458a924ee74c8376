import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import type Docker from "dockerode";
import stripAnsi from "strip-ansi";
import { dockerClient } from "../../engine/docker-client.js";
import { type RunIdentity, runLabels } from "../../engine/labels.js";
import { withTimeout } from "../../engine/with-timeout.js";
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
 * `docker run --rm IMAGE ...` as the docker CLI does it, through the engine's API: create, attach,
 * start, wait, remove. The API, not the CLI, so that every engine (Docker, Podman's compatible API)
 * reports the same exit codes and output, and no `docker` binary is needed. Output is ANSI-stripped
 * with CRLF (from -t) folded to LF. The harness's one way to run a throwaway container, labelled with
 * the run like everything else; `run` is only given before the run context exists (global setup).
 */
export async function runOnce(
  options: RunOnceOptions = {},
  run: RunIdentity = runContext(),
): Promise<RunOnceResult> {
  const name = `hermes-harness-once-${randomBytes(4).toString("hex")}`;
  const settings = containerSettings(options, options.image ?? runContext().image);
  const binds = [...(settings.HostConfig?.Binds ?? []), ...(options.mounts ?? [])];
  const withStdin = options.stdin !== undefined;
  const commandLine = `docker ${["run", "--rm", "--name", name, ...labelArgs(run), ...(withStdin ? ["-i"] : []), ...dockerRunArgs({ ...settings, HostConfig: { ...settings.HostConfig, Binds: binds } })].join(" ")}`;
  const timeoutMs = options.timeoutMs ?? TIMEOUTS.bootMs;
  const started = Date.now();
  const container = await dockerClient().createContainer({
    ...settings,
    name,
    Labels: runLabels(run),
    AttachStdout: true,
    AttachStderr: true,
    ...(withStdin ? { AttachStdin: true, OpenStdin: true, StdinOnce: true } : {}),
    HostConfig: { ...settings.HostConfig, Binds: binds },
  });
  try {
    const output = await attachOutput(container, Boolean(settings.Tty), withStdin);
    const startError = await container.start().then(
      () => undefined,
      (error: Error) => error,
    );
    if (startError) return { ...startFailure(startError), ms: Date.now() - started, commandLine };
    if (options.stdin !== undefined) output.stream.end(options.stdin);
    let exitCode: number;
    try {
      const waited = await withTimeout(
        container.wait() as Promise<{ StatusCode: number }>,
        timeoutMs,
        "timeout",
      );
      // The attach stream ends once the engine has flushed the last output after the exit.
      await withTimeout(output.ended, TIMEOUTS.queryMs, "the output stream did not end after the exit");
      exitCode = waited.StatusCode;
    } catch (error) {
      if ((error as Error).message !== "timeout") throw error;
      const seen = await stateAtTimeout(container);
      // The image's fault, not the command's: say so first, so the next occurrence names itself.
      const verdict = seen.mainExitedNotStopped
        ? `: ${MAIN_EXITED_NOT_STOPPED} (only PID 1 and its supervision tree were left; fixtures/reference-image/reproduce-exit-hang.sh reproduces this class)`
        : "";
      throw new Error(
        `runOnce timed out after ${timeoutMs} ms (container removed)${verdict}: ${commandLine}\n${seen.text}\nstdout: ${output.stdout()}\nstderr: ${output.stderr()}`,
      );
    }
    const ms = Date.now() - started;
    recordTiming("docker", `run ${options.command?.join(" ") ?? "(no args)"}`.slice(0, 80), ms);
    return { exitCode, stdout: clean(output.stdout()), stderr: clean(output.stderr()), ms, commandLine };
  } finally {
    // v: the image declares VOLUME /opt/data, and its anonymous volume would outlive the container.
    await container.remove({ force: true, v: true }).catch(() => undefined);
  }
}

const clean = (text: string) => stripAnsi(text).replace(/\r\n/g, "\n");

interface AttachedOutput {
  stream: NodeJS.ReadWriteStream;
  ended: Promise<void>;
  stdout: () => string;
  stderr: () => string;
}

/** Attached before the start, as the CLI does, so that no early output is lost. */
async function attachOutput(
  container: Docker.Container,
  tty: boolean,
  stdin: boolean,
): Promise<AttachedOutput> {
  const stream = (await container.attach({
    stream: true,
    stdout: true,
    stderr: true,
    stdin,
    hijack: stdin,
  })) as NodeJS.ReadWriteStream;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const sink = (chunks: Buffer[]) => {
    const pass = new PassThrough();
    pass.on("data", (chunk: Buffer) => chunks.push(chunk));
    return pass;
  };
  // With a TTY the engine sends one raw stream (stderr merged into stdout, as with docker run -t).
  if (tty) stream.on("data", (chunk: Buffer) => out.push(chunk));
  else dockerClient().modem.demuxStream(stream, sink(out), sink(err));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("close", resolve);
    stream.on("error", reject);
  });
  return {
    stream,
    ended,
    stdout: () => Buffer.concat(out).toString("utf8"),
    stderr: () => Buffer.concat(err).toString("utf8"),
  };
}

/**
 * A container the engine could not start, with the exit code the docker CLI gives for it: 127 for a
 * program that is not there, 126 for one that cannot be run, 125 for anything else.
 */
export function startFailure(error: Error): Pick<RunOnceResult, "exitCode" | "stdout" | "stderr"> {
  const message = error.message;
  const exitCode = /not found|no such file/i.test(message)
    ? 127
    : /permission denied|not executable/i.test(message)
      ? 126
      : 125;
  return { exitCode, stdout: "", stderr: message };
}

/**
 * What the container was doing at the deadline: an exited container means the output never ended
 * (the image is fine); a running one shows which process kept it alive, and whether that is PID 1
 * with nothing of the main program left (the container should have stopped on its own).
 */
async function stateAtTimeout(
  container: Docker.Container,
): Promise<{ text: string; mainExitedNotStopped: boolean }> {
  const query = <T>(call: Promise<T>) =>
    withTimeout(call, TIMEOUTS.queryMs, "no answer").then(
      (value) => ({ value }),
      (error: Error) => ({ error: error.message }),
    );
  const inspect = await query(container.inspect());
  if (!("value" in inspect))
    return { text: `container state: unknown (${inspect.error})`, mainExitedNotStopped: false };
  const { Pid, Status, ExitCode, FinishedAt } = inspect.value.State;
  const state = `container state at the timeout: ${Status} (exit code ${ExitCode}, finished ${FinishedAt})`;
  if (Status !== "running") return { text: state, mainExitedNotStopped: false };
  // Docker hands ps_args to ps and shows host PIDs; Podman answers those with no processes, takes its
  // own field names and shows the container's PIDs, where PID 1 is the init.
  const topOf = async (fields: string) => {
    const docker = await query(container.top({ ps_args: `-o ${fields}` }) as Promise<TopResult>);
    if ("error" in docker || docker.value?.Processes?.length) return { answer: docker, initPid: Pid };
    const podman = fields.replace("stat", "state");
    return { answer: await query(container.top({ ps_args: podman }) as Promise<TopResult>), initPid: 1 };
  };
  const { answer: top } = await topOf("pid,ppid,user,stat,args");
  const { answer: tree, initPid } = await topOf("pid,ppid,args");
  const mainExitedNotStopped =
    "value" in tree && mainProgramGoneButContainerUp(parseDockerTop(topText(tree.value)), initPid);
  const processes = "value" in top ? topText(top.value) : top.error;
  return { text: `${state}\nprocesses:\n${processes}`, mainExitedNotStopped };
}

interface TopResult {
  Titles: string[];
  Processes: string[][];
}

/** The API's top as the CLI prints it: a header, then one line per process. */
function topText(top: TopResult): string {
  return [top.Titles, ...top.Processes].map((row) => row.join(" ")).join("\n");
}

/** `--label k=v` pairs, for the command line a failure message shows. */
export function labelArgs(run: RunIdentity): string[] {
  return Object.entries(runLabels(run)).flatMap(([key, value]) => ["--label", `${key}=${value}`]);
}
