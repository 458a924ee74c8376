import { beforeAll, describe, expect, it } from "vitest";
import {
  appendedLines,
  dockerClient,
  HERMES_GID,
  HERMES_HOME,
  HERMES_UID,
  type HermesContainer,
  onlyInGeneration,
  runContext,
  startHermes,
  VENV_PYTHON,
} from "../harness/index.js";
import { expectOnlyAGeneratedKey, runsHermesCli } from "./support/spec-helpers.js";

// Contract C1 (layout and identity) and C4.6/C4.7/C4.9 (first-boot seeding, auth bootstrap,
// readiness), all read as hermes.

const S6_TOOLS = ["s6-svc", "s6-svstat", "s6-svscanctl", "s6-svwait", "s6-setuidgid", "with-contenv"];
const STATE_DIRS = [
  "cron",
  "sessions",
  "logs",
  "logs/gateways",
  "hooks",
  "memories",
  "skills",
  "skins",
  "plans",
  "workspace",
  "home",
];
const AUTH_JSON = '{"providers": {"harness": {"token": "bootstrap-value"}}}';

let hermes: HermesContainer;

beforeAll(async () => {
  hermes = await startHermes({
    nameHint: "layout",
    // A supervised service and its state in place, so C1.6 sees long-lived programs.
    env: {
      HERMES_DASHBOARD: "1",
      HERMES_DASHBOARD_HOST: "127.0.0.1",
      HERMES_AUTH_JSON_BOOTSTRAP: AUTH_JSON,
    },
  });
});

describe("C1 layout and identity", () => {
  it("C1.1: hermes is UID 10000, GID 10000, home /opt/data", async () => {
    const passwd = (await hermes.ok(["getent", "passwd", "hermes"])).trim().split(":");
    expect({ uid: passwd[2], gid: passwd[3], home: passwd[5] }).toEqual({
      uid: String(HERMES_UID),
      gid: String(HERMES_GID),
      home: HERMES_HOME,
    });
    expect((await hermes.ok(["id", "-u"])).trim()).toBe(String(HERMES_UID));
  });

  it("C1.2/C1.6: HERMES_HOME is /opt/data, /opt/data is a VOLUME, and the image has no final USER", async () => {
    expect((await hermes.ok(["printenv", "HERMES_HOME"])).trim()).toBe(HERMES_HOME);
    const image = await dockerClient().getImage(runContext().image).inspect();
    expect(Object.keys(image.Config.Volumes ?? {})).toContain(HERMES_HOME);
    expect(["", "root", "0", "0:0"]).toContain(image.Config.User ?? "");
  });

  it("C1.3: /opt/hermes is root-owned and hermes cannot create files in it; the CLI and its Python run", async () => {
    expect((await hermes.stat("/opt/hermes")).uid).toBe(0);
    const probe = await hermes.exec(["touch", "/opt/hermes/.harness-probe"]);
    expect(probe.exitCode, "hermes created a file directly in /opt/hermes").not.toBe(0);
    // Below /opt/hermes ownership is the generation's: G1 (seed Dockerfile) gives the venv to
    // hermes, because lazy installs write into it; G2 may seal it, which is not a promise.
    if (runContext().generation === "g1")
      expect((await hermes.stat("/opt/hermes/.venv")).uid).toBe(HERMES_UID);
    expect(await hermes.ok(["/opt/hermes/.venv/bin/hermes", "--version"])).toMatch(/^Hermes Agent v\d+/m);
    const imported = await hermes.ok([
      VENV_PYTHON,
      "-c",
      "import hermes_cli, sys; print('@major=%d' % sys.version_info[0])",
    ]);
    expect(imported).toMatch(/^@major=3$/m);
  });

  it("C1.4: PATH has the venv ahead of the system directories and holds /opt/data/.local/bin; `hermes` resolves", async () => {
    const dirs = (await hermes.ok(["printenv", "PATH"])).trim().split(":");
    const venv = dirs.indexOf("/opt/hermes/.venv/bin");
    const firstSystem = dirs.findIndex((dir) => /^\/(usr\/)?(local\/)?s?bin$/.test(dir));
    expect(venv, dirs.join(":")).toBeGreaterThanOrEqual(0);
    expect(firstSystem, dirs.join(":")).toBeGreaterThan(venv);
    expect(dirs, dirs.join(":")).toContain("/opt/data/.local/bin");
    // G2: the exec shim's directory comes first.
    if (runContext().generation === "g2") expect(dirs[0], dirs.join(":")).toBe("/opt/hermes/bin");
    const resolved = (await hermes.ok(["sh", "-c", "command -v hermes"])).trim();
    expect(resolved).toBe(
      runContext().generation === "g2" ? "/opt/hermes/bin/hermes" : "/opt/hermes/.venv/bin/hermes",
    );
    // Plain `docker exec <c> hermes ...`, nothing sourced.
    expect(await hermes.ok(["hermes", "--version"])).toMatch(/^Hermes Agent v\d+/m);
  });

  it("C1.7: a login shell finds the venv's python3 first, and its python imports what only the venv has", async (context) => {
    onlyInGeneration(context, "g2", "C1.7");
    // Debian's /etc/profile resets PATH; G2's /etc/profile.d drop-in puts the venv back.
    const found = (await hermes.ok(["bash", "-l", "-c", "command -v python3"])).trim();
    expect(found).toBe("/opt/hermes/.venv/bin/python3");
    // hermes_cli is installed in the venv alone; the system Debian has no `python` at all.
    const imported = await hermes.ok([
      "bash",
      "-l",
      "-c",
      "python -c \"import hermes_cli; print('@imported')\"",
    ]);
    expect(imported).toMatch(/^@imported$/m);
  });

  it("C1.5: the s6 tools are executable by hermes under /command/", async () => {
    const missing = await hermes.okLines([
      "sh",
      "-c",
      'for t in "$@"; do [ -x "/command/$t" ] || echo "$t"; done',
      "tools",
      ...S6_TOOLS,
    ]);
    expect(missing).toEqual([]);
  });

  it("C1.6: every long-lived hermes program and log writer runs as hermes, never root", async () => {
    await hermes.waitForSlot("dashboard", (s) => s.state === "up", "up");
    const rows = await hermes.processes();
    const cli = rows.filter(runsHermesCli);
    // The dashboard at least: an empty list would prove nothing.
    expect(cli.length, JSON.stringify(rows)).toBeGreaterThan(0);
    expect(cli.filter((row) => row.uid !== HERMES_UID)).toEqual([]);
    expect(rows.filter((row) => /(^|\/)s6-log\s/.test(row.args) && row.uid !== HERMES_UID)).toEqual([]);
    expect((await hermes.ok(["sh", "-c", "ps -o user= -p 1"])).trim()).toBe("root");
  });
});

describe("C4.6/C4.7 first boot", () => {
  it("C4.6: the state directories exist and belong to hermes", async () => {
    const wrong = await hermes.okLines([
      "sh",
      "-c",
      'uid=$1; shift; for d in "$@"; do [ -d "/opt/data/$d" ] && [ "$(stat -c %u "/opt/data/$d")" = "$uid" ] || echo "$d"; done',
      "dirs",
      String(HERMES_UID),
      ...STATE_DIRS,
    ]);
    expect(wrong).toEqual([]);
  });

  it("C4.6: .env is seeded mode 600, config.yaml 640 or 644 on a first boot, SOUL.md present, all hermes's", async () => {
    const [env, config, soul] = await Promise.all(
      [".env", "config.yaml", "SOUL.md"].map((name) => hermes.stat(`/opt/data/${name}`)),
    );
    expect({ env: env?.modeText, soul: soul?.type }).toEqual({ env: "600", soul: "file" });
    // Upstream tightens config.yaml before it seeds it: 640 is promised from the second boot on.
    expect(["640", "644"]).toContain(config?.modeText);
    expect([env?.uid, config?.uid, soul?.uid]).toEqual([HERMES_UID, HERMES_UID, HERMES_UID]);
  });

  it("C4.7: HERMES_AUTH_JSON_BOOTSTRAP writes auth.json (hermes, mode 600) with exactly its value", async () => {
    const auth = await hermes.stat("/opt/data/auth.json");
    expect({ type: auth.type, uid: auth.uid, mode: auth.modeText }).toEqual({
      type: "file",
      uid: HERMES_UID,
      mode: "600",
    });
    expect(await hermes.readFile("/opt/data/auth.json")).toBe(AUTH_JSON);
  });

  it("C4.6/C4.7/C4.9: a second boot overwrites nothing and adds exactly one readiness line", async () => {
    // Last: it restarts the shared container.
    const edits: Record<string, string> = {
      ".env": "# kept by the user\nAPI_SERVER_PORT=18999\n",
      "config.yaml": "# kept by the user\nmodel: {}\n",
      "SOUL.md": "kept by the user\n",
      "auth.json": '{"providers": {}}',
    };
    for (const [name, text] of Object.entries(edits)) {
      await hermes.ok(["sh", "-c", 'printf "%s" "$2" > "$1"', "edit", `/opt/data/${name}`, text]);
    }
    const readinessBefore = (await hermes.bootRecords()).filter((r) => r.profile === "default").length;
    // The restart keeps HERMES_AUTH_JSON_BOOTSTRAP set: it must not overwrite the edited auth.json.
    await hermes.restart();
    const after: Record<string, string> = {};
    for (const name of Object.keys(edits)) after[name] = await hermes.readFile(`/opt/data/${name}`);
    // A generated API_SERVER_KEY appended to a .env that has none is the one addition.
    const envAdded = appendedLines(edits[".env"] ?? "", after[".env"] ?? "");
    expectOnlyAGeneratedKey(envAdded, runContext().generation, after[".env"] ?? "");
    expect({ ...after, ".env": edits[".env"] }).toEqual(edits);
    expect((await hermes.stat("/opt/data/.env")).modeText).toBe("600");
    expect((await hermes.stat("/opt/data/config.yaml")).modeText).toBe("640");
    const readinessAfter = (await hermes.bootRecords()).filter((r) => r.profile === "default").length;
    expect(readinessBefore).toBe(1);
    expect(readinessAfter).toBe(2);
  });
});
