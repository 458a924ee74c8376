import { PassThrough } from "node:stream";
import type Docker from "dockerode";
import stripAnsi from "strip-ansi";
import { dockerClient } from "../../engine/docker-client.js";
import { withTimeout } from "../../engine/with-timeout.js";
import type { ExecResult } from "./exec-result.js";

export interface RawExecRequest {
  argv: readonly string[];
  user: string;
  env?: Record<string, string>;
  workingDir?: string;
  stdin?: string;
  timeoutMs: number;
}

/**
 * One `docker exec` through the API, demultiplexed into stdout and stderr. A command that outlives
 * its timeout rejects with a message naming it; it never hangs the test.
 */
export async function execInContainer(
  container: Docker.Container,
  request: RawExecRequest,
): Promise<ExecResult> {
  const exec = await container.exec({
    Cmd: [...request.argv],
    User: request.user,
    Env: Object.entries(request.env ?? {}).map(([key, value]) => `${key}=${value}`),
    WorkingDir: request.workingDir,
    AttachStdout: true,
    AttachStderr: true,
    AttachStdin: request.stdin !== undefined,
  });
  const stream = await exec.start({ hijack: true, stdin: request.stdin !== undefined });
  const stdout = collect();
  const stderr = collect();
  dockerClient().modem.demuxStream(stream, stdout.sink, stderr.sink);
  if (request.stdin !== undefined) stream.end(request.stdin);

  const finished = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("close", resolve);
    stream.on("error", reject);
  });
  await withTimeout(finished, request.timeoutMs, () => {
    stream.destroy();
    return (
      `docker exec timed out after ${request.timeoutMs} ms: ${request.argv.join(" ")}\n` +
      `stdout so far: ${stdout.text().slice(-500) || "(empty)"}\nstderr so far: ${stderr.text().slice(-500) || "(empty)"}`
    );
  });
  const info = await exec.inspect();
  return {
    exitCode: info.ExitCode ?? -1,
    stdout: stripAnsi(stdout.text()),
    stderr: stripAnsi(stderr.text()),
  };
}

function collect(): { sink: PassThrough; text: () => string } {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  return { sink, text: () => Buffer.concat(chunks).toString("utf8") };
}
