import { type RemovedResources, sweepRun } from "./remove-resources.js";
import { runProcessesSync } from "./run-processes.js";

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
    const found = sweepRun(runId);
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
