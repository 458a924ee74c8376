/**
 * Names one way a throwaway container can outlive its deadline: the main program has exited, yet
 * PID 1 and its supervision tree are still up, so the container never stops (issue 17). Pure logic
 * over `docker top CONTAINER -o pid,ppid,args` and the container's PID 1 as the host sees it
 * (`docker inspect -f {{.State.Pid}}`).
 */

/** One row of `docker top` as the host sees it (host PIDs), unlike ProcessRow read inside. */
export interface HostProcessRow {
  pid: number;
  ppid: number;
  args: string;
}

export const MAIN_EXITED_NOT_STOPPED = "the main program exited but the container did not stop";

/** Rows of `docker top ... -o pid,ppid,args` (header first); lines that do not parse are skipped. */
export function parseDockerTop(stdout: string): HostProcessRow[] {
  const rows: HostProcessRow[] = [];
  for (const line of stdout.split("\n").slice(1)) {
    const match = /^\s*(\d+)\s+(\d+)\s+(.*?)\s*$/.exec(line);
    if (match) rows.push({ pid: Number(match[1]), ppid: Number(match[2]), args: match[3] ?? "" });
  }
  return rows;
}

function programName(args: string): string {
  const argv0 = args.split(/\s+/)[0] ?? "";
  return argv0.slice(argv0.lastIndexOf("/") + 1);
}

/**
 * True when PID 1 is s6-svscan and every other process belongs to its supervision tree: an
 * `s6-supervise` or anything below one (services, loggers). Then nothing of the main program is
 * left (no stage2, no command, not even an orphan), and only PID 1 is keeping the container up.
 * A PID 1 that is not s6-svscan may itself be the main program (`--entrypoint`): never flagged.
 */
export function mainProgramGoneButContainerUp(rows: HostProcessRow[], initPid: number): boolean {
  const init = rows.find((row) => row.pid === initPid);
  if (!init || programName(init.args) !== "s6-svscan") return false;
  const byPid = new Map(rows.map((row) => [row.pid, row]));
  const supervised = (row: HostProcessRow): boolean => {
    // Walk up to PID 1; the depth bound guards against a cycle in a malformed table.
    let current: HostProcessRow | undefined = row;
    for (let depth = 0; current && current.pid !== initPid && depth < rows.length; depth++) {
      if (programName(current.args) === "s6-supervise") return true;
      current = byPid.get(current.ppid);
    }
    return false;
  };
  return rows.every((row) => row.pid === initPid || supervised(row));
}
