import { type HermesContainer, type ProcessRow, type SlotStatus, TIMEOUTS } from "../../harness/index.js";

// Helpers for the specs (README, "Writing a spec"): add one here rather than copy it into a spec.

/** The venv's Python, for scripts run inside the container. */
export const VENV_PYTHON = "/opt/hermes/.venv/bin/python";

// s6-svstat's seconds counter restarts on every up/down change, so "down for 2 s" means it stayed down.

/**
 * For a "for 2 s" wait: it cannot hold sooner than 2 s after the change, so a probe a second (a
 * docker exec each) is enough, where the default backoff would spend eight on the same 2 s.
 */
export const FOR_TWO_SECONDS = { intervalMs: 1_000 } as const;

/** Down for 2 s or more, with ./finish done. */
export const downForTwoSeconds = (s: SlotStatus) => s.state === "down" && !s.finishing && s.seconds >= 2;

/** Down for 2 s with no start pending (`want up`): a slot that starts and crash-loops cannot pass. */
export const parkedDown = (s: SlotStatus) => s.state === "down" && s.want === undefined && s.seconds >= 2;

export function waitParkedDown(hermes: HermesContainer, slot: string): Promise<SlotStatus> {
  return hermes.waitForSlot(slot, parkedDown, "down, not wanted up, for 2 s", FOR_TWO_SECONDS);
}

const argvWords = (row: ProcessRow) => row.args.split(/\s+/);

/** Where the hermes CLI is in an argv: a word that is a path ending in `/hermes` (the venv's or the shim); -1 if none. */
const hermesCliIndex = (words: readonly string[]) => words.findIndex((word) => /\/hermes$/.test(word));

/** Whether `sequence` occurs as consecutive words of `words`, starting after index `after`. */
const hasWordsAfter = (words: readonly string[], sequence: readonly string[], after = -1) =>
  words.some((_, i) => i > after && sequence.every((word, k) => words[i + k] === word));

/** A process running the hermes CLI. */
export const runsHermesCli = (row: ProcessRow) => hermesCliIndex(argvWords(row)) >= 0;

/** The hermes CLI running `gateway run`; the boot's own shell (`.../main-wrapper.sh gateway run`) is not one. */
export function gatewayRuns(rows: readonly ProcessRow[]): ProcessRow[] {
  return rows.filter((row) => {
    const words = argvWords(row);
    const cli = hermesCliIndex(words);
    return cli >= 0 && hasWordsAfter(words, ["gateway", "run"], cli);
  });
}

/** Rows of `hermes -p NAME gateway run ...` (C6.4), matched word by word. */
export function profileGatewayRuns(rows: readonly ProcessRow[], name: string): ProcessRow[] {
  return rows.filter((row) => hasWordsAfter(argvWords(row), ["-p", name, "gateway", "run"]));
}

/** The dashboard program (`hermes dashboard --host H --port P --no-open`), not its s6-supervise. */
export function dashboardProcesses(rows: readonly ProcessRow[]): ProcessRow[] {
  return rows.filter((row) => !row.args.startsWith("s6-") && /\bdashboard\b.*--port\b/.test(row.args));
}

/**
 * Waits until the dashboard answers GET /api/status from inside the container. s6 reports the slot
 * `up` as soon as its run script starts; the process table is settled (one dashboard process, as
 * hermes) only once the dashboard serves.
 */
export function waitForStatusInside(
  hermes: HermesContainer,
  port: number,
  timeoutMs: number = TIMEOUTS.conditionMs,
) {
  return hermes.waitForHttpOk(port, "/api/status", `dashboard on ${port} to answer /api/status`, timeoutMs);
}
