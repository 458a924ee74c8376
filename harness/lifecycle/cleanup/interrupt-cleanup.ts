import { type RemovedResources, sweepRun } from "./remove-resources.js";
import { runProcessesSync } from "./run-processes.js";

const CREATORS_GRACE_MS = 3_000;
const KILL_WAIT_MS = 2_000;
const SWEEP_INTERVAL_MS = 500;
const SWEEP_DEADLINE_MS = 10_000;
const KINDS = ["containers", "volumes", "images"] as const;
const count = (r: RemovedResources) => r.containers.length + r.volumes.length + r.images.length;

/**
 * Ctrl-C or a CI cancel: remove everything labelled with this run, including what is being created
 * meanwhile. A `docker run` or API create on its way can complete after a first sweep (a `Created`
 * container that --rm never removes, with its volume), and a worker dying of the same Ctrl-C leaves its
 * docker CLI running, reparented. So: first stop every process of this run (RUN_MARKER_ENV), then
 * sweep by label until two sweeps in a row find nothing.
 * Synchronous on purpose: vitest exits from its own SIGINT handler one event-loop turn later.
 */
export function cleanUpAfterInterrupt(runId: string): RemovedResources {
  const removed: RemovedResources = { containers: [], volumes: [], images: [] };
  stopRunProcesses(runId);
  const deadline = Date.now() + SWEEP_DEADLINE_MS;
  let emptyInARow = 0;
  while (emptyInARow < 2 && Date.now() < deadline) {
    const found = sweepRun(runId);
    for (const kind of KINDS) removed[kind].push(...found[kind]);
    emptyInARow = count(found) === 0 ? emptyInARow + 1 : 0;
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
  return count(removed) === 0
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

/** SIGTERM to every process of this run, also those started meanwhile; SIGKILL to any left after a grace. */
function stopRunProcesses(runId: string): void {
  const termed = new Set<number>();
  const deadline = Date.now() + CREATORS_GRACE_MS;
  for (;;) {
    const current = runProcessesSync(runId);
    if (current.length === 0) return;
    if (Date.now() >= deadline) {
      signal(current, "SIGKILL");
      const killDeadline = Date.now() + KILL_WAIT_MS;
      while (runProcessesSync(runId).length > 0 && Date.now() < killDeadline) sleepSync(100);
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

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
