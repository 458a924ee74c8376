import { createWriteStream } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { StringDecoder } from "node:string_decoder";
import type Docker from "dockerode";
import { dockerClient } from "../engine/docker-client.js";
import { HarnessSetupError } from "../harness-setup-error.js";
import { type PackedContext, packContext } from "./build-context.js";

export interface BuildRequest {
  contextDir: string;
  dockerfile: string;
  tags: string[];
  buildArgs?: Record<string, string>;
  labels?: Record<string, string>;
  /** `linux/arm64`: the platform the image is for, when not the engine's own. */
  platform?: string;
  /** Full build output goes here; on failure its tail is part of the error. */
  logFile: string;
}

/**
 * The API's build options. The engine's own (legacy) builder, as `DOCKER_BUILDKIT=0 docker build`
 * had it; `forcerm`: that builder keeps the intermediate container of a failed step (unlabelled,
 * so no sweep of ours could find it), and this removes it with the failure.
 */
export function buildOptions(
  request: Omit<BuildRequest, "contextDir" | "dockerfile" | "logFile">,
  dockerfile: string,
): Docker.ImageBuildOptions {
  return {
    dockerfile,
    // docker-modem repeats an array (t=a&t=b), which is how the API takes several tags; the
    // typings only know one.
    t: request.tags as unknown as string,
    buildargs: request.buildArgs ?? {},
    labels: request.labels ?? {},
    rm: true,
    forcerm: true,
    ...(request.platform ? { platform: request.platform } : {}),
  };
}

/** One line of the build's JSON progress: text for the log, and the build's failure if it says one. */
export function readBuildLine(line: string): { text?: string; error?: string } {
  if (line.trim() === "") return {};
  let message: BuildMessage;
  try {
    message = JSON.parse(line) as BuildMessage;
  } catch {
    return { text: `${line}\n` };
  }
  const error = message.errorDetail?.message || message.error;
  // The CLI printed the failure last; the regression table quotes the log's last line.
  if (error) return { text: `${error}\n`, error };
  if (typeof message.stream === "string") return { text: message.stream };
  if (message.status) return { text: `${message.id ? `${message.id}: ` : ""}${message.status}\n` };
  return {};
}

interface BuildMessage {
  stream?: string;
  status?: string;
  id?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/**
 * Builds through the engine's API (no docker CLI), so any Docker-compatible engine will do, remote
 * ones too: the context is packed here and uploaded.
 */
export async function dockerBuild(request: BuildRequest): Promise<void> {
  const failed = `docker build of ${request.tags[0]} (${request.dockerfile}) failed`;
  await mkdir(dirname(request.logFile), { recursive: true });
  let context: PackedContext;
  try {
    context = await packContext(request.contextDir, request.dockerfile);
  } catch (error) {
    throw new HarnessSetupError(`${failed}: packing ${request.contextDir}: ${(error as Error).message}`);
  }
  const log = createWriteStream(request.logFile);
  let failure: string | undefined;
  try {
    failure = await followBuild(context.tar, buildOptions(request, context.dockerfile), (text) =>
      log.write(text),
    );
  } finally {
    await context.close();
    await new Promise((resolve) => log.end(resolve));
  }
  if (failure !== undefined) {
    const tail = (await readFile(request.logFile, "utf8")).trimEnd().split("\n").slice(-25).join("\n");
    throw new HarnessSetupError(`${failed}: ${failure.trim()}\nLast lines of ${request.logFile}:\n${tail}`);
  }
}

/** Writes the build's output as it comes; resolves to its failure, or undefined when it built. */
async function followBuild(
  tar: NodeJS.ReadableStream,
  options: Docker.ImageBuildOptions,
  write: (text: string) => void,
): Promise<string | undefined> {
  let failure: string | undefined;
  const take = (line: string) => {
    const event = readBuildLine(line);
    if (event.text) write(event.text);
    failure ??= event.error;
  };
  try {
    // The daemon answers an error before the build starts (say, a bad parameter) with a status code.
    const output = await dockerClient().buildImage(tar, options);
    const decoder = new StringDecoder("utf8");
    let pending = "";
    for await (const chunk of output) {
      pending += decoder.write(chunk as Buffer);
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) take(line);
    }
    take(pending + decoder.end());
  } catch (error) {
    const message = (error as Error).message;
    write(`${message}\n`);
    failure ??= message;
  }
  return failure;
}
