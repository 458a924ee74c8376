import { beforeAll, describe, expect, it } from "vitest";
import {
  DASHBOARD_DEFAULT_PORT,
  HERMES_UID,
  type HermesContainer,
  imageDeadline,
  startHermes,
  TIMEOUTS,
  VENV_PYTHON,
  waitFor,
} from "../harness/index.js";
import {
  dashboardProcesses,
  downForTwoSeconds,
  FOR_TWO_SECONDS,
  parkedDown,
  waitForStatusInside,
} from "./support/spec-helpers.js";

// Contract C5: the static s6 service `dashboard`. The default host differs across upstream versions
// (C5.2), so every container here sets HERMES_DASHBOARD_HOST explicitly.

const SLOT = "dashboard";
const OVERRIDE_PORT = 9200;
const AUTH = { user: "harness", password: "dashboard-secret" };
const TRUTHY_ELSEWHERE = ["TRUE", "True", "yes", "YES", "Yes"]; // "1" and "true" are the role containers below
const FALSY = ["0", "false", "no", ""]; // unset is the `off` container

/** "open" or "closed" for a TCP port on the container's loopback, probed as hermes. */
async function portState(hermes: HermesContainer, port: number): Promise<string> {
  const script =
    "import socket, sys\ns = socket.socket()\ns.settimeout(2)\n" +
    "print('open' if s.connect_ex(('127.0.0.1', int(sys.argv[1]))) == 0 else 'closed')";
  return (await hermes.ok([VENV_PYTHON, "-c", script, String(port)])).trim();
}

function parseJsonObject(body: string): Record<string, unknown> {
  const value: unknown = JSON.parse(body);
  expect(typeof value === "object" && value !== null && !Array.isArray(value), body).toBe(true);
  return value as Record<string, unknown>;
}

describe("C5 dashboard", () => {
  let off: HermesContainer;
  let loopback: HermesContainer;
  let published: HermesContainer;
  let gated: HermesContainer;
  let gatedInsecure: HermesContainer;

  beforeAll(async () => {
    [off, loopback, published, gated, gatedInsecure] = await Promise.all([
      startHermes({ nameHint: "dash-off" }),
      startHermes({
        nameHint: "dash-lo",
        env: { HERMES_DASHBOARD: "1", HERMES_DASHBOARD_HOST: "127.0.0.1" },
      }),
      startHermes({
        nameHint: "dash-pub",
        // A published port needs a non-loopback bind, and that needs an auth provider (C5.4).
        env: {
          HERMES_DASHBOARD: "true",
          HERMES_DASHBOARD_HOST: "0.0.0.0",
          HERMES_DASHBOARD_PORT: String(OVERRIDE_PORT),
          HERMES_DASHBOARD_BASIC_AUTH_USERNAME: AUTH.user,
          HERMES_DASHBOARD_BASIC_AUTH_PASSWORD: AUTH.password,
        },
        ports: [OVERRIDE_PORT],
      }),
      startHermes({
        nameHint: "dash-78",
        env: { HERMES_DASHBOARD: "1", HERMES_DASHBOARD_HOST: "0.0.0.0" },
      }),
      startHermes({
        nameHint: "dash-78i",
        env: { HERMES_DASHBOARD: "1", HERMES_DASHBOARD_HOST: "0.0.0.0", HERMES_DASHBOARD_INSECURE: "1" },
      }),
    ]);
  });

  it("C5.1: off by default: the slot is down and no dashboard process exists", async () => {
    const status = await off.waitForSlot(SLOT, downForTwoSeconds, "down for 2 s", FOR_TWO_SECONDS);
    expect(status.state).toBe("down");
    expect(dashboardProcesses(await off.processes())).toEqual([]);
    expect(await portState(off, DASHBOARD_DEFAULT_PORT)).toBe("closed");
  });

  it("C5.2/C5.3: on, it runs as hermes and answers GET /api/status with 200 JSON inside the container", async () => {
    const response = await waitForStatusInside(loopback, DASHBOARD_DEFAULT_PORT);
    parseJsonObject(response.body);
    const status = await loopback.svstat(SLOT);
    expect(status.state, status.raw).toBe("up");
    const running = dashboardProcesses(await loopback.processes());
    expect(running, JSON.stringify(running)).toHaveLength(1);
    expect(running[0]?.uid).toBe(HERMES_UID);
  });

  it("C5.2: the dashboard runs with HOME=/opt/data, in /opt/data", async () => {
    // Upstream's run script sets both: the saved container environment carries root's HOME.
    await waitForStatusInside(loopback, DASHBOARD_DEFAULT_PORT);
    const running = dashboardProcesses(await loopback.processes());
    expect(running, JSON.stringify(running)).toHaveLength(1);
    const pid = String(running[0]?.pid);
    const lines = await loopback.okLines([
      "sh",
      "-c",
      'tr "\\0" "\\n" < "/proc/$1/environ" | grep "^HOME=" || true; echo "@cwd=$(readlink "/proc/$1/cwd")"',
      "environ",
      pid,
    ]);
    expect(lines).toEqual(["HOME=/opt/data", "@cwd=/opt/data"]);
  });

  it("C5.2/C5.3: HERMES_DASHBOARD_PORT moves it; it answers through a port published on 127.0.0.1", async () => {
    const url = `${published.hostUrl(OVERRIDE_PORT)}/api/status`;
    const authorization = `Basic ${Buffer.from(`${AUTH.user}:${AUTH.password}`).toString("base64")}`;
    const response = await waitFor(
      async () => {
        const r = await fetch(url, { headers: { authorization }, signal: AbortSignal.timeout(3_000) });
        return { status: r.status, body: await r.text() };
      },
      {
        description: `${url} to answer 200`,
        timeoutMs: TIMEOUTS.conditionMs,
        until: (r) => r.status === 200,
      },
    );
    parseJsonObject(response.body);
    expect(await portState(published, OVERRIDE_PORT)).toBe("open");
    // Red when the port variable is ignored: then the default port would be the one serving.
    expect(await portState(published, DASHBOARD_DEFAULT_PORT)).toBe("closed");
    const running = dashboardProcesses(await published.processes());
    expect(running, JSON.stringify(running)).toHaveLength(1);
    expect(running[0]?.uid).toBe(HERMES_UID);
  });

  it.each([
    ["without an auth provider", () => gated],
    ["even with HERMES_DASHBOARD_INSECURE=1", () => gatedInsecure],
  ])("C5.4: 0.0.0.0 %s: exit 78 parks the slot down, no restart loop", async (_, container) => {
    const hermes = container();
    // Red for a finish script that lets 78 through to s6's restart.
    // The dashboard starts, exits 78 and its finish runs; then 2 s down: longer than one condition.
    const parked = await hermes.waitForSlot(
      SLOT,
      (s) => downForTwoSeconds(s) && parkedDown(s) && s.exitCode === 78,
      "down with exit code 78 for 2 s, not wanted up",
      { timeoutMs: imageDeadline(15_000), ...FOR_TWO_SECONDS },
    );
    const later = await hermes.svstat(SLOT);
    expect(later.state, later.raw).toBe("down");
    expect(later.exitCode, later.raw).toBe(78);
    expect(later.seconds, later.raw).toBeGreaterThanOrEqual(parked.seconds);
    expect(dashboardProcesses(await hermes.processes())).toEqual([]);
  });

  it("C5.1: each falsy HERMES_DASHBOARD value leaves it off", async () => {
    const containers = await Promise.all(
      FALSY.map((value) =>
        startHermes({
          nameHint: "dash-falsy",
          env: { HERMES_DASHBOARD: value, HERMES_DASHBOARD_HOST: "127.0.0.1" },
        }),
      ),
    );
    const results = await Promise.all(
      containers.map(async (hermes, i) => {
        const status = await hermes.waitForSlot(
          SLOT,
          downForTwoSeconds,
          `down for 2 s (${FALSY[i]})`,
          FOR_TWO_SECONDS,
        );
        return {
          value: FALSY[i],
          state: status.state,
          running: dashboardProcesses(await hermes.processes()).length,
        };
      }),
    );
    expect(results).toEqual(FALSY.map((value) => ({ value, state: "down", running: 0 })));
  });

  it("C5.1: each truthy HERMES_DASHBOARD value turns it on", async () => {
    const containers = await Promise.all(
      TRUTHY_ELSEWHERE.map((value) =>
        startHermes({
          nameHint: "dash-truthy",
          env: { HERMES_DASHBOARD: value, HERMES_DASHBOARD_HOST: "127.0.0.1" },
        }),
      ),
    );
    const results = await Promise.all(
      containers.map(async (hermes, i) => {
        const status = await hermes.waitForSlot(SLOT, (s) => s.state === "up", `up (${TRUTHY_ELSEWHERE[i]})`);
        // s6 reports `up` once the run script starts; until the dashboard serves, the exec chain
        // can still hold a forked copy of it (a shell's `$(id -u)`), seen as a second process.
        await waitForStatusInside(hermes, DASHBOARD_DEFAULT_PORT);
        const running = dashboardProcesses(await hermes.processes());
        return { value: TRUTHY_ELSEWHERE[i], state: status.state, uids: running.map((row) => row.uid) };
      }),
    );
    expect(results).toEqual(TRUTHY_ELSEWHERE.map((value) => ({ value, state: "up", uids: [HERMES_UID] })));
  });

  it("C5.5: kill -9 of the dashboard, three times: a new PID each time and HTTP answers again", async () => {
    const hermes = await startHermes({
      nameHint: "dash-kill",
      env: { HERMES_DASHBOARD: "1", HERMES_DASHBOARD_HOST: "127.0.0.1" },
    });
    await waitForStatusInside(hermes, DASHBOARD_DEFAULT_PORT);
    const seen: number[] = [];
    for (let round = 1; round <= 3; round++) {
      const before = await hermes.svstat(SLOT);
      expect(before.state, before.raw).toBe("up");
      const running = dashboardProcesses(await hermes.processes());
      expect(running, JSON.stringify(running)).toHaveLength(1);
      const victim = running[0]?.pid ?? -1;
      seen.push(victim);
      // As hermes: the dashboard is hermes's own process.
      await hermes.ok(["kill", "-9", String(victim)]);
      await hermes.waitForNewPid(SLOT, before.pid);
      const response = await waitForStatusInside(hermes, DASHBOARD_DEFAULT_PORT);
      expect(response.status).toBe(200);
      const after = dashboardProcesses(await hermes.processes());
      expect(after, JSON.stringify(after)).toHaveLength(1);
      expect(after[0]?.pid, `round ${round}`).not.toBe(victim);
    }
    expect(new Set(seen).size).toBe(3);
  });
});
