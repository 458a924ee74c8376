import { readdirSync, readFileSync } from "node:fs";

/**
 * Set in the run's main process before any worker starts: every process the run starts (workers,
 * the docker CLIs they run, their shells) inherits it, and keeps it when its parent dies and it is
 * reparented. That is how an interrupt finds them, and only them.
 */
export const RUN_MARKER_ENV = "HERMES_HARNESS_RUN_ID";

/** Whether a /proc/<pid>/environ text (NUL-separated) carries this run's marker. */
export function carriesRunMarker(environ: string, runId: string): boolean {
  return environ.split("\0").includes(`${RUN_MARKER_ENV}=${runId}`);
}

/**
 * The living processes of this run other than this one, from /proc (a zombie's environment reads
 * empty). Empty where there is no /proc (macOS); the sweeps by label still run there.
 */
export function runProcessesSync(runId: string): number[] {
  let pids: string[] = [];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  return pids
    .map(Number)
    .filter((pid) => pid !== process.pid)
    .filter((pid) => {
      try {
        return carriesRunMarker(readFileSync(`/proc/${pid}/environ`, "latin1"), runId);
      } catch {
        return false; // gone meanwhile, or not ours to read
      }
    });
}
