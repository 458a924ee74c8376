import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dockerClient } from "../../engine/docker-client.js";
import { LABEL_MANAGED, LABEL_OWNER_HOST, LABEL_OWNER_PID, LABEL_RUN_ID } from "../../engine/labels.js";
import { type RemovedResources, removeRun } from "../../engine/remove-run.js";

export type { RemovedResources } from "../../engine/remove-run.js";

const REMOVE_RUN = fileURLToPath(new URL("../../engine/remove-run.ts", import.meta.url));
// tsx, found from here: the sweep runs TypeScript in a plain node, wherever the package is installed.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
// In a session of its own, a second Ctrl-C at the terminal does not kill the cleanup's removals.
const SETSID = ["/usr/bin/setsid", "/bin/setsid"].find((path) => existsSync(path));
const NOTHING: RemovedResources = { containers: [], volumes: [], images: [] };

/**
 * Removes what carries this run's label now (remove-run.ts) and returns the names. Synchronous,
 * through a child node that uses the engine's API, because the Ctrl-C handler must finish before
 * vitest exits; teardown and the sweep of dead runs use it as well.
 */
export function sweepRun(runId: string): RemovedResources {
  const node = [process.execPath, "--import", TSX, REMOVE_RUN, runId];
  const [file, ...argv] = SETSID ? [SETSID, "-w", ...node] : node;
  try {
    const out = execFileSync(file as string, argv, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 20_000,
    });
    return JSON.parse(out) as RemovedResources;
  } catch {
    return NOTHING;
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
  for (const runId of dead) await removeRun(runId);
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
