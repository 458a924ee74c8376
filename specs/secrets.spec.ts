import { beforeAll, describe, expect, it } from "vitest";
import {
  createVolume,
  DASHBOARD_DEFAULT_PORT,
  HERMES_UID,
  type HermesContainer,
  imageDeadline,
  parseBootLog,
  recreateOnVolume,
  startHermes,
  TIMEOUTS,
  waitFor,
} from "../harness/index.js";
import { appendLine, authJson, type Secret, Sentinels } from "./support/sentinels.js";

// Contract C9: secrets stay secret, from the user's side (docker logs, the boot log, command lines,
// the dashboard, file modes). The harness's own half (its artifacts) is specs/harness-redaction.spec.ts.

const sentinels = new Sentinels();
const sentinel = (label: string, purpose: string) => sentinels.make(label, purpose);

/** The line with every secret replaced by its label: what a failure message may show. */
function mask(text: string, secrets: readonly Secret[]): string {
  let out = text;
  for (const s of secrets) {
    const marker = `<redacted sentinel: ${s.label}>`;
    out = out.split(s.value).join(marker).split(s.needle).join(marker);
  }
  return out;
}

/** One entry per line and secret found there, values masked. */
function leaksIn(where: string, text: string, secrets: readonly Secret[]): string[] {
  const found: string[] = [];
  text.split("\n").forEach((line, i) => {
    for (const s of secrets) {
      if (line.includes(s.needle)) found.push(`${where}, line ${i + 1}: ${s.label}: ${mask(line, secrets)}`);
    }
  });
  return found;
}

/**
 * G2 generates an API_SERVER_KEY into a `.env` that has none (contract C4.6); G1 does not. The test
 * never sets one there, so a non-empty one after boot is the image's own, and is a secret too.
 */
async function generatedApiServerKey(hermes: HermesContainer): Promise<Secret | undefined> {
  const text = await hermes.readFile("/opt/data/.env");
  const value = /^API_SERVER_KEY=(.+)$/m.exec(text)?.[1]?.trim();
  if (!value) return undefined;
  return { label: "API_SERVER_KEY (generated into /opt/data/.env)", value, needle: value };
}

/** `gateway_state.json` of a profile (C6.9) says running, with the pid its s6 slot reports (C6.4). */
async function waitForGateway(hermes: HermesContainer, profile: string): Promise<void> {
  // Longer than one condition: the file's three containers boot and start their gateways at once.
  const slot = await hermes.waitForSlot(`gateway-${profile}`, (s) => s.state === "up", "up", {
    timeoutMs: imageDeadline(15_000),
  });
  const file =
    profile === "default"
      ? "/opt/data/gateway_state.json"
      : `/opt/data/profiles/${profile}/gateway_state.json`;
  await waitFor(async () => JSON.parse(await hermes.readFile(file)) as Record<string, unknown>, {
    description: `${file}: gateway_state running with pid ${slot.pid}`,
    timeoutMs: TIMEOUTS.conditionMs,
    until: (state) => state.gateway_state === "running" && state.pid === slot.pid,
  });
}

const PROFILE = "vault";

describe("C9.1/C9.3: a container holding every kind of secret shows none of them", () => {
  let hermes: HermesContainer;
  let secrets: Secret[];

  beforeAll(async () => {
    const openai = sentinel("OPENAI_API_KEY (-e)", "openai-key");
    const anthropic = sentinel("ANTHROPIC_API_KEY (-e)", "anthropic-key");
    const bootstrap = sentinel("HERMES_AUTH_JSON_BOOTSTRAP (-e)", "auth-json");
    const password = sentinel("HERMES_DASHBOARD_BASIC_AUTH_PASSWORD (-e)", "dashboard-password");
    const dotenv = sentinel("OPENROUTER_API_KEY (/opt/data/.env)", "dotenv");
    const profileEnv = sentinel(`API_SERVER_KEY (profiles/${PROFILE}/.env)`, "profile-env");
    hermes = await startHermes({
      nameHint: "c9-secrets",
      // The usual deployment: a supervised default gateway (C3.8), a dashboard behind basic auth (C5.4).
      command: ["gateway", "run"],
      env: {
        OPENAI_API_KEY: openai.value,
        ANTHROPIC_API_KEY: anthropic.value,
        HERMES_AUTH_JSON_BOOTSTRAP: authJson(bootstrap.value),
        HERMES_DASHBOARD: "1",
        HERMES_DASHBOARD_HOST: "0.0.0.0",
        HERMES_DASHBOARD_BASIC_AUTH_USERNAME: "harness",
        HERMES_DASHBOARD_BASIC_AUTH_PASSWORD: password.value,
      },
    });
    const generated = await generatedApiServerKey(hermes);
    await appendLine(hermes, "/opt/data/.env", `OPENROUTER_API_KEY=${dotenv.value}`);
    await hermes.ok(["hermes", "profile", "create", PROFILE]);
    await appendLine(hermes, `/opt/data/profiles/${PROFILE}/.env`, `API_SERVER_KEY=${profileEnv.value}`);
    await hermes.ok(["hermes", "-p", PROFILE, "gateway", "start", "--force"]);
    await waitForGateway(hermes, PROFILE);
    // A second boot reads both .env files with the values in them, and restarts the gateways (C7.4).
    await hermes.restart();
    await Promise.all([waitForGateway(hermes, "default"), waitForGateway(hermes, PROFILE)]);
    await hermes.waitForHttpOk(DASHBOARD_DEFAULT_PORT, "/api/status", "the dashboard to answer /api/status");
    secrets = [openai, anthropic, bootstrap, password, dotenv, profileEnv, ...(generated ? [generated] : [])];
    if (generated) sentinels.add(generated);
  });

  it("C9.1: no secret value appears in docker logs", async () => {
    const logs = await hermes.logs();
    // Both boots' reconcile lines (C7.6): the whole log was read, not an empty one.
    expect(
      logs.match(/reconcile: profile=default\b/g)?.length ?? 0,
      logs.slice(-2000),
    ).toBeGreaterThanOrEqual(2);
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    expect(leaksIn("docker logs", logs, secrets)).toEqual([]);
  });

  it("C9.1: no secret value appears in /opt/data/logs/container-boot.log", async () => {
    const text = await hermes.bootLogText();
    const records = parseBootLog(text).records;
    // Two boots, each with the default and the named profile: the file is the one the boot writes.
    expect(records.filter((r) => r.profile === "default").length).toBe(2);
    expect(records.filter((r) => r.profile === PROFILE).length).toBe(1);
    expect(leaksIn("container-boot.log", text, secrets)).toEqual([]);
  });

  it("C9.1: no secret value appears in any process's command line (ps -eo args as hermes)", async () => {
    // -ww: a cut command line could hide a value.
    const table = await hermes.ok(["ps", "-ww", "-e", "-o", "args="]);
    const lines = table.split("\n");
    // The programs that hold the secrets are in the table: a leak there would have been seen.
    expect(
      lines.some((line) => /\bdashboard\b.*--port\b/.test(line)),
      table,
    ).toBe(true);
    expect(
      lines.some((line) => /(^|\s)-p vault gateway run\b/.test(line)),
      table,
    ).toBe(true);
    expect(leaksIn("ps -ww -eo args (as hermes)", table, secrets)).toEqual([]);
  });

  it("C9.3: GET /api/status without credentials returns no secret value", async () => {
    const response = await hermes.httpGet(DASHBOARD_DEFAULT_PORT, "/api/status");
    expect(response.status, response.body).toBe(200);
    const payload: unknown = JSON.parse(response.body);
    expect(
      typeof payload === "object" && payload !== null && Object.keys(payload).length > 0,
      response.body,
    ).toBe(true);
    expect(leaksIn("GET /api/status", response.body, secrets)).toEqual([]);
  });
});

describe("C9.2: files that hold secrets are hermes-only", () => {
  const TOP = ["/opt/data/.env", "/opt/data/auth.json"];
  const profileEnv = (name: string) => `/opt/data/profiles/${name}/.env`;
  const bootstrapEnv = () => ({
    HERMES_AUTH_JSON_BOOTSTRAP: authJson(sentinel("auth.json", "auth-file").value),
  });

  /** `file 600 uid N` per file, stat'ed as hermes (lstat: a symlink shows as one). */
  async function modes(
    hermes: HermesContainer,
    files: readonly string[],
    withOwner = true,
  ): Promise<Record<string, string>> {
    const stats = await hermes.statAll(files);
    return Object.fromEntries(
      stats.map((stat) => [stat.path, `${stat.type} ${stat.modeText}${withOwner ? ` uid ${stat.uid}` : ""}`]),
    );
  }
  const hermesOnly = (files: readonly string[], uid: number, withOwner = true) =>
    Object.fromEntries(files.map((path) => [path, `file 600${withOwner ? ` uid ${uid}` : ""}`]));

  it("C9.2: after a boot and after a restart, .env, auth.json and a profile's .env are mode 600 and hermes's", async () => {
    const files = [...TOP, profileEnv(PROFILE)];
    const hermes = await startHermes({ nameHint: "c9-modes", env: bootstrapEnv() });
    await hermes.ok(["hermes", "profile", "create", PROFILE]);
    expect(await modes(hermes, files)).toEqual(hermesOnly(files, HERMES_UID));
    await hermes.restart();
    expect(await modes(hermes, files)).toEqual(hermesOnly(files, HERMES_UID));
  });

  it("C9.2: after a HERMES_UID/HERMES_GID remap they are mode 600 and owned by the new UID", async () => {
    const files = [...TOP, profileEnv(PROFILE)];
    const volume = await createVolume("c9-remap");
    const env = bootstrapEnv();
    const first = await startHermes({ nameHint: "c9-before-remap", data: { volume }, env });
    await first.ok(["hermes", "profile", "create", PROFILE]);
    expect(await modes(first, files)).toEqual(hermesOnly(files, HERMES_UID));
    const remapped = await recreateOnVolume(first, {
      nameHint: "c9-remapped",
      data: { volume },
      env: { ...env, HERMES_UID: "12345", HERMES_GID: "12346" },
    });
    expect(await modes(remapped, files)).toEqual(hermesOnly(files, 12345));
  });

  it("C9.2: a root docker exec that writes them leaves them 600, and the next boot 600 and hermes's", async () => {
    const asCli = `${PROFILE}-cli`;
    const asRootCli = `${PROFILE}-root`;
    const files = [...TOP, profileEnv(asCli), profileEnv(asRootCli)];
    const hermes = await startHermes({ nameHint: "c9-root-exec", env: bootstrapEnv() });
    // What users do: `docker exec` runs as root unless told otherwise. These writes are under test.
    const asRoot = { root: { reason: "C9.2 covers a user's root docker exec: this write is under test" } };
    await hermes.ok(["sh", "-c", 'printf "\\n# added by a root docker exec\\n" >> /opt/data/.env'], asRoot);
    await hermes.ok(["sh", "-c", "cat > /opt/data/auth.json"], { ...asRoot, stdin: authJson("rewritten") });
    // The CLI writes a profile's .env: plain (G1 as root, G2 through the exec shim as hermes, C3.11),
    // and with the shim's opt-out, as root in both generations.
    await hermes.ok(["hermes", "profile", "create", asCli], asRoot);
    await hermes.ok(["hermes", "profile", "create", asRootCli], {
      ...asRoot,
      env: { HERMES_DOCKER_EXEC_AS_ROOT: "1" },
    });
    expect(await modes(hermes, files, false)).toEqual(hermesOnly(files, HERMES_UID, false));
    await hermes.restart();
    expect(await modes(hermes, files)).toEqual(hermesOnly(files, HERMES_UID));
  });
});
