import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { LABEL_RUN_ID } from "../docker/labels.js";
import { runProcessesSync } from "./run-processes.js";

export interface RemovedResources {
  containers: string[];
  volumes: string[];
  images: string[];
}

const CREATORS_GRACE_MS = 3_000;
const KILL_WAIT_MS = 2_000;
const SWEEP_INTERVAL_MS = 500;
const SWEEP_DEADLINE_MS = 10_000;

/**
 * Ctrl-C or a CI cancel: remove everything labelled with this run, including what is being created
 * while this runs. A `docker run` or an API create already on its way when the signal came can
 * complete after a first sweep (a `Created` container that --rm never removes, with its volume), and
 * a worker that dies of the same Ctrl-C leaves its docker CLI running, reparented. So: first stop
 * every process of this run (marked by RUN_MARKER_ENV, wherever it now hangs) so that no creation is
 * left on its way, then sweep by label until two sweeps in a row find nothing.
 * Synchronous on purpose: vitest exits from its own SIGINT handler one event-loop turn later.
 */
export function cleanUpAfterInterrupt(runId: string): RemovedResources {
  const removed: RemovedResources = { containers: [], volumes: [], images: [] };
  stopRunProcesses(runId);
  const deadline = Date.now() + SWEEP_DEADLINE_MS;
  let emptyInARow = 0;
  while (emptyInARow < 2 && Date.now() < deadline) {
    const found = sweepRunSync(runId);
    removed.containers.push(...found.containers);
    removed.volumes.push(...found.volumes);
    removed.images.push(...found.images);
    emptyInARow =
      found.containers.length + found.volumes.length + found.images.length === 0 ? emptyInARow + 1 : 0;
    if (emptyInARow < 2) sleepSync(SWEEP_INTERVAL_MS);
  }
  return removed;
}

/** One line for the console: what the interrupt cleanup removed. */
export function describeRemoved(runId: string, removed: RemovedResources): string {
  const parts = [
    list("container", removed.containers),
    list("volume", removed.volumes),
    ...(removed.images.length > 0 ? [list("image", removed.images)] : []),
  ];
  return removed.containers.length + removed.volumes.length + removed.images.length === 0
    ? `interrupted: run ${runId} had no container or volume left to remove`
    : `interrupted: removed ${parts.join(", ")} of run ${runId}`;
}

function list(kind: string, names: readonly string[]): string {
  const unique = [...new Set(names)];
  if (unique.length === 0) return `0 ${kind}s`;
  // Anonymous volumes are 64 hex digits: 12 tell them apart, as docker's own listings do.
  const shown = unique.slice(0, 8).map((name) => (/^[0-9a-f]{64}$/.test(name) ? name.slice(0, 12) : name));
  const more = unique.length > shown.length ? `, and ${unique.length - shown.length} more` : "";
  return `${unique.length} ${kind}${unique.length === 1 ? "" : "s"} (${shown.join(", ")}${more})`;
}

/**
 * SIGTERM to every process of this run (run-processes.ts), including any started meanwhile; SIGKILL
 * to those still there after a grace period.
 */
function stopRunProcesses(runId: string): void {
  const termed = new Set<number>();
  const deadline = Date.now() + CREATORS_GRACE_MS;
  for (;;) {
    const current = runProcessesSync(runId);
    if (current.length === 0) return;
    if (Date.now() >= deadline) {
      signal(current, "SIGKILL");
      waitSync(() => runProcessesSync(runId).length === 0, KILL_WAIT_MS);
      return;
    }
    const fresh = current.filter((pid) => !termed.has(pid));
    signal(fresh, "SIGTERM");
    for (const pid of fresh) termed.add(pid);
    sleepSync(100);
  }
}

function signal(pids: number[], name: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  }
}

/** Removes what carries this run's label now; returns the names removed. */
function sweepRunSync(runId: string): RemovedResources {
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

function waitSync(condition: () => boolean, timeoutMs: number): boolean {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() >= deadline) return false;
    sleepSync(100);
  }
  return true;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
