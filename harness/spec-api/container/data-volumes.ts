import { randomBytes } from "node:crypto";
import { chown, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { dockerClient } from "../../engine/docker-client.js";
import { hostIdOf } from "../../engine/id-mapping.js";
import { type RunIdentity, runLabels } from "../../engine/labels.js";
import { tracker } from "../../run/context/resource-tracker.js";
import { runContext } from "../../run/context/run-context.js";
import { runOnce } from "./run-once.js";

/** A named volume for /opt/data, labelled with the run id and removed with the test (or file). */
export async function createVolume(hint = "data"): Promise<string> {
  const name = `hermes-harness-${hint}-${randomBytes(4).toString("hex")}`;
  await dockerClient().createVolume({ Name: name, Labels: runLabels(runContext()) });
  tracker.addVolume(name);
  return name;
}

/**
 * A host folder to bind-mount at /opt/data. Only a local daemon sees this host's files: specs that
 * need one skip themselves when `hostBindMountsWork()` is false, and say so.
 */
export async function createHostDir(hint = "data"): Promise<string> {
  const root = hostDirRoot(runContext().runId);
  await mkdir(root, { recursive: true });
  const dir = await mkdtemp(join(root, `${hint}-`));
  tracker.addHostDir(dir);
  // Under a rootless engine the folder must be the container's root's, as it is under a rootful one
  // (the common NAS case: a folder of the user who runs the engine).
  const owner = hostOwner(0, 0);
  if (owner.uid !== 0 && process.getuid?.() === 0) await chown(dir, owner.uid, owner.gid);
  return dir;
}

/**
 * The host UID and GID a host file needs to show as `uid`:`gid` inside a container: the same under a
 * rootful engine, shifted into the engine user's ranges under a rootless one.
 */
export function hostOwner(uid: number, gid: number): { uid: number; gid: number } {
  const mapping = runContext().engine.idMapping;
  if (!mapping) return { uid, gid };
  return {
    uid: hostIdOf(uid, mapping.uid, mapping.subuid, "UID"),
    gid: hostIdOf(gid, mapping.gid, mapping.subgid, "GID"),
  };
}

export function hostBindMountsWork(): boolean {
  return runContext().localDaemon;
}

export const HOST_BIND_SKIP_REASON = "needs a host bind mount, and the Docker daemon is remote (DOCKER_HOST)";

/** Every host folder of a run lives under one root, removed at the end of the run. */
export function hostDirRoot(runId: string): string {
  return join(tmpdir(), `hermes-harness-${runId}`);
}

/**
 * Host folders a test mounted can hold files made by other uids inside the container; when plain
 * removal is refused, a throwaway container of the image under test removes them as root.
 */
export async function removeHostDir(path: string, run: RunIdentity, image: string): Promise<void> {
  try {
    return await rm(path, { recursive: true, force: true });
  } catch {
    // fall through to the container
  }
  const result = await runOnce(
    {
      image,
      user: "0:0",
      mounts: [`${dirname(path)}:/parent`],
      entrypoint: ["rm", "-rf", `/parent/${basename(path)}`],
    },
    run,
  );
  if (result.exitCode !== 0) {
    throw new Error(`could not remove host folder ${path}: ${result.commandLine}\n${result.stderr}`);
  }
}
