import { createWriteStream } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { execa } from "execa";
import { HarnessSetupError } from "../harness-setup-error.js";

export interface BuildRequest {
  contextDir: string;
  dockerfile: string;
  tags: string[];
  buildArgs?: Record<string, string>;
  labels?: Record<string, string>;
  /** Full build output goes here; on failure its tail is part of the error. */
  logFile: string;
}

/**
 * `docker build` arguments. `--force-rm`: the legacy builder keeps the intermediate container of a
 * failed step (unlabelled, so no sweep of ours could find it); this removes it with the failure.
 */
export function dockerBuildArgs(request: Omit<BuildRequest, "logFile">): string[] {
  const args = ["build", "--force-rm", "-f", request.dockerfile];
  for (const tag of request.tags) args.push("-t", tag);
  for (const [key, value] of Object.entries(request.buildArgs ?? {}))
    args.push("--build-arg", `${key}=${value}`);
  for (const [key, value] of Object.entries(request.labels ?? {})) args.push("--label", `${key}=${value}`);
  args.push(request.contextDir);
  return args;
}

/**
 * Builds with the docker CLI (it packs the context itself, so remote daemons work too).
 * The legacy builder is what Debian's engine has; it prints a deprecation notice we ignore.
 */
export async function dockerBuild(request: BuildRequest): Promise<void> {
  const args = dockerBuildArgs(request);
  await mkdir(dirname(request.logFile), { recursive: true });
  const log = createWriteStream(request.logFile);
  const child = execa("docker", args, { all: true, reject: false, env: { DOCKER_BUILDKIT: "0" } });
  child.all?.pipe(log);
  const result = await child;
  await new Promise((resolve) => log.end(resolve));
  if (result.exitCode !== 0) {
    const tail = (await readFile(request.logFile, "utf8")).trimEnd().split("\n").slice(-25).join("\n");
    throw new HarnessSetupError(
      `docker build of ${request.tags[0]} (${request.dockerfile}) failed with exit ${result.exitCode}.\n` +
        `Last lines of ${request.logFile}:\n${tail}`,
    );
  }
}
