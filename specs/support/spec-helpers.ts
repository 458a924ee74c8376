import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import type { ImageGeneration } from "../../harness/image/image-generation.js";
import { type HermesContainer, type ProcessRow, type SlotStatus, TIMEOUTS } from "../../harness/index.js";

// Helpers for the specs (README, "Writing a spec"): add one here rather than copy it into a spec.

/**
 * An API_SERVER_KEY for a profile's `.env` (C6.10): upstream serves the API port only with a key of
 * at least 16 characters that is no placeholder, loopback binds included. One per run, made up here,
 * never a real secret; the harness redacts it from artifacts by its name (C9).
 */
export const API_SERVER_KEY = `harness-${randomBytes(12).toString("hex")}`;

/**
 * C4.6: what a boot may add to a `.env` that has no non-empty API_SERVER_KEY. G2 appends exactly one
 * generated key; G1 promises nothing either way (an image between the generations may append it).
 * A generated key shorter than 16 characters would be refused by the image's own API server (C6.10).
 */
export function expectOnlyAGeneratedKey(
  added: string[] | undefined,
  generation: ImageGeneration,
  shown: string,
): void {
  // undefined: a line the user wrote was changed (appendedLines).
  expect(added, shown).toBeDefined();
  if (added === undefined) return;
  expect(added.length, shown).toBeLessThanOrEqual(1);
  if (generation === "g2") expect(added.length, shown).toBe(1);
  for (const line of added) expect(line, shown).toMatch(/^API_SERVER_KEY=\S{16,}$/);
}

/**
 * The `.env` lines that make a profile's gateway serve GET /health on `port` (C6.4, C6.10): enabled,
 * the port, and the run's key. Another `key` tests the guard; an empty one writes no key line.
 */
export const apiServerLines = (port: number, key: string = API_SERVER_KEY) =>
  `API_SERVER_ENABLED=true\nAPI_SERVER_PORT=${port}\n${key === "" ? "" : `API_SERVER_KEY=${key}\n`}`;

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
