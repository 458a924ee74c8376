/**
 * The process listing the harness takes inside a container, and its parser, kept together so the
 * columns asked for and the columns parsed cannot drift apart. `=` suppresses headers; `user:32`
 * widens the column so long user names are not replaced by a UID or truncated with `+`.
 */
export const PS_ARGV: readonly string[] = ["ps", "-e", "-o", "pid=,ppid=,uid=,user:32=,stat=,args="];

export interface ProcessRow {
  pid: number;
  ppid: number;
  uid: number;
  user: string;
  /** The full STAT column, e.g. `Ss`, `Z`, `R+`, `Sl`. */
  state: string;
  /** The command line; `[name]` for kernel threads, `[name] <defunct>` for zombies. */
  args: string;
}

// Numbers and the two single-word columns are whitespace-separated; args is the rest and may hold spaces.
const ROW = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+)(?:\s+(.*))?$/;

export function parseProcessTable(text: string): ProcessRow[] {
  const rows: ProcessRow[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const m = ROW.exec(line.replace(/\r$/, ""));
    if (!m)
      throw new Error(`Unparseable ps line (expected pid ppid uid user stat args): ${JSON.stringify(line)}`);
    const [, pid, ppid, uid, user, state, args] = m;
    rows.push({
      pid: Number(pid),
      ppid: Number(ppid),
      uid: Number(uid),
      user: user ?? "",
      state: state ?? "",
      args: (args ?? "").trimEnd(),
    });
  }
  return rows;
}

/** Processes in state Z (exited, not yet reaped by their parent). */
export function zombies(rows: readonly ProcessRow[]): ProcessRow[] {
  return rows.filter((row) => row.state.startsWith("Z"));
}
