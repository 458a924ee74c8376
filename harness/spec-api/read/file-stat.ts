/**
 * `stat -c STAT_FORMAT -- PATH` in a container. Without -L, stat reports the link itself (lstat),
 * which is what ownership checks need: a symlink must never be judged by its target.
 * The path goes last so a `|` inside it cannot shift the other fields.
 */
export const STAT_FORMAT = "%u|%g|%a|%F|%n";

export type FileType = "file" | "directory" | "symlink" | "fifo" | "socket" | "other";

export interface FileStat {
  uid: number;
  gid: number;
  /** Permission bits including setuid/setgid/sticky, e.g. 0o600 or 0o1777. */
  mode: number;
  /** Octal as stat printed it, padded to at least three digits: "600", "044", "1777". */
  modeText: string;
  type: FileType;
  /** The %F text, e.g. "regular empty file", "character special file". */
  typeText: string;
  path: string;
}

const TYPES: Record<string, FileType> = {
  "regular file": "file",
  "regular empty file": "file",
  directory: "directory",
  "symbolic link": "symlink",
  fifo: "fifo",
  socket: "socket",
};

const LINE = /^(\d+)\|(\d+)\|([0-7]{1,4})\|([a-z ]+)\|(.+)$/;

/** Parses the output of one `stat -c STAT_FORMAT -- PATH`. */
export function parseStat(text: string): FileStat {
  const line = text.replace(/\r?\n$/, "");
  if (line.includes("\n")) throw new Error(`Expected one stat line, got: ${JSON.stringify(text)}`);
  const m = LINE.exec(line);
  // stat's own complaint ("stat: cannot statx '/x': No such file or directory") is the useful part.
  if (!m) throw new Error(`Unrecognised stat output: ${JSON.stringify(text)}`);
  const [, uid, gid, modeText = "", typeText = "", path = ""] = m;
  return {
    uid: Number(uid),
    gid: Number(gid),
    mode: Number.parseInt(modeText, 8),
    modeText: modeText.padStart(3, "0"),
    type: TYPES[typeText] ?? "other",
    typeText,
    path,
  };
}

/**
 * Parses one `stat -c STAT_FORMAT -- PATH...` of several paths: one line each, in the order asked.
 * A line for another path than the one asked for (a newline in a name, say) is an error, not a shift.
 */
export function parseStats(text: string, paths: readonly string[]): FileStat[] {
  const lines = text.replace(/\r?\n$/, "").split("\n");
  if (paths.length === 0 || lines.length !== paths.length)
    throw new Error(
      `Expected ${paths.length} stat line(s), for ${paths.join(" ")}; got: ${JSON.stringify(text)}`,
    );
  return lines.map((line, i) => {
    const stat = parseStat(line);
    if (stat.path !== paths[i])
      throw new Error(`stat line ${i + 1} is for ${stat.path}, not ${paths[i]}: ${JSON.stringify(text)}`);
    return stat;
  });
}
