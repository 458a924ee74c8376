import { describe, expect, it } from "vitest";
import {
  dockerClient,
  HERMES_GID,
  HERMES_UID,
  type HermesContainer,
  imageDeadline,
  onlyWhereImageHas,
  type ProcessRow,
  type RunOnceResult,
  runContext,
  runOnce,
  startHermes,
  TIMEOUTS,
  waitFor,
} from "../harness/index.js";

// Contract C3 (invocation routing) and C2.6/C2.7: what `docker run IMAGE ARGS...` does, through the
// docker CLI itself. Every assertion names output only the routed program can produce.

/** stdout and stderr together, for messages whose stream differs across versions. */
const both = (r: RunOnceResult) => `${r.stdout}\n${r.stderr}`;

/** Failure text that shows the whole run. */
const shown = (r: RunOnceResult) =>
  `${r.commandLine}\nexit ${r.exitCode}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;

/**
 * The program's own `key=value` lines. Boot output (cont-init, s6) shares the container's stdout,
 * so scripts under test tag what they print and only tagged lines are read.
 */
function tagged(text: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^@(\w+)=(.*)$/.exec(line.trimEnd());
    if (m?.[1] !== undefined) found[m[1]] = m[2] ?? "";
  }
  return found;
}

/** Lines that are only a number: what `id -u` prints, among boot messages. */
const numberLines = (text: string) => text.split("\n").filter((line) => /^\d+$/.test(line.trim()));

// The version banner of `hermes version` / `hermes --version` (upstream and reference alike).
const VERSION_LINE = /^Hermes Agent v\d+\.\d+/m;
// What the wrapper would have produced had it run `hermes <program> ...` or a missing program.
const MISROUTED = /invalid choice|unrecognized arguments|not found|No such file/;

/** Readiness (C4.9) comes from the boot hooks; the main program starts just after it. */
function waitForSleep(hermes: HermesContainer): Promise<ProcessRow[]> {
  return waitFor(() => hermes.processes(), {
    description: "a `sleep infinity` process",
    timeoutMs: TIMEOUTS.conditionMs,
    until: (table) => table.some((row) => row.args === "sleep infinity"),
    describeValue: (table) => JSON.stringify(table.map((row) => row.args)),
  });
}

describe("C3/C2.7 routing with a long-running container", () => {
  it("C3.2/C3.4: `sleep infinity` runs as sleep itself, as hermes, and hermes is not in the way", async () => {
    const hermes = await startHermes({ nameHint: "sleep", command: ["sleep", "infinity"] });
    const rows = await waitForSleep(hermes);
    const sleeps = rows.filter((row) => row.args === "sleep infinity");
    expect(sleeps, JSON.stringify(rows, null, 1)).toHaveLength(1);
    expect(sleeps[0]?.uid).toBe(HERMES_UID);
    // The historical bug ran `hermes sleep infinity`: no hermes CLI process may have `sleep` as its
    // command (the wrapper script's own argv, `.../main-wrapper.sh sleep infinity`, is fine).
    expect(rows.filter((row) => /(^|\/)hermes(\s+-\S+)*\s+sleep\b/.test(row.args))).toEqual([]);
  });

  it("C2.7: docker stop ends a running container well within the grace period", async () => {
    const hermes = await startHermes({ nameHint: "stop", command: ["sleep", "infinity"] });
    // A running container: the main program is up (a stop racing the boot is another matter).
    await waitForSleep(hermes);
    const { ms, exitCode } = await hermes.stop();
    // A PID 1 that ignores SIGTERM is killed when the 10 s grace ends: exit 137 (128 + SIGKILL). The
    // stop call's own time also holds the engine's teardown (rootless Podman's network, seconds
    // under load), so the grace is its only bound.
    expect(exitCode, `stopped after ${ms} ms`).not.toBe(137);
    expect(ms).toBeLessThan(10_000);
    expect((await hermes.state()).Running).toBe(false);
  });
});

// One-shot `docker run --rm` checks own no harness resources, so they run side by side.
describe.concurrent("C3 invocation routing, one docker run each", () => {
  it("C3.1: no args without a TTY exits (no hang) with the not-a-terminal notice", async () => {
    // runOnce's timeout turns a hang (the interactive CLI waiting for input) into a failure.
    const r = await runOnce({ timeoutMs: imageDeadline(20_000) });
    expect(both(r), shown(r)).toMatch(/not a terminal/i);
    expect(both(r), shown(r)).not.toMatch(/Traceback/);
  });

  // C3.3: the words hermes owns reach hermes, whatever else on PATH bears their name. Each row is
  // red when the wrapper routes its first word elsewhere. A loop, not it.each: it.each's `$title`
  // quotes and shortens the title, and the catalogue names tests by their full titles.
  const OWNED_BY_HERMES = [
    {
      title: "C2.6/C3.3: --version reaches the wrapper and hermes prints its version",
      command: ["--version"],
      stdout: VERSION_LINE,
      redWhen: "/init parses the leading dash itself, or the wrapper is not prepended",
    },
    {
      title: "C3.3: `version` runs `hermes version`",
      command: ["version"],
      stdout: VERSION_LINE,
      redWhen: "an unknown first word is exec'd as a program (`version: not found`, exit 127)",
    },
    {
      title: "C2.6/C3.3: a leading -p NAME is hermes's global option, not a program",
      command: ["-p", "default", "version"],
      stdout: VERSION_LINE,
      redWhen: "the wrapper asks `command -v -p` (true in dash), runs `-p` and the container restart-loops",
    },
    {
      title: "C3.3: `login --help`, a hermes subcommand named like a program on PATH, reaches hermes",
      command: ["login", "--help"],
      stdout: /^usage: hermes login\b/m,
      redWhen: "util-linux's login runs instead",
    },
    {
      title: "C3.3: `mcp --help`, a hermes subcommand named like a program on PATH, reaches hermes",
      command: ["mcp", "--help"],
      stdout: /^usage: hermes mcp\b/m,
      redWhen: "the MCP SDK's mcp script in the venv runs instead",
    },
    {
      title: "C3.3: --help prints hermes's usage",
      command: ["--help"],
      stdout: /^usage: hermes\b/m,
      redWhen: "a program or shell takes --help",
    },
  ];
  for (const { title, command, stdout, redWhen } of OWNED_BY_HERMES) {
    it(title, async () => {
      const r = await runOnce({ command });
      expect(r.exitCode, `${shown(r)}\n(red when ${redWhen})`).toBe(0);
      expect(r.stdout, shown(r)).toMatch(stdout);
    });
  }

  it("C3.12: the main program starts in the directory given with docker run -w", async () => {
    const r = await runOnce({ command: ["sh", "-c", 'echo "@cwd=$(pwd -P)"'], workdir: "/tmp" });
    expect(r.exitCode, shown(r)).toBe(0);
    expect(tagged(r.stdout).cwd, shown(r)).toBe("/tmp");
  });

  it("C3.3: `chat -q hi` runs `hermes chat -q hi`", async () => {
    // `chat --help` shows which parser got the word `chat`; `chat -q hi` must answer the query.
    const [help, query] = await Promise.all([
      runOnce({ command: ["chat", "--help"] }),
      runOnce({ command: ["chat", "-q", "hi"] }),
    ]);
    expect(help.exitCode, shown(help)).toBe(0);
    expect(help.stdout, shown(help)).toMatch(/^usage: hermes chat\b/m);
    expect(query.exitCode, shown(query)).toBe(0);
    expect(both(query), shown(query)).not.toMatch(MISROUTED);
    expect(query.stdout, shown(query)).toMatch(/\bhi\b/);
  });

  it("C3.3/C3.6: --tui with -t reaches hermes, which sees a terminal", async () => {
    // With -t docker merges stderr into stdout. A `--tui` taken by /init or by a shell would not print
    // hermes's TUI line; a hermes without a terminal refuses --tui. The timeout turns a TUI that
    // waits for keys into a failure, sooner than a boot's.
    const r = await runOnce({ command: ["--tui"], tty: true, timeoutMs: imageDeadline(20_000) });
    expect(r.exitCode, shown(r)).toBe(0);
    expect(r.stdout, shown(r)).not.toMatch(MISROUTED);
    // One line that names both hermes and the TUI: boot output never does.
    expect(r.stdout, shown(r)).toMatch(/^.*\bhermes\b.*\btui\b.*$/im);
    expect(r.stdout, shown(r)).not.toMatch(/needs a terminal|not a terminal/i);
  });

  it("C3.2: `sh -c` runs sh directly, with no hermes process in between", async () => {
    // $0 is `sh` only when sh itself was exec'd with `-c`; the parent's comm shows that no hermes
    // (python) process spawned it. `hermes sh -c ...` would die with `invalid choice` (exit 2).
    const r = await runOnce({
      command: [
        "sh",
        "-c",
        'echo "@zero=$0"; echo "@comm=$(cat /proc/$$/comm)"; echo "@parent=$(cat /proc/$PPID/comm)"',
      ],
    });
    expect(r.exitCode, shown(r)).toBe(0);
    const out = tagged(r.stdout);
    expect(out.zero, shown(r)).toBe("sh");
    expect(out.comm, shown(r)).toBe("sh");
    expect(out.parent, shown(r)).toBeDefined();
    expect(out.parent, shown(r)).not.toMatch(/^(hermes|python)/);
  });

  it("C3.2: `bash -c` runs bash directly", async () => {
    const r = await runOnce({ command: ["bash", "-c", 'echo "@zero=$0"; echo "@bash=$BASH_VERSION"'] });
    expect(r.exitCode, shown(r)).toBe(0);
    const out = tagged(r.stdout);
    expect(out.zero, shown(r)).toBe("bash");
    // Only bash sets BASH_VERSION.
    expect(out.bash, shown(r)).toMatch(/^\d+\.\d+/);
  });

  it("C3.4: the routed program runs as UID 10000, never root", async () => {
    const [u, name] = await Promise.all([
      runOnce({ command: ["id", "-u"] }),
      runOnce({ command: ["id", "-u", "-n"] }),
    ]);
    expect(u.exitCode, shown(u)).toBe(0);
    expect(numberLines(u.stdout), shown(u)).toEqual([String(HERMES_UID)]);
    expect(name.exitCode, shown(name)).toBe(0);
    expect(
      name.stdout.split("\n").filter((line) => line.trim() === "hermes"),
      shown(name),
    ).toHaveLength(1);
    expect(
      name.stdout.split("\n").filter((line) => line.trim() === "root"),
      shown(name),
    ).toHaveLength(0);
  });

  it("C3.4/C4.1: with HERMES_UID=2000 the routed program runs as UID 2000", async () => {
    const r = await runOnce({ command: ["id", "-u"], env: { HERMES_UID: "2000" } });
    expect(r.exitCode, shown(r)).toBe(0);
    expect(numberLines(r.stdout), shown(r)).toEqual(["2000"]);
  });

  it("C3.5: the program's exit code is the container's exit code", async () => {
    // Red when the wrapper does not exec, or /init reports its own status instead of the program's.
    const codes = [0, 3, 42, 127];
    const results = await Promise.all(codes.map((n) => runOnce({ command: ["sh", "-c", `exit ${n}`] })));
    expect(results.map((r) => r.exitCode)).toEqual(codes);
  });

  it("C3.6: -t gives the program a terminal; without -t it has none", async () => {
    const script =
      'if test -t 1; then echo @tty=yes; else echo @tty=no; fi; echo "@cols=$(tput cols 2>/dev/null)"';
    const [withTty, without] = await Promise.all([
      runOnce({ command: ["sh", "-c", script], tty: true }),
      runOnce({ command: ["sh", "-c", script] }),
    ]);
    const inTty = tagged(withTty.stdout);
    expect(inTty.tty, shown(withTty)).toBe("yes");
    expect(inTty.cols, shown(withTty)).toMatch(/^[1-9]\d*$/);
    expect(tagged(without.stdout).tty, shown(without)).toBe("no");
  });

  it("C3.7: --user 1234:1234 is refused with a message naming HERMES_UID and PUID", async () => {
    const r = await runOnce({ command: ["id", "-u"], user: "1234:1234" });
    expect(r.exitCode, shown(r)).not.toBe(0);
    // The routed program must not have run.
    expect(numberLines(r.stdout), shown(r)).toEqual([]);
    const text = both(r);
    expect(text, shown(r)).toMatch(/PUID/);
    // At least one: upstream's setup hook and its wrapper both refuse, and s6 goes on after a failing
    // setup step, so two refusals may reach the output (docs/contract.md, C3.7).
    expect(text.match(/HERMES_UID/g)?.length ?? 0, shown(r)).toBeGreaterThanOrEqual(1);
    expect(text, shown(r)).not.toMatch(/Traceback/);
  });

  it("C3.7: --user 10000:10000 (the hermes UID) is accepted", async () => {
    const r = await runOnce({ command: ["id", "-u"], user: `${HERMES_UID}:${HERMES_GID}` });
    expect(r.exitCode, shown(r)).toBe(0);
    expect(numberLines(r.stdout), shown(r)).toEqual([String(HERMES_UID)]);
  });

  it("C3.10: boot messages reach stdout ahead of the command's own output", async () => {
    // A first boot always has something to say (it seeds /opt/data); upstream's setup hook says it
    // with plain echo, so a spec reads the command's output by its marker, never as all of stdout.
    const r = await runOnce({ command: ["sh", "-c", "echo @out=c310"] });
    expect(r.exitCode, shown(r)).toBe(0);
    const lines = r.stdout.split("\n").map((line) => line.trimEnd());
    const marker = lines.indexOf("@out=c310");
    expect(marker, shown(r)).toBeGreaterThanOrEqual(0);
    expect(
      lines.slice(0, marker).filter((line) => line.trim() !== ""),
      shown(r),
    ).not.toEqual([]);
  });

  it("C3.9: with --init (s6 not PID 1) a warning says s6 is skipped and the command still runs", async (context) => {
    // Images whose ENTRYPOINT is s6-overlay's /init itself (G1, early G2) have no dispatcher, and
    // their /init refuses to run as anything but PID 1 (contract C3.9's note).
    const { Config } = await dockerClient().getImage(runContext().image).inspect();
    const entrypoint = Config.Entrypoint ?? [];
    onlyWhereImageHas(
      context,
      entrypoint.length > 0 && entrypoint[0] !== "/init",
      "C3.9",
      `an entrypoint dispatcher in front of /init (ENTRYPOINT ${JSON.stringify(entrypoint)})`,
    );
    const r = await runOnce({
      init: true,
      command: [
        "sh",
        "-c",
        'echo "@ran=$((6 * 7))"; echo "@pid1=$(cat /proc/1/comm)"; echo "@uid=$(id -u)"; ' +
          'echo "@seeded=$(test -f /opt/data/.env && echo yes)"',
      ],
    });
    expect(r.exitCode, shown(r)).toBe(0);
    const out = tagged(r.stdout);
    expect(out.ran, shown(r)).toBe("42");
    expect(out.pid1, shown(r)).toBeDefined();
    expect(out.pid1, shown(r)).not.toBe("s6-svscan");
    expect(out.uid, shown(r)).toBe(String(HERMES_UID));
    // One warning line that names s6 and says it is skipped (not two unrelated lines).
    expect(r.stderr, shown(r)).toMatch(/^.*\bs6\b.*\bskip.*$|^.*\bskip.*\bs6\b.*$/im);
    // The setup hook ran directly: first-boot seeding happened.
    expect(out.seeded, shown(r)).toBe("yes");
  });
});
