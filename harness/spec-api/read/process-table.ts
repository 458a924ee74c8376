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
      args: withoutEmulator((args ?? "").trimEnd()),
    });
  }
  return rows;
}

// qemu-user through binfmt_misc: the Debian wrapper (aarch64-binfmt-P) or a qemu-ARCH[-static].
const EMULATOR = /^\S*\/(?:qemu-binfmt\/[\w-]+-binfmt-P|qemu-[\w]+?(?:-static)?)$/;

/**
 * A command line as the program itself set it. Under emulation the kernel starts the interpreter
 * with the program's path before its arguments (`qemu /usr/bin/sleep sleep infinity` with the P
 * flag, which keeps argv[0]; `qemu /usr/bin/sleep infinity` without), and ps shows that: an arm64
 * image on an amd64 host must not look like a different process table.
 */
export function withoutEmulator(args: string): string {
  const words = args.split(" ");
  const [first, path, argv0] = words;
  if (first === undefined || path === undefined || !EMULATOR.test(first)) return args;
  // P flag: argv[0] follows the path (the same word, or its basename when run through PATH).
  const preserved = argv0 !== undefined && (argv0 === path || path.endsWith(`/${argv0}`));
  return words.slice(preserved ? 2 : 1).join(" ");
}

/** Processes in state Z (exited, not yet reaped by their parent). */
export function zombies(rows: readonly ProcessRow[]): ProcessRow[] {
  return rows.filter((row) => row.state.startsWith("Z"));
}
