import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dockerClient } from "../../engine/docker-client.js";
import { LABEL_MANAGED, LABEL_OWNER_HOST, LABEL_OWNER_PID, LABEL_RUN_ID } from "../../engine/labels.js";

export interface RemovedResources {
  containers: string[];
  volumes: string[];
  images: string[];
}

/**
 * Removes what carries this run's label now: containers (with their anonymous /opt/data volumes),
 * then volumes, then images built at test time; returns the names. Synchronous, through the docker
 * CLI, because the Ctrl-C handler must finish before vitest exits; teardown and the sweep of dead
 * runs use it as well.
 */
export function sweepRun(runId: string): RemovedResources {
  const label = `label=${LABEL_RUN_ID}=${runId}`;
  const lines = (text: string) => text.split("\n").filter(Boolean);
  const listed = lines(
    docker(["ps", "-a", "--no-trunc", "--filter", label, "--format", "{{.Names}}\t{{.Mounts}}"]),
  );
  const containers = listed.map((line) => line.split("\t")[0] ?? line);
  // -v: the image declares VOLUME /opt/data; its anonymous volume goes with the container (a bind
  // mount's source path is not a volume).
  const anonymous = listed
    .flatMap((line) => (line.split("\t")[1] ?? "").split(","))
    .filter((m) => /^[0-9a-f]{64}$/.test(m));
  if (containers.length > 0) docker(["rm", "-fv", ...containers]);
  const labelled = lines(docker(["volume", "ls", "-q", "--filter", label]));
  if (labelled.length > 0) docker(["volume", "rm", "-f", ...labelled]);
  const volumes = [...labelled, ...anonymous];
  const images = [...new Set(lines(docker(["image", "ls", "-q", "--filter", label])))];
  if (images.length > 0) docker(["image", "rm", "-f", ...images]);
  return { containers, volumes, images };
}

// In a session of its own, a second Ctrl-C at the terminal does not kill the cleanup's docker calls.
const SETSID = ["/usr/bin/setsid", "/bin/setsid"].find((path) => existsSync(path));

function docker(args: string[]): string {
  const [file, argv] = SETSID ? [SETSID, ["-w", "docker", ...args]] : ["docker", args];
  try {
    return execFileSync(file, argv, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 20_000,
    });
  } catch {
    return "";
  }
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
  for (const runId of dead) sweepRun(runId);
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
