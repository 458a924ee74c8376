import { beforeAll, describe, expect, it } from "vitest";
import {
  type ExecResult,
  HERMES_UID,
  type HermesContainer,
  startHermes,
  VENV_PYTHON,
} from "../harness/index.js";

// Contract C8: the image's own `_s6_running()`, run as hermes in real container states. Root only
// creates a state; the probe itself always runs as hermes (C8.3 is why).

const MODULES = ["hermes_cli.service_manager", "gateway.service_manager"] as const;

/**
 * Prints `uid N` (who ran the probe), then one line `MODULE RESULT` per module that exposes `_s6_running`, RESULT being the repr of its
 * return value: exactly `True` or `False` for a bool. A missing module is skipped; anything the probe
 * raises escapes as a traceback, which the specs treat as a failure (C8.2: never an exception).
 */
const PROBE = `import importlib, os, sys
print("uid", os.getuid())
for name in sys.argv[1:]:
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name is not None and name.startswith(error.name):
            continue
        raise
    probe = getattr(module, "_s6_running", None)
    if probe is not None:
        print(name, repr(probe()))`;

const PROBE_ARGV = [VENV_PYTHON, "-c", PROBE, ...MODULES];

/** Root-side state maker for "no /proc": a private mount namespace without /proc, then the probe as hermes. */
const WITHOUT_PROC = `import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
MS_REC, MS_PRIVATE, MNT_DETACH = 0x4000, 0x40000, 2
def check(rc, what):
    if rc != 0:
        raise OSError(ctypes.get_errno(), what)
os.unshare(os.CLONE_NEWNS)
# Private first, so unmounting here cannot reach the container's own /proc.
check(libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "make / private")
check(libc.umount2(b"/proc", MNT_DETACH), "umount /proc")
print("proc-absent" if not os.path.exists("/proc/self") else "proc-present", flush=True)
os.execv("/command/s6-setuidgid", ["s6-setuidgid", "hermes", *sys.argv[1:]])`;

/** Root-side state maker for "hidepid": remount the container's /proc with hidepid=1. */
const REMOUNT_HIDEPID = `import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
MS_REMOUNT = 0x20
if libc.mount(b"proc", b"/proc", b"proc", MS_REMOUNT, b"hidepid=1") != 0:
    raise OSError(ctypes.get_errno(), "remount /proc hidepid=1")`;

interface ProbeRun {
  uid: string | undefined;
  /** Module name => printed result. */
  results: Map<string, string>;
  result: ExecResult;
}

function parseProbe(result: ExecResult, skipLines = 0): ProbeRun {
  const lines = result.stdout.trim().split("\n").slice(skipLines).filter(Boolean);
  const results = new Map<string, string>();
  let uid: string | undefined;
  for (const line of lines) {
    const [name, value, ...rest] = line.split(" ");
    if (!name || value === undefined || rest.length > 0) throw new Error(`unexpected probe line: ${line}`);
    if (name === "uid") uid = value;
    else results.set(name, value);
  }
  return { uid, results, result };
}

/** Every module found gives exactly `expected`; at least one module has the probe; no traceback. */
function expectProbe(run: ProbeRun, expected: "True" | "False"): void {
  const shown = JSON.stringify(run.result);
  expect(run.result.exitCode, shown).toBe(0);
  expect(run.result.stderr, shown).not.toMatch(/Traceback/);
  // C8.3: the probe is only meaningful as the hermes user.
  expect(run.uid, shown).toBe(String(HERMES_UID));
  expect(run.results.size, `no module exposes _s6_running: ${shown}`).toBeGreaterThan(0);
  for (const [name, value] of run.results) expect(`${name} ${value}`, shown).toBe(`${name} ${expected}`);
}

async function probeAsHermes(hermes: HermesContainer): Promise<ProbeRun> {
  return parseProbe(await hermes.exec(PROBE_ARGV));
}

describe("C8 s6 detection probe", () => {
  let normal: HermesContainer;
  let noBasedir: HermesContainer;
  let sysAdmin: HermesContainer;
  let notS6: HermesContainer;

  beforeAll(async () => {
    [normal, noBasedir, sysAdmin, notS6] = await Promise.all([
      startHermes({ nameHint: "probe" }),
      startHermes({ nameHint: "probe-nobase" }),
      // SYS_ADMIN only so that root can remount /proc or unmount it in a private namespace.
      startHermes({ nameHint: "probe-sysadmin", capAdd: ["SYS_ADMIN"] }),
      // PID 1 is `sleep`: nothing of the image's boot runs.
      startHermes({ nameHint: "probe-sleep", entrypoint: ["sleep", "infinity"], waitFor: "running" }),
    ]);
  });

  it("C8.1: a normal container: True, and `hermes status` reports the s6 manager (C6.8)", async () => {
    const run = await probeAsHermes(normal);
    expectProbe(run, "True");
    console.info(`[s6-probe] _s6_running found in: ${[...run.results.keys()].join(", ")}`);
    const status = await normal.ok(["hermes", "status"]);
    const manager = status.split("\n").filter((line) => /^\s*Manager:/.test(line));
    expect(manager, status).toHaveLength(1);
    expect(manager[0]?.replace(/^\s*Manager:\s*/, "").trim(), status).toBe("s6 (container supervisor)");
  });

  it("C8.3: as hermes /proc/1/comm is readable but /proc/1/exe is not (why the probe must not use it)", async () => {
    expect((await normal.ok(["cat", "/proc/1/comm"])).trim()).toBe("s6-svscan");
    const exe = await normal.exec(["readlink", "/proc/1/exe"]);
    expect(exe.exitCode, JSON.stringify(exe)).not.toBe(0);
    expect(exe.stdout).toBe("");
  });

  it("C8.1: PID 1 is not s6-svscan (entrypoint override), even with /run/s6/basedir present: False", async () => {
    await notS6.ok(["mkdir", "-p", "/run/s6/basedir"], {
      root: { reason: "hermes cannot create /run/s6; the state isolates the wrong-comm case" },
    });
    expect((await notS6.ok(["cat", "/proc/1/comm"])).trim()).toBe("sleep");
    expect(await notS6.exists("/run/s6/basedir")).toBe(true);
    expectProbe(await probeAsHermes(notS6), "False");
  });

  it("C8.1: PID 1 is s6-svscan but /run/s6/basedir is missing: False", async () => {
    // Same container says True first, so only the removal differs.
    expectProbe(await probeAsHermes(noBasedir), "True");
    await noBasedir.ok(["rm", "-rf", "/run/s6/basedir"], {
      root: { reason: "/run/s6 is root-owned; hermes cannot remove the basedir to create this state" },
    });
    expect(await noBasedir.exists("/run/s6/basedir")).toBe(false);
    expect((await noBasedir.ok(["cat", "/proc/1/comm"])).trim()).toBe("s6-svscan");
    expectProbe(await probeAsHermes(noBasedir), "False");
  });

  it("C8.2: no /proc at all (private mount namespace, probe as hermes): False, no exception", async () => {
    const result = await sysAdmin.exec([VENV_PYTHON, "-c", WITHOUT_PROC, ...PROBE_ARGV], {
      root: { reason: "only root (with SYS_ADMIN) can unshare a mount namespace and unmount /proc" },
    });
    const marker = result.stdout.split("\n")[0];
    expect(marker, JSON.stringify(result)).toBe("proc-absent");
    expectProbe(parseProbe(result, 1), "False");
  });

  it("C8.2: /proc remounted hidepid=1: reading /proc/1/comm as hermes raises PermissionError; probe False", async () => {
    // Last use of sysAdmin: the remount changes /proc for the whole container.
    expectProbe(await probeAsHermes(sysAdmin), "True");
    await sysAdmin.ok([VENV_PYTHON, "-c", REMOUNT_HIDEPID], {
      root: { reason: "remounting /proc needs root with SYS_ADMIN; it only creates the state" },
    });
    const read = await sysAdmin.exec([VENV_PYTHON, "-c", "open('/proc/1/comm').read()"]);
    expect(read.exitCode, JSON.stringify(read)).not.toBe(0);
    expect(read.stderr).toMatch(/PermissionError/);
    expectProbe(await probeAsHermes(sysAdmin), "False");
  });
});
