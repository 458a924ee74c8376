import { beforeAll, describe, expect, it } from "vitest";
import {
  describeExec,
  HERMES_UID,
  type HermesContainer,
  onlySinceVersion,
  PROFILES_DIR,
  SCANDIR,
  startHermes,
  TIMEOUTS,
  waitFor,
} from "../harness/index.js";
import { apiServerLines, profileGatewayRuns, waitParkedDown } from "./support/spec-helpers.js";

// Contract C2.4 and C6: per-profile gateways as dynamic s6 slots, driven by the hermes user.
// One container serves the whole file; every test has profiles (names, API ports) of its own.

let hermes: HermesContainer;

beforeAll(async () => {
  hermes = await startHermes({ nameHint: "profile-gw" });
});

const profileDir = (name: string) => `${PROFILES_DIR}/${name}`;
const slotDir = (name: string) => `${SCANDIR}/gateway-${name}`;

/** gateway_state.json of a named profile (C6.9), parsed; read as hermes. */
async function readState(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await hermes.readFile(`${profileDir(name)}/gateway_state.json`));
}

async function createProfile(name: string): Promise<void> {
  await hermes.ok(["hermes", "profile", "create", name]);
}

/** Appends lines to a profile's .env; a leading newline, as the seeded .env need not end with one. */
async function appendEnv(name: string, lines: string): Promise<void> {
  await hermes.ok([
    "sh",
    "-c",
    'printf "\\n%s" "$2" >> "$1"',
    "append-env",
    `${profileDir(name)}/.env`,
    lines,
  ]);
}

/** C6.4/C6.10: upstream serves the API port only when enabled, with a usable key, in the profile's .env. */
const enableApi = (name: string, port: number) => appendEnv(name, apiServerLines(port));

/** C6.3: start|stop|restart exit 0 and print nothing. `--force` only for start (all versions accept it). */
async function gateway(name: string, verb: "start" | "stop" | "restart"): Promise<void> {
  const argv = ["hermes", "-p", name, "gateway", verb, ...(verb === "start" ? ["--force"] : [])];
  const result = await hermes.exec(argv);
  expect(result.exitCode, describeExec(argv, result)).toBe(0);
  expect(result.stdout + result.stderr, describeExec(argv, result)).toBe("");
}

/**
 * Waits until the slot is up with a pid other than `previousPid`, the gateway has written
 * `gateway_state: running` with exactly that pid (C6.4), and /health answers 200 on its port.
 */
async function waitServing(name: string, port: number, previousPid?: number): Promise<number> {
  const status = await hermes.waitForNewPid(`gateway-${name}`, previousPid);
  const pid = status.pid as number;
  await waitFor(() => readState(name), {
    description: `${name}: gateway_state running with pid ${pid}`,
    timeoutMs: TIMEOUTS.conditionMs,
    until: (state) => state.gateway_state === "running" && state.pid === pid,
  });
  await hermes.waitForHttpOk(port, "/health", `${name}: GET /health on ${port} answers 200`);
  return pid;
}

async function startServing(name: string, port: number): Promise<number> {
  await createProfile(name);
  await enableApi(name, port);
  await gateway(name, "start");
  return waitServing(name, port);
}

describe("C2.4: the svscan control surface belongs to hermes", () => {
  it("C2.4: control and lock are hermes-owned and hermes can rescan", async () => {
    const control = await hermes.stat(`${SCANDIR}/.s6-svscan/control`);
    expect(control.type).toBe("fifo");
    expect(control.uid).toBe(HERMES_UID);
    expect((await hermes.stat(`${SCANDIR}/.s6-svscan/lock`)).uid).toBe(HERMES_UID);
    // Who owns .s6-svscan itself differs across upstream versions (a recursive chown or not).
    for (const flags of ["-a", "-an"]) {
      const argv = ["/command/s6-svscanctl", flags, SCANDIR];
      const result = await hermes.exec(argv);
      expect(result.exitCode, describeExec(argv, result)).toBe(0);
    }
  });
});

describe("C6: profile gateways", () => {
  it("C6.1/C6.2: profile create registers a down slot whose control FIFO hermes can write", async () => {
    await createProfile("alpha");
    expect((await hermes.stat(slotDir("alpha"))).type).toBe("directory");
    expect(await hermes.exists(`${slotDir("alpha")}/down`)).toBe(true);
    const status = await hermes.waitForSlot("gateway-alpha", () => true, "supervised (svstat answers)");
    expect(status.state).toBe("down");

    const control = await hermes.stat(`${slotDir("alpha")}/supervise/control`);
    expect(control.type).toBe("fifo");
    expect(control.uid).toBe(HERMES_UID);
    // Everything s6 writes to is pre-created for hermes, in the slot and in its logger (C6.2).
    for (const part of ["supervise", "event", "log/supervise", "log/supervise/control", "log/event"]) {
      expect((await hermes.stat(`${slotDir("alpha")}/${part}`)).uid, part).toBe(HERMES_UID);
    }
    // A real s6-svc as hermes: it fails unless hermes can write the control FIFO.
    const argv = ["/command/s6-svc", "-d", slotDir("alpha")];
    const result = await hermes.exec(argv);
    expect(result.exitCode, describeExec(argv, result)).toBe(0);

    expect((await hermes.stat(`${profileDir("alpha")}/SOUL.md`)).type).toBe("file");
    const env = await hermes.stat(`${profileDir("alpha")}/.env`);
    expect(env.modeText).toBe("600");
    expect(env.uid).toBe(HERMES_UID);
  });

  it("C6.3/C6.4: start runs the gateway as hermes, serving /health, with its state recorded", async () => {
    const pid = await startServing("gw-start", 18601);
    const rows = await hermes.processes();
    const mine = profileGatewayRuns(rows, "gw-start");
    expect(mine.map((row) => row.pid)).toEqual([pid]);
    expect(mine[0]?.uid).toBe(HERMES_UID);
    const state = await readState("gw-start");
    expect(state.desired_state).toBe("running");
    expect(state.gateway_state).toBe("running");
    expect(state.pid).toBe(pid);
  });

  it("C6.3: restart gives the gateway a new PID; desired_state stays running", async () => {
    const first = await startServing("gw-restart", 18602);
    await gateway("gw-restart", "restart");
    const second = await waitServing("gw-restart", 18602, first);
    expect(second).not.toBe(first);
    expect((await readState("gw-restart")).desired_state).toBe("running");
  });

  it("C6.5: a gateway killed with SIGKILL (by hermes) is restarted by s6 and serves again", async () => {
    const first = await startServing("gw-crash", 18603);
    const kill = await hermes.exec(["kill", "-9", String(first)]);
    expect(kill.exitCode, describeExec(["kill", "-9", String(first)], kill)).toBe(0);
    const second = await waitServing("gw-crash", 18603, first);
    expect(second).not.toBe(first);
  });

  it("C6.3: stop brings the slot down, ends the gateway and records desired_state stopped", async () => {
    await startServing("gw-stop", 18604);
    expect(profileGatewayRuns(await hermes.processes(), "gw-stop")).toHaveLength(1);
    await gateway("gw-stop", "stop");
    const status = await hermes.waitForSlot("gateway-gw-stop", (s) => s.state === "down", "down");
    expect(status.state).toBe("down");
    await waitFor(async () => profileGatewayRuns(await hermes.processes(), "gw-stop"), {
      description: "no gw-stop gateway process",
      timeoutMs: TIMEOUTS.conditionMs,
      until: (rows) => rows.length === 0,
    });
    expect((await readState("gw-stop")).desired_state).toBe("stopped");
  });

  it("C6.7: profile delete -y removes a running profile's slot, gateway and directory", async () => {
    await startServing("gw-delete", 18605);
    const argv = ["hermes", "profile", "delete", "gw-delete", "-y"];
    const result = await hermes.exec(argv);
    expect(result.exitCode, describeExec(argv, result)).toBe(0);
    expect(await hermes.exists(slotDir("gw-delete"))).toBe(false);
    expect(await hermes.exists(profileDir("gw-delete"))).toBe(false);
    // Delete waits for the slot to go down (C6.7): no gateway is left behind.
    expect(profileGatewayRuns(await hermes.processes(), "gw-delete")).toEqual([]);
  });

  it("C6.4: two profiles run at once on distinct ports", async () => {
    const [a, b] = await Promise.all([startServing("duo-a", 18606), startServing("duo-b", 18607)]);
    expect(a).not.toBe(b);
    // Both still up, with the pids their state files report.
    for (const [name, pid] of [
      ["duo-a", a],
      ["duo-b", b],
    ] as const) {
      expect((await hermes.svstat(`gateway-${name}`)).pid).toBe(pid);
      expect((await readState(name)).pid).toBe(pid);
    }
    expect((await hermes.httpGet(18606, "/health")).status).toBe(200);
    expect((await hermes.httpGet(18607, "/health")).status).toBe(200);
  });

  it.for([
    { kind: "no API_SERVER_KEY", name: "api-nokey", key: "", since: "0.16.0", port: 18611 },
    // 15 characters: one short of upstream's floor.
    {
      kind: "a 15-character API_SERVER_KEY",
      name: "api-short",
      key: "fifteen-chars-x",
      since: "0.18.0",
      port: 18612,
    },
    {
      kind: "a placeholder API_SERVER_KEY",
      name: "api-placeholder",
      key: "your_api_key_here",
      since: "0.18.0",
      port: 18613,
    },
  ])("C6.10: with $kind the gateway starts but does not serve its API port", async (c, context) => {
    onlySinceVersion(context, c.since, `C6.10 (${c.kind})`);
    await createProfile(c.name);
    await appendEnv(c.name, apiServerLines(c.port, c.key));
    await gateway(c.name, "start");
    await hermes.waitForNewPid(`gateway-${c.name}`, undefined);
    // The gateway got past its start: a fresh profile's state file says more than `starting` only then.
    await waitFor(() => readState(c.name), {
      description: `${c.name}: a gateway_state past "starting"`,
      timeoutMs: TIMEOUTS.conditionMs,
      until: (state) => typeof state.gateway_state === "string" && state.gateway_state !== "starting",
    });
    // Still refused after 2 s of asking every 100 ms inside the container: a server that binds late shows.
    const answer = await hermes.httpGetOrRefused(c.port, "/health", 2_000);
    expect(answer, `GET /health on ${c.port}`).toBe("refused");
  });

  it.each([
    // `_x`: valid characters, but a name must start with a letter or digit.
    ["invalid", ["-x", "_x", "a b", "a".repeat(65)]],
    ["reserved", ["default", "hermes", "root", "test", "tmp", "sudo"]],
  ])("C6.1: %s names are refused, non-zero, with no slot or directory created", async (_kind, names) => {
    const before = await hermes.slots();
    const results = await Promise.all(
      names.map((name) => hermes.exec(["hermes", "profile", "create", name])),
    );
    results.forEach((result, i) => {
      expect(result.exitCode, `create ${JSON.stringify(names[i])}\n${describeExec([], result)}`).not.toBe(0);
    });
    expect(await hermes.slots()).toEqual(before);
    for (const name of names) expect(await hermes.exists(profileDir(name)), name).toBe(false);
  });

  it("C6.1: a mixed-case name is lower-cased or refused, never kept as typed", async () => {
    // Newer CLIs lower-case the name, older ones refuse it; a slot or directory named `Mixed-Case`
    // would be a profile the reconciler and `-p mixed-case` do not know.
    const argv = ["hermes", "profile", "create", "Mixed-Case"];
    const result = await hermes.exec(argv);
    expect(result.stderr + result.stdout, describeExec(argv, result)).not.toMatch(/Traceback/);
    expect(await hermes.exists(profileDir("Mixed-Case")), "profiles/Mixed-Case").toBe(false);
    expect(await hermes.exists(slotDir("Mixed-Case")), "gateway-Mixed-Case").toBe(false);
    const lowered = {
      directory: await hermes.exists(profileDir("mixed-case")),
      slot: await hermes.exists(slotDir("mixed-case")),
    };
    expect(lowered, describeExec(argv, result)).toEqual(
      result.exitCode === 0 ? { directory: true, slot: true } : { directory: false, slot: false },
    );
  });

  it("C6.1: a 64-character name (the longest allowed) is accepted", async () => {
    const name = `z${"9".repeat(63)}`;
    await createProfile(name);
    expect((await hermes.stat(profileDir(name))).type).toBe("directory");
    expect((await hermes.svstat(`gateway-${name}`)).state).toBe("down");
  });

  it("C6.1: creating an existing profile fails and leaves it as it was", async () => {
    await createProfile("dup");
    await hermes.shOk(`echo keep-me >> ${profileDir("dup")}/SOUL.md`);
    const soul = await hermes.readFile(`${profileDir("dup")}/SOUL.md`);
    const argv = ["hermes", "profile", "create", "dup"];
    const result = await hermes.exec(argv);
    expect(result.exitCode, describeExec(argv, result)).not.toBe(0);
    expect(await hermes.readFile(`${profileDir("dup")}/SOUL.md`)).toBe(soul);
    expect((await hermes.svstat("gateway-dup")).state).toBe("down");
  });

  it("C6.3: starting an unknown profile exits 1 and names it", async () => {
    const argv = ["hermes", "-p", "ghost", "gateway", "start", "--force"];
    const result = await hermes.exec(argv);
    expect(result.exitCode, describeExec(argv, result)).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/\bghost\b/);
    expect(await hermes.exists(slotDir("ghost"))).toBe(false);
    expect(await hermes.exists(profileDir("ghost"))).toBe(false);
  });

  it("C6.3: start of a profile whose slot is missing starts it in a new slot, or exits 1 naming the profile", async () => {
    // As a bind-mounted volume brings it. Versions differ: some register the slot and start it,
    // others refuse; none may report success and leave the gateway down, or crash.
    const name = "no-slot-start";
    await hermes.shOk(`mkdir ${profileDir(name)} && echo soul > ${profileDir(name)}/SOUL.md`);
    await enableApi(name, 18614);
    const argv = ["hermes", "-p", name, "gateway", "start", "--force"];
    const result = await hermes.exec(argv);
    expect(result.stderr + result.stdout, describeExec(argv, result)).not.toMatch(/Traceback/);
    if (result.exitCode === 0) {
      await waitServing(name, 18614);
    } else {
      expect(result.exitCode, describeExec(argv, result)).toBe(1);
      expect(result.stdout + result.stderr, describeExec(argv, result)).toMatch(new RegExp(`\\b${name}\\b`));
      expect(await hermes.exists(slotDir(name))).toBe(false);
    }
  });

  it.each(["stop", "restart"])(
    "C6.3: %s of a profile whose slot is missing exits 1 naming the profile, and registers nothing",
    async (verb) => {
      // As a bind-mounted volume brings it: a profile directory (with SOUL.md) this boot never saw.
      const name = `no-slot-${verb}`;
      await hermes.shOk(`mkdir ${profileDir(name)} && echo soul > ${profileDir(name)}/SOUL.md`);
      const argv = ["hermes", "-p", name, "gateway", verb];
      const result = await hermes.exec(argv);
      expect(result.exitCode, describeExec(argv, result)).toBe(1);
      expect(result.stdout + result.stderr, describeExec(argv, result)).toMatch(new RegExp(`\\b${name}\\b`));
      expect(result.stderr + result.stdout, describeExec(argv, result)).not.toMatch(/Traceback/);
      expect(await hermes.exists(slotDir(name))).toBe(false);
    },
  );

  it("C6.3: restart of a stopped gateway is s6-svc -t only: the slot stays down", async () => {
    await createProfile("gw-parked");
    await gateway("gw-parked", "restart");
    // Down for 2 s with no start pending: restart did not bring it up.
    const status = await waitParkedDown(hermes, "gateway-gw-parked");
    expect(status.state).toBe("down");
    expect(profileGatewayRuns(await hermes.processes(), "gw-parked")).toEqual([]);
  });

  it("C6.8: hermes status shows Manager: s6 (container supervisor)", async () => {
    const out = await hermes.ok(["hermes", "status"]);
    const managers = out
      .split("\n")
      .map((line) => /^\s*Manager:\s*(.*?)\s*$/.exec(line)?.[1])
      .filter((value) => value !== undefined);
    expect(managers).toEqual(["s6 (container supervisor)"]);
  });
});
