import { beforeAll, describe, expect, it } from "vitest";
import { type HermesContainer, startHermes, TIMEOUTS, waitFor } from "../harness/index.js";
import { gatewayRuns, waitParkedDown } from "./support/spec-helpers.js";

// Contract C3.8 (and C6.9): `docker run IMAGE gateway run` hands the default gateway to s6 and keeps
// the container alive; `--no-supervise` or HERMES_GATEWAY_NO_SUPERVISE=1 runs it as the main program.

const SLOT = "gateway-default";
const STATE_FILE = "/opt/data/gateway_state.json";

/** The default profile's gateway_state.json, once it says running. */
function waitForRunningState(hermes: HermesContainer) {
  return waitFor(async () => JSON.parse(await hermes.readFile(STATE_FILE)) as Record<string, unknown>, {
    description: `${STATE_FILE} with gateway_state running`,
    timeoutMs: TIMEOUTS.conditionMs,
    until: (state) => state.gateway_state === "running" && typeof state.pid === "number",
  });
}

describe("C3.8 gateway run", () => {
  let supervised: HermesContainer;
  let noSuperviseFlag: HermesContainer;
  let noSuperviseEnv: HermesContainer;

  beforeAll(async () => {
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
    // The slot was never started.
    const status = await waitParkedDown(hermes, SLOT);
    expect(status.state).toBe("down");
  });
});
