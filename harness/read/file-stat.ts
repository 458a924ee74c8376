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
