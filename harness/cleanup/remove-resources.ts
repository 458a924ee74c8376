import { rm } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { execa } from "execa";
import { dockerClient } from "../docker/docker-client.js";
import type { RunIdentity } from "../run/labels.js";
import { LABEL_MANAGED, LABEL_OWNER_HOST, LABEL_OWNER_PID, LABEL_RUN_ID, runLabels } from "../run/labels.js";

/** Refuses, loudly, to touch anything this run did not create. */
export async function assertOwnedContainer(id: string, runId: string): Promise<void> {
  const info = await dockerClient().getContainer(id).inspect();
  const owner = info.Config.Labels?.[LABEL_RUN_ID];
  if (owner !== runId) {
    throw new Error(
      `refusing to touch container ${info.Name} (${id.slice(0, 12)}): it was not created by harness run ${runId}`,
    );
  }
}

export async function removeContainer(id: string, runId: string): Promise<void> {
  try {
    await assertOwnedContainer(id, runId);
    await dockerClient().getContainer(id).remove({ force: true, v: true });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return; // already gone
    throw error;
  }
}

export async function removeVolume(name: string, runId: string): Promise<void> {
  const volume = dockerClient().getVolume(name);
  try {
    const info = await volume.inspect();
    if (info.Labels?.[LABEL_RUN_ID] !== runId) {
      throw new Error(`refusing to remove volume ${name}: it was not created by harness run ${runId}`);
    }
    await volume.remove();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return;
    throw error;
  }
}

/** An image built at test time; like the others, only when this run's label is on it. */
export async function removeImage(tag: string, runId: string): Promise<void> {
  const image = dockerClient().getImage(tag);
  try {
    const info = await image.inspect();
    if (info.Config?.Labels?.[LABEL_RUN_ID] !== runId) {
      throw new Error(`refusing to remove image ${tag}: it was not built by harness run ${runId}`);
    }
    await image.remove({ force: true });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return;
    throw error;
  }
}

/**
 * Host folders a test mounted can hold files made by other uids inside the container; when plain
 * removal is refused, a throwaway container of the image under test removes them as root.
 */
export async function removeHostDir(path: string, run: RunIdentity, image: string): Promise<void> {
  try {
    await rm(path, { recursive: true, force: true });
    return;
  } catch {
    // fall through to the container
  }
  const labels = Object.entries(runLabels(run)).flatMap(([key, value]) => ["--label", `${key}=${value}`]);
  await execa("docker", [
    "run",
    "--rm",
    ...labels,
    "--user",
    "0:0",
    "--entrypoint",
    "rm",
    "-v",
    `${dirname(path)}:/parent`,
    image,
    "-rf",
    `/parent/${basename(path)}`,
  ]);
}

/**
 * Everything labelled with this run id: containers first (they hold the volumes and use the
 * images), then volumes, then images built at test time.
 */
export async function removeRunResources(
  runId: string,
): Promise<{ containers: number; volumes: number; images: number }> {
  const docker = dockerClient();
  const filters = JSON.stringify({ label: [`${LABEL_RUN_ID}=${runId}`] });
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(containers.map((c) => removeContainer(c.Id, runId)));
  const { Volumes: volumes = [] } = await docker.listVolumes({ filters });
  await Promise.all(volumes.map((v) => removeVolume(v.Name, runId)));
  const images = await docker.listImages({ filters });
  await Promise.all(images.map((i) => removeImage(i.Id, runId)));
  return { containers: containers.length, volumes: volumes.length, images: images.length };
}

/**
 * At start: what earlier runs on this host left behind when they were killed (their owner process
 * is gone). Runs owned by live processes, or by other hosts sharing the daemon, are left alone.
 */
export async function sweepDeadRuns(ownHost: string): Promise<string[]> {
  const docker = dockerClient();
  const filters = JSON.stringify({ label: [`${LABEL_MANAGED}=true`, `${LABEL_OWNER_HOST}=${ownHost}`] });
  const containers = await docker.listContainers({ all: true, filters });
  const { Volumes: volumes = [] } = await docker.listVolumes({ filters });
  const images = await docker.listImages({ filters });
  const owners = new Map<string, number>();
  const labelSets = [
    ...containers.map((c) => c.Labels),
    ...volumes.map((v) => v.Labels ?? {}),
    ...images.map((i) => i.Labels ?? {}),
  ];
  for (const labels of labelSets) {
    const runId = labels[LABEL_RUN_ID];
    const pid = Number(labels[LABEL_OWNER_PID]);
    if (runId && Number.isInteger(pid)) owners.set(runId, pid);
  }
  const dead = [...owners].filter(([, pid]) => !processAlive(pid)).map(([runId]) => runId);
  for (const runId of dead) await removeRunResources(runId);
  return dead;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
