import { expect, it } from "vitest";
import {
  createVolume,
  HERMES_GID,
  HERMES_UID,
  onlyInGeneration,
  seedDataAsRoot,
  startHermes,
} from "../harness/index.js";

// Contract C4.10 (G2): HERMES_GATEWAY_BOOTSTRAP_STATE=running (that literal only) seeds the default
// gateway's state when there is none, so that reconciliation (C7.4) starts gateway-default.

const VARIABLE = "HERMES_GATEWAY_BOOTSTRAP_STATE";

it("C4.10: HERMES_GATEWAY_BOOTSTRAP_STATE=running on a first boot has reconciliation start gateway-default", async (context) => {
  onlyInGeneration(context, "g2", "C4.10");
  const hermes = await startHermes({ nameHint: "gw-bootstrap", env: { [VARIABLE]: "running" } });
  const record = (await hermes.bootRecords()).find((r) => r.profile === "default");
  expect({ prior: record?.priorState, action: record?.action }).toEqual({
    prior: "running",
    action: "started",
  });
  await hermes.waitForSlot("gateway-default", (s) => s.state === "up", "up");
});

it("C4.10: an existing state file wins, and any value but the literal `running` seeds nothing", async (context) => {
  onlyInGeneration(context, "g2", "C4.10");
  const volume = await createVolume("gw-state");
  await seedDataAsRoot(
    { volume },
    `printf '{"gateway_state": "stopped"}\\n' > "$1/gateway_state.json"; chown ${HERMES_UID}:${HERMES_GID} "$1/gateway_state.json"`,
  );
  const [kept, wrongCase] = await Promise.all([
    startHermes({ nameHint: "gw-bootstrap-kept", env: { [VARIABLE]: "running" }, data: { volume } }),
    startHermes({ nameHint: "gw-bootstrap-case", env: { [VARIABLE]: "RUNNING" } }),
  ]);
  const defaultRecord = async (hermes: typeof kept) => {
    const record = (await hermes.bootRecords()).find((r) => r.profile === "default");
    return { prior: record?.priorState, action: record?.action };
  };
  expect(await defaultRecord(kept)).toEqual({ prior: "stopped", action: "registered" });
  expect(await defaultRecord(wrongCase)).toEqual({ prior: null, action: "registered" });
});
