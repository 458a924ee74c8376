/**
 * The line of `s6-svstat SERVICEDIR` (no options), as Debian's s6 2.13.1.0 prints it (checked against
 * real output and the s6 source):
 *   up (pid P pgid G) N seconds[, throttled][, normally down][, paused][, want down][, ready R seconds]
 *   down (exitcode E | signal SIGNAME) N seconds[, normally up][, want up][, ready R seconds]
 * Older s6 omits ` pgid G`; `-n` prints `signal 9` instead of `signal SIGKILL`. s6 only prints
 * "normally ..." and "want ..." when they differ from the current state.
 * While ./finish runs, s6 reports the service as `down` with no `ready` part (its docs: "down and not
 * ready" is the cleanup phase); a literal `, finishing` token is also accepted in case a version prints it.
 */
export interface SlotStatus {
  state: "up" | "down";
  pid?: number;
  pgid?: number;
  exitCode?: number;
  /** As printed: `SIGKILL`, or a number as text with `-n`. */
  signal?: string;
  /** Seconds since the last up/down transition. */
  seconds: number;
  normallyUp: boolean;
  /** Only present when s6 prints it, i.e. when the wanted state differs from the current one. */
  want?: "up" | "down";
  ready: boolean;
  readySeconds?: number;
  /** ./finish is still running (down and not ready, or an explicit `finishing`). */
  finishing: boolean;
  paused: boolean;
  throttled: boolean;
  raw: string;
}

export class SvstatError extends Error {
  override readonly name = "SvstatError";
  constructor(
    message: string,
    readonly raw: string,
  ) {
    super(message);
  }
}

/** s6-svstat failed because the slot's directory does not exist (not merely unsupervised yet). */
export class SlotMissingError extends Error {
  override readonly name = "SlotMissingError";
}

// Anchored at the start, so `up` inside `want up` can never be taken for the state.
const HEAD =
  /^(?:up \(pid (?<pid>\d+)(?: pgid (?<pgid>-?\d+))?\)|down \((?:exitcode (?<exit>\d+)|signal (?<sig>SIG[A-Z0-9+-]+|\d+))\)) (?<secs>\d+) seconds(?<rest>.*)$/;
const READY = /^ready (\d+) seconds$/;

export function parseSvstat(text: string): SlotStatus {
  const raw = text.trim();
  if (raw.startsWith("s6-svstat:")) {
    // e.g. "s6-svstat: fatal: unable to read status for /run/service/x: s6-supervise not running"
    throw new SvstatError(`s6-svstat failed: ${raw}`, raw);
  }
  if (raw.includes("\n"))
    throw new SvstatError(`Expected one s6-svstat line, got: ${JSON.stringify(raw)}`, raw);
  const bad = (what: string) => new SvstatError(`${what} s6-svstat output: ${JSON.stringify(raw)}`, raw);
  const g = HEAD.exec(raw)?.groups;
  if (!g) throw bad("Unrecognised");

  const state = g.pid !== undefined ? "up" : "down";
  const status: SlotStatus = {
    state,
    seconds: Number(g.secs),
    normallyUp: state === "up",
    ready: false,
    finishing: false,
    paused: false,
    throttled: false,
    raw,
  };
  if (g.pid !== undefined) status.pid = Number(g.pid);
  if (g.pgid !== undefined) status.pgid = Number(g.pgid);
  if (g.exit !== undefined) status.exitCode = Number(g.exit);
  if (g.sig !== undefined) status.signal = g.sig;

  const rest = g.rest ?? "";
  if (rest !== "" && !rest.startsWith(", ")) throw bad("Unrecognised");
  const seen = new Set<string>();
  for (const token of rest === "" ? [] : rest.slice(2).split(", ")) {
    const key = token.startsWith("ready ") ? "ready" : token.startsWith("want ") ? "want" : token;
    if (seen.has(key)) throw bad(`Repeated "${key}" in`);
    seen.add(key);
    const ready = READY.exec(token);
    if (ready) {
      status.ready = true;
      status.readySeconds = Number(ready[1]);
      continue;
    }
    if (token === "normally up" && state === "down") status.normallyUp = true;
    else if (token === "normally down" && state === "up") status.normallyUp = false;
    else if (token === "want up" && state === "down") status.want = "up";
    else if (token === "want down" && state === "up") status.want = "down";
    else if (token === "paused") status.paused = true;
    else if (token === "throttled") status.throttled = true;
    else if (token === "finishing") status.finishing = true;
    else throw bad(`Unrecognised part "${token}" in`);
  }
  if (state === "down" && !status.ready) status.finishing = true;
  return status;
}
