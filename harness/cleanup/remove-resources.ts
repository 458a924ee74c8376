import { dockerClient } from "../docker/docker-client.js";
import { LABEL_MANAGED, LABEL_OWNER_HOST, LABEL_OWNER_PID, LABEL_RUN_ID } from "../docker/labels.js";
import { removeContainer, removeImage, removeVolume } from "../docker/remove-owned.js";

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
