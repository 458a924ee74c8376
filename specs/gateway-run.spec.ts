import stripAnsi from "strip-ansi";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildDerivedImage,
  HERMES_UID,
  type HermesContainer,
  type ProcessRow,
  startHermes,
  TIMEOUTS,
  waitFor,
} from "../harness/index.js";
import { gatewayRuns, waitParkedDown } from "./support/spec-helpers.js";

// Contract C3.8 (and C6.9): `docker run IMAGE gateway run` hands the default gateway to s6 and keeps
// the container alive; `--no-supervise` or HERMES_GATEWAY_NO_SUPERVISE=1 runs it as the main program.

const SLOT = "gateway-default";
const STATE_FILE = "/opt/data/gateway_state.json";
/** Where the supervised default gateway's logger writes (upstream's docs, C3.8). */
const GATEWAY_LOG = "/opt/data/logs/gateways/default/current";

/**
 * Removes every `sleep` the main program or a shell could find: on the image's own PATH and in the
 * usual program folders (/bin may be a link to /usr/bin, hence `rm -f`); the build fails if one is
 * left.
 */
const SLEEP_DIRS = [
  "/opt/hermes/bin",
  "/opt/hermes/.venv/bin",
  "/command",
  "/usr/local/sbin",
  "/usr/local/bin",
  "/usr/sbin",
  "/usr/bin",
  "/sbin",
  "/bin",
];
const REMOVE_SLEEP = `IFS=:
for dir in $PATH:${SLEEP_DIRS.join(":")}; do
  rm -f "$dir/sleep"
done
! command -v sleep`;

/** The default profile's gateway_state.json, once it says running. */
function waitForRunningState(hermes: HermesContainer) {
  return waitFor(async () => JSON.parse(await hermes.readFile(STATE_FILE)) as Record<string, unknown>, {
    description: `${STATE_FILE} with gateway_state running`,
    timeoutMs: TIMEOUTS.conditionMs,
    until: (state) => state.gateway_state === "running" && typeof state.pid === "number",
  });
}

/** Whether an s6-supervise is among the process's ancestors: s6 runs it, the main program does not. */
function underS6Supervision(rows: readonly ProcessRow[], row: ProcessRow): boolean {
  const byPid = new Map(rows.map((r) => [r.pid, r] as const));
  const seen = new Set<number>();
  for (let parent = byPid.get(row.ppid); parent && !seen.has(parent.pid); parent = byPid.get(parent.ppid)) {
    if (/^(\S*\/)?s6-supervise\b/.test(parent.args)) return true;
    seen.add(parent.pid);
  }
  return false;
}

/**
 * The first line of the gateway's own output in its logger's file, as the program printed it: s6-log
 * may put a timestamp in front (`T`: ISO 8601, `t`: TAI64N), and a line needs a letter or digit to
 * say something no other program prints by chance (a rule of dashes does not).
 */
function firstGatewayLine(current: string): string | undefined {
  return current
    .split("\n")
    .map((line) =>
      stripAnsi(line)
        .replace(/^(?:@[0-9a-f]{24}|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?Z?)\s+/, "")
        .trim(),
    )
    .find((line) => /[A-Za-z0-9]/.test(line));
}

describe("C3.8 gateway run", () => {
  let supervised: HermesContainer;
  let noSuperviseFlag: HermesContainer;
  let noSuperviseEnv: HermesContainer;
  let sleepless: string;

  beforeAll(async () => {
    [supervised, noSuperviseFlag, noSuperviseEnv, sleepless] = await Promise.all([
      startHermes({ nameHint: "gw-run", command: ["gateway", "run"] }),
      startHermes({ nameHint: "gw-fg-flag", command: ["gateway", "run", "--no-supervise"] }),
      startHermes({
        nameHint: "gw-fg-env",
        command: ["gateway", "run"],
        env: { HERMES_GATEWAY_NO_SUPERVISE: "1" },
      }),
      // Only the image here: its container starts in its own test, so a build whose CLI dies at
      // once fails that test alone, not the whole file's beforeAll.
      buildDerivedImage("no-sleep", {}, { rootShell: REMOVE_SLEEP }),
    ]);
  });

  it("C3.8/C6.9: `gateway run` starts the gateway-default slot under s6 and the container stays up", async () => {
    const hermes = supervised;
    const status = await hermes.waitForSlot(SLOT, (s) => s.state === "up", "up");
    const state = await waitForRunningState(hermes);
    // The gateway that runs is s6's child, the one the slot reports.
    expect(state.pid).toBe(status.pid);
    const rows = await hermes.processes();
    const child = rows.find((row) => row.pid === status.pid);
    expect(child?.uid, JSON.stringify(rows)).toBe(HERMES_UID);
    // Exactly one gateway in the whole container: the main program is only a placeholder now.
    // Two gateways on one data directory is the failure upstream's docs warn about.
    expect(
      gatewayRuns(rows).map((row) => row.pid),
      JSON.stringify(rows),
    ).toEqual([status.pid]);
    // The main program keeps the container alive while s6 runs the gateway.
    expect((await hermes.state()).Running).toBe(true);
  });

  it("C3.8: the supervised gateway's output reaches docker logs as well as logs/gateways/default/current", async () => {
    const hermes = supervised;
    // Read from the logger's file, so the line is the gateway's own, whatever upstream's wording
    // (its banner and log lines change between versions): the CLI's notice about supervision goes
    // to docker logs directly and never into this file. upstream's logger is `s6-log 1 ... T DIR`,
    // the reference's too: lines reach stdout bare and the file timestamped, hence the stripping.
    const line = await waitFor(async () => firstGatewayLine(await hermes.readFile(GATEWAY_LOG)), {
      description: `a line of the gateway's own output in ${GATEWAY_LOG}`,
      timeoutMs: TIMEOUTS.conditionMs,
      until: (found) => found !== undefined,
    });
    if (line === undefined) throw new Error("unreachable: waitFor returned no line");
    // docker logs (both streams) shows the same line, written there by the gateway's logger too.
    const seen = await hermes.waitForLogLine(new RegExp(line.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    expect(seen).toContain(line);
  });

  it("C3.8: without `sleep` in the image, `gateway run` still keeps the container up with gateway-default up", async () => {
    const hermes = await startHermes({
      nameHint: "gw-no-sleep",
      image: sleepless,
      command: ["gateway", "run"],
    });
    // The image under test, minus `sleep`: a shell of the container finds none either.
    const lookup = await hermes.sh("command -v sleep");
    expect(lookup.exitCode, `command -v sleep: ${lookup.stdout}${lookup.stderr}`).not.toBe(0);
    const status = await hermes.waitForSlot(SLOT, (s) => s.state === "up", "up");
    const state = await waitForRunningState(hermes);
    expect(state.pid).toBe(status.pid);
    const rows = await hermes.processes();
    const runs = gatewayRuns(rows);
    // Exactly one gateway under s6: the slot's. Upstream's heartbeat without `sleep` stays in the CLI
    // process, so the main program's command line may still read `hermes gateway run`; it is the
    // one row outside s6 supervision, at most, and holds none of the gateway's state.
    expect(
      runs.filter((row) => underS6Supervision(rows, row)).map((row) => row.pid),
      JSON.stringify(rows),
    ).toEqual([status.pid]);
    expect(
      runs.filter((row) => !underS6Supervision(rows, row)).length,
      JSON.stringify(rows),
    ).toBeLessThanOrEqual(1);
    // The main program is still there to keep the container alive: it did not die of the missing
    // `sleep` (upstream issue #36208), which would have ended the container (C3.5).
    expect((await hermes.state()).Running).toBe(true);
  });

  it.each([
    ["`gateway run --no-supervise`", () => noSuperviseFlag],
    ["HERMES_GATEWAY_NO_SUPERVISE=1", () => noSuperviseEnv],
  ])("C3.8: %s runs the gateway in the foreground; the s6 slot stays down", async (_, container) => {
    const hermes = container();
    const state = await waitForRunningState(hermes);
    const rows = await hermes.processes();
    const runs = gatewayRuns(rows);
    // Exactly one gateway: the main program itself, as hermes.
    expect(
      runs.map((row) => row.pid),
      JSON.stringify(rows),
    ).toEqual([state.pid]);
    expect(runs[0]?.uid).toBe(HERMES_UID);
    // The slot was never started.
    const status = await waitParkedDown(hermes, SLOT);
    expect(status.state).toBe("down");
  });
});
