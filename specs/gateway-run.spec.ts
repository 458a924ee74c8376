import { beforeAll, describe, expect, it } from "vitest";
import {
  type HermesContainer,
  type ProcessRow,
  type SlotStatus,
  startHermes,
  waitFor,
} from "../harness/index.js";

// Contract C3.8 (and C6.9): `docker run IMAGE gateway run` hands the default gateway to s6 and keeps
// the container alive; `--no-supervise` or HERMES_GATEWAY_NO_SUPERVISE=1 runs it as the main program.

const SLOT = "gateway-default";
const STATE_FILE = "/opt/data/gateway_state.json";

/**
 * Processes of the hermes CLI running `gateway run`: a word that is a path ending in `/hermes`, later
 * followed by `gateway run`. The boot's own shell (`.../main-wrapper.sh gateway run`) is not one.
 */
function gatewayRuns(rows: readonly ProcessRow[]): ProcessRow[] {
  return rows.filter((row) => {
    const words = row.args.split(/\s+/);
    const cli = words.findIndex((word) => /\/hermes$/.test(word));
    return cli >= 0 && words.some((word, i) => i > cli && word === "gateway" && words[i + 1] === "run");
  });
}

/** The default profile's gateway_state.json, once it says running. */
function waitForRunningState(hermes: HermesContainer) {
  return waitFor(async () => JSON.parse(await hermes.readFile(STATE_FILE)) as Record<string, unknown>, {
    description: `${STATE_FILE} with gateway_state running`,
    timeoutMs: 10_000,
    until: (state) => state.gateway_state === "running" && typeof state.pid === "number",
  });
}

/** Down and not wanted up, for 2 s: the slot was never started (s6-svstat's counter restarts on change). */
const parkedDown = (s: SlotStatus) => s.state === "down" && s.want === undefined && s.seconds >= 2;

describe("C3.8 gateway run", () => {
  let supervised: HermesContainer;
  let noSuperviseFlag: HermesContainer;
  let noSuperviseEnv: HermesContainer;

  beforeAll(async () => {
    // Each role is fixed at `docker run`; the tests only read, so the three boot at once.
    [supervised, noSuperviseFlag, noSuperviseEnv] = await Promise.all([
      startHermes({ nameHint: "gw-run", command: ["gateway", "run"] }),
      startHermes({ nameHint: "gw-fg-flag", command: ["gateway", "run", "--no-supervise"] }),
      startHermes({
        nameHint: "gw-fg-env",
        command: ["gateway", "run"],
        env: { HERMES_GATEWAY_NO_SUPERVISE: "1" },
      }),
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
    expect(child?.uid, JSON.stringify(rows)).toBe(10000);
    // Exactly one gateway in the whole container: the main program is only a placeholder now.
    // Two gateways on one data directory is the failure upstream's docs warn about.
    expect(
      gatewayRuns(rows).map((row) => row.pid),
      JSON.stringify(rows),
    ).toEqual([status.pid]);
    // The main program keeps the container alive while s6 runs the gateway.
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
    expect(runs[0]?.uid).toBe(10000);
    const status = await hermes.waitForSlot(SLOT, parkedDown, "down, not wanted up, for 2 s");
    expect(status.state).toBe("down");
  });
});
