/**
 * The boot log (contract C7.6, C4.9), append-only across boots: one line per profile per boot,
 *   <timestamp> profile=<p> prior_state=<s|None> action=<started|registered>[ prior_exit=<clean|unclean|unknown>]
 * with the timestamp in `%Y-%m-%dT%H:%M:%S%z` form. The `profile=default` line is the boot-complete signal.
 */
export const BOOT_LOG = "/opt/data/logs/container-boot.log";

export interface BootRecord {
  /** As written, e.g. `2026-11-22T10:00:00+0000`. */
  timestamp: string;
  time: Date;
  profile: string;
  /** `None` in the log becomes null. */
  priorState: string | null;
  action: "started" | "registered";
  priorExit?: string;
  line: string;
}

export interface ParsedBootLog {
  records: BootRecord[];
  /** Complete, non-blank lines that do not match the format exactly. */
  malformed: string[];
  /** Text after the last newline: a line still being written, not yet a record. */
  partial?: string;
}

// Strict: every field present once, in order, nothing extra. Profile names per C6.1 (plus `default`).
const LINE =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4}) profile=([a-z0-9][a-z0-9_-]{0,63}) prior_state=([A-Za-z0-9_-]+) action=(started|registered)(?: prior_exit=(clean|unclean|unknown))?$/;

/** Parses one complete line; undefined when it does not match the format or the date is impossible. */
export function parseBootLine(line: string): BootRecord | undefined {
  const m = LINE.exec(line);
  if (!m) return undefined;
  const [, timestamp = "", profile = "", prior = "", action, priorExit] = m;
  // %z is +hhmm; Date wants +hh:mm.
  const time = new Date(`${timestamp.slice(0, -2)}:${timestamp.slice(-2)}`);
  if (Number.isNaN(time.getTime()) || !sameCalendarFields(timestamp, time)) return undefined;
  const record: BootRecord = {
    timestamp,
    time,
    profile,
    priorState: prior === "None" ? null : prior,
    action: action === "started" ? "started" : "registered",
    line,
  };
  if (priorExit !== undefined) record.priorExit = priorExit;
  return record;
}

/** Rejects dates such as Feb 30 that Date silently rolls over, by formatting back in the written offset. */
function sameCalendarFields(timestamp: string, time: Date): boolean {
  const sign = timestamp.at(-5) === "-" ? -1 : 1;
  const offsetMin = sign * (Number(timestamp.slice(-4, -2)) * 60 + Number(timestamp.slice(-2)));
  const local = new Date(time.getTime() + offsetMin * 60_000).toISOString().slice(0, 19);
  return local === timestamp.slice(0, 19);
}

interface Line {
  text: string;
  /** Byte offset of the line's first byte in the whole text. */
  offset: number;
}

/** Complete lines with their byte offsets, and the unterminated tail. */
function splitLines(text: string): { lines: Line[]; partial: string } {
  const lines: Line[] = [];
  let offset = 0;
  let start = 0;
  for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
    const raw = text.slice(start, nl);
    lines.push({ text: raw.endsWith("\r") ? raw.slice(0, -1) : raw, offset });
    offset += Buffer.byteLength(raw, "utf8") + 1;
    start = nl + 1;
  }
  return { lines, partial: text.slice(start) };
}

export function parseBootLog(text: string): ParsedBootLog {
  const { lines, partial } = splitLines(text);
  const result: ParsedBootLog = { records: [], malformed: [] };
  for (const { text: line } of lines) {
    if (line.trim() === "") continue;
    const record = parseBootLine(line);
    if (record) result.records.push(record);
    else result.malformed.push(line);
  }
  if (partial !== "") result.partial = partial;
  return result;
}

/**
 * The readiness line of the current boot, if written yet. `previousLength` is the log's size in BYTES
 * before the restart: the log is append-only across boots, so only a `profile=default` line at or after
 * that offset is this boot's. A log now shorter was rotated, and all of it is new (one rotated and grown
 * past `previousLength` cannot be told apart; at 256 KiB rotation that does not happen within one wait).
 * A line without its newline is still being written and does not count.
 */
export function readinessSince(text: string, previousLength: number): BootRecord | undefined {
  const from = Buffer.byteLength(text, "utf8") < previousLength ? 0 : previousLength;
  for (const line of splitLines(text).lines) {
    if (line.offset < from) continue;
    const record = parseBootLine(line.text);
    if (record?.profile === "default") return record;
  }
  return undefined;
}
