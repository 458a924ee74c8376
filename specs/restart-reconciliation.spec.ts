import { beforeAll, describe, expect, it } from "vitest";
import {
  type BootRecord,
  createVolume,
  type HermesContainer,
  imageDeadline,
  PROFILES_DIR,
  parseBootLog,
  type RecreateOptions,
  recreateOnVolume,
  startHermes,
  TIMEOUTS,
  waitFor,
} from "../harness/index.js";
import { API_SERVER_KEY, waitParkedDown } from "./support/spec-helpers.js";

// Contract C7: every boot rebuilds the gateway slots from /opt/data. One container holds a profile
// for every prior state at once, written as a file or left by a real gateway that ran (C7.8); it is
// restarted once (C7) and, on a named volume, a second one is removed and re-created on the same
// volume as in an image upgrade (C7.7). The tests only read.

interface Case {
  name: string;
  /** gateway_state.json as written before the restart; undefined: no file. */
  file?: string;
  /**
   * A real gateway instead of a written file: started with the CLI and serving before the restart
   * (`running`), or also stopped with `hermes gateway stop` (`stopped`). The restart's own SIGTERM
   * then reaches a live gateway, which writes what it writes (upstream issues #33597, #42675).
   */
  live?: "running" | "stopped";
  /** C7.3: what the boot log must report. */
  prior: string | null;
  /** C7.4: only a prior `running` starts. */
  action: "started" | "registered";
  /** API port for gateways that start, so /health proves they run. */
  port?: number;
}

const json = (value: object) => JSON.stringify(value);

const CASES: Case[] = [
  {
    name: "st-running",
    file: json({ gateway_state: "running" }),
    prior: "running",
    action: "started",
    port: 18701,
  },
  { name: "st-stopped", file: json({ gateway_state: "stopped" }), prior: "stopped", action: "registered" },
  { name: "st-starting", file: json({ gateway_state: "starting" }), prior: "starting", action: "registered" },
  {
    name: "st-failed",
    file: json({ gateway_state: "startup_failed" }),
    prior: "startup_failed",
    action: "registered",
  },
  // C7.3: a gateway killed while draining or degraded was running.
  {
    name: "st-draining",
    file: json({ gateway_state: "draining" }),
    prior: "running",
    action: "started",
    port: 18702,
  },
  {
    name: "st-degraded",
    file: json({ gateway_state: "degraded" }),
    prior: "running",
    action: "started",
    port: 18703,
  },
  {
    name: "st-unknown",
    file: json({ gateway_state: "hibernating" }),
    prior: "hibernating",
    action: "registered",
  },
  { name: "st-missing", prior: null, action: "registered" },
  { name: "st-corrupt", file: "{not json", prior: null, action: "registered" },
  // C7.3: desired_state (operator intent) wins over gateway_state, both ways.
  {
    name: "st-want-stop",
    file: json({ desired_state: "stopped", gateway_state: "running" }),
    prior: "stopped",
    action: "registered",
  },
  {
    name: "st-want-run",
    file: json({ desired_state: "running", gateway_state: "stopped" }),
    prior: "running",
    action: "started",
    port: 18704,
  },
  { name: "live-running", live: "running", prior: "running", action: "started", port: 18705 },
  { name: "live-stopped", live: "stopped", prior: "stopped", action: "registered", port: 18706 },
];

const NAMED = CASES.map((c) => c.name).sort();
const STALE_FILES = ["gateway.pid", "processes.json"];

/**
 * As hermes: the profiles (with the CLI), their state files and API ports, stale runtime files in
 * every profile that will stay down and in the root, a profile-like directory without SOUL.md, and a
 * `profiles/default` that must not shadow the root profile. Every state-bearing directory says
 * `running`, so an image that reconciled it would start something visible.
 */
const SEED_SCRIPT = `set -e
P=${PROFILES_DIR}
running='{"gateway_state": "running"}'
while [ $# -gt 0 ]; do
  name=$1; file=$2; port=$3; stale=$4; shift 4
  hermes profile create "$name" >/dev/null
  [ "$file" = "<none>" ] || printf '%s' "$file" > "$P/$name/gateway_state.json"
  [ -z "$port" ] || printf '\\nAPI_SERVER_ENABLED=true\\nAPI_SERVER_PORT=%s\\nAPI_SERVER_KEY=%s\\n' "$port" "$API_SERVER_KEY" >> "$P/$name/.env"
  [ "$stale" = 0 ] || { echo 4242 > "$P/$name/gateway.pid"; echo '[]' > "$P/$name/processes.json"; }
done
echo 4242 > /opt/data/gateway.pid; echo '[]' > /opt/data/processes.json
mkdir "$P/no-soul"; touch "$P/no-soul/config.yaml"; printf '%s' "$running" > "$P/no-soul/gateway_state.json"
mkdir "$P/default"; echo soul > "$P/default/SOUL.md"; printf '%s' "$running" > "$P/default/gateway_state.json"
`;

/** Seeds every case; returns what went wrong arranging the live ones (C7.8 reports it). */
async function seed(hermes: HermesContainer): Promise<string[]> {
  const args = CASES.flatMap((c) => [
    c.name,
    c.file ?? "<none>",
    c.port === undefined ? "" : String(c.port),
    c.action === "registered" && c.live === undefined ? "1" : "0",
  ]);
  // One exec runs `hermes profile create` for every case (a CLI start each): longer than one exec.
  await hermes.ok(["sh", "-c", SEED_SCRIPT, "seed", ...args], {
    timeoutMs: imageDeadline(60_000),
    env: { API_SERVER_KEY },
  });
  // A live gateway that cannot be arranged fails C7.8 alone: the other cases still have their say.
  const live = await Promise.allSettled(
    CASES.filter((c) => c.live !== undefined).map((c) => runLive(hermes, c)),
  );
  return live.flatMap((r) =>
    r.status === "rejected" ? [String((r.reason as Error).message ?? r.reason)] : [],
  );
}

/**
 * A live case's gateway, started with the CLI and running: s6 has it up and the gateway itself has
 * written `running` with its pid (what reconciliation reads, C7.3); then stopped by the operator
 * if asked.
 */
async function runLive(hermes: HermesContainer, c: Case): Promise<void> {
  await hermes.ok(["hermes", "-p", c.name, "gateway", "start", "--force"]);
  const { pid } = await hermes.waitForSlot(`gateway-${c.name}`, (s) => s.state === "up", "up");
  const file = `${PROFILES_DIR}/${c.name}/gateway_state.json`;
  await waitFor(async () => JSON.parse(await hermes.readFile(file)) as Record<string, unknown>, {
    description: `${file}: gateway_state running with pid ${pid}, before the restart`,
    timeoutMs: TIMEOUTS.conditionMs,
    until: (state) => state.gateway_state === "running" && state.pid === pid,
  });
  if (c.live !== "stopped") return;
  await hermes.ok(["hermes", "-p", c.name, "gateway", "stop"]);
  await hermes.waitForSlot(`gateway-${c.name}`, (s) => s.state === "down" && !s.finishing, "down");
}

interface Arranged {
  hermes: HermesContainer;
  /** What went wrong arranging the live gateways before the restart (C7.8); empty when nothing did. */
  liveSetup: string[];
  /** Boot log length before the new boot: what comes after belongs to it. */
  since: number;
  /** Wall clock just before the container went down. */
  startedAt: number;
}

async function viaRestart(): Promise<Arranged> {
  const hermes = await startHermes({ nameHint: "reconcile-restart" });
  const liveSetup = await seed(hermes);
  const since = await hermes.bootLogBytes();
  const startedAt = Date.now();
  await hermes.restart();
  return { hermes, liveSetup, since, startedAt };
}

async function viaRecreate(): Promise<Arranged> {
  const options: RecreateOptions = {
    nameHint: "reconcile-recreate",
    data: { volume: await createVolume("reconcile") },
  };
  const old = await startHermes(options);
  const liveSetup = await seed(old);
  const since = await old.bootLogBytes();
  const startedAt = Date.now();
  const hermes = await recreateOnVolume(old, options);
  return { hermes, liveSetup, since, startedAt };
}

const ways = {
  "docker restart (C7)": viaRestart,
  "re-creation on the same volume (C7.7)": viaRecreate,
} as const;
type Way = keyof typeof ways;
const arranged = new Map<Way, Arranged>();

beforeAll(async () => {
  const entries = Object.entries(ways) as [Way, () => Promise<Arranged>][];
  const results = await Promise.all(entries.map(([, arrange]) => arrange()));
  for (const [i, [way]] of entries.entries()) arranged.set(way, results[i] as Arranged);
});

/** This boot's records, once every expected line is there (the default line may come first). */
async function thisBootLog(a: Arranged) {
  return waitFor(
    async () => {
      const whole = Buffer.from(await a.hermes.bootLogText(), "utf8");
      return parseBootLog(whole.subarray(a.since).toString("utf8"));
    },
    {
      description: `${NAMED.length + 1} boot log lines after byte ${a.since}`,
      timeoutMs: TIMEOUTS.conditionMs,
      until: (log) => log.records.length >= NAMED.length + 1 && log.partial === undefined,
    },
  );
}

/** C7.4: a case that starts is up and serving, with no down file; any other is registered down. */
async function expectReconciled(hermes: HermesContainer, c: Case): Promise<void> {
  const slot = `gateway-${c.name}`;
  const downFile = await hermes.exists(`/run/service/${slot}/down`);
  if (c.action === "started") {
    expect(downFile, `${slot}/down`).toBe(false);
    await hermes.waitForSlot(slot, (s) => s.state === "up", "up");
    const health = await hermes.waitForHttpOk(c.port as number, "/health", `${c.name}: /health on ${c.port}`);
    expect(health.status).toBe(200);
  } else {
    // Registered with a down file: not started, so no crash loop (C7.4).
    expect(downFile, `${slot}/down`).toBe(true);
    const status = await hermes.waitForSlot(slot, () => true, "supervised (svstat answers)");
    expect(status.state, slot).toBe("down");
  }
}

describe.each(Object.keys(ways) as Way[])("after %s", (way) => {
  const get = () => arranged.get(way) as Arranged;

  it.each(CASES.filter((c) => c.live === undefined))("C7.3/C7.4: prior $name → $action", async (c) => {
    await expectReconciled(get().hermes, c);
  });

  it("C7.8: a gateway live before it is up and serving after it; one stopped with `gateway stop` stays down", async () => {
    expect(get().liveSetup, "the live gateways before the restart").toEqual([]);
    const live = CASES.filter((c) => c.live !== undefined);
    expect(live.map((c) => c.live)).toEqual(["running", "stopped"]);
    for (const c of live) await expectReconciled(get().hermes, c);
  });

  it("C7.1/C7.2: gateway-default is registered down; profiles/default does not shadow it", async () => {
    const { hermes } = get();
    // profiles/default says running: an image that read it for the root slot would start it.
    expect(await hermes.exists("/run/service/gateway-default/down")).toBe(true);
    const status = await waitParkedDown(hermes, "gateway-default");
    expect(status.state).toBe("down");
  });

  it("C7.2: a directory without SOUL.md gets no slot and no log line", async () => {
    const { hermes } = get();
    expect(await hermes.exists("/run/service/gateway-no-soul")).toBe(false);
    const log = await thisBootLog(get());
    expect(log.records.filter((r) => r.profile === "no-soul")).toEqual([]);
    expect((await hermes.logs()).split("\n").filter((line) => line.includes("profile=no-soul"))).toEqual([]);
  });

  it("C7.5: stale gateway.pid and processes.json are removed", async () => {
    const { hermes } = get();
    const homes = [
      "/opt/data",
      // The seeded ones: a live gateway leaves its own files, which say nothing of the boot.
      ...CASES.filter((c) => c.action === "registered" && c.live === undefined).map(
        (c) => `${PROFILES_DIR}/${c.name}`,
      ),
    ];
    const paths = homes.flatMap((home) => STALE_FILES.map((file) => `${home}/${file}`));
    // One exec for all paths: prints those that still exist.
    const left = await hermes.okLines([
      "sh",
      "-c",
      'for f in "$@"; do [ ! -e "$f" ] || echo "$f"; done',
      "left",
      ...paths,
    ]);
    expect(left).toEqual([]);
  });

  it("C7.6: container-boot.log has exactly one well-formed line per profile for this boot", async () => {
    const a = get();
    const log = await thisBootLog(a);
    expect(log.malformed).toEqual([]);
    const defaults = log.records.filter((r) => r.profile === "default");
    expect(defaults).toHaveLength(1);
    expect(defaults[0]?.priorState).toBeNull();
    expect(defaults[0]?.action).toBe("registered");
    // Named profiles in sorted order (C7.2), each once, nothing else.
    expect(log.records.filter((r) => r.profile !== "default").map((r) => r.profile)).toEqual(NAMED);
    const byName = new Map<string, BootRecord>(log.records.map((r) => [r.profile, r]));
    for (const c of CASES) {
      const record = byName.get(c.name);
      expect({ prior: record?.priorState, action: record?.action }, c.name).toEqual({
        prior: c.prior,
        action: c.action,
      });
    }
    // Written during this boot (second resolution, so a little slack).
    for (const record of log.records) {
      expect(record.time.getTime(), record.line).toBeGreaterThanOrEqual(a.startedAt - 2_000);
      expect(record.time.getTime(), record.line).toBeLessThanOrEqual(Date.now() + 2_000);
    }
  });

  it("C7.6: a reconcile line per profile reaches docker logs", async () => {
    const { hermes } = get();
    const expected = CASES.map(
      (c) =>
        new RegExp(
          `(?:^|\\s)reconcile: profile=${c.name} prior_state=${c.prior ?? "None"} action=${c.action}(?:\\s|$)`,
        ),
    );
    const last = expected.at(-1) as RegExp;
    await hermes.waitForLogLine(last);
    const lines = (await hermes.logs()).split("\n");
    const counts = Object.fromEntries(
      CASES.map((c, i) => [c.name, lines.filter((line) => expected[i]?.test(line)).length]),
    );
    expect(counts).toEqual(Object.fromEntries(CASES.map((c) => [c.name, 1])));
  });
});
