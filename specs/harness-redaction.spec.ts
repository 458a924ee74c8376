import { readdir, readFile, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runContext, startHermes } from "../harness/index.js";
// Where the failure hook writes a test's diagnostics: the second test reads them back.
import { artifactDir } from "../harness/run/artifacts/artifact-path.js";
import { appendLine, authJson, Sentinels } from "./support/sentinels.js";

// A self-test of the harness, not of the image: contract C9's promise to the harness's own users.

const sentinels = new Sentinels();
const sentinel = (label: string, purpose: string) => sentinels.make(label, purpose);

// The harness's half of C9: failure artifacts and reports never hold a secret value. The first test
// fails on purpose (it.fails: the suite stays green) with sentinels in its container's environment,
// files, logs, command lines and its own error message; the harness's failure hook writes its
// diagnostics and cleans its report. The second test greps what the hook wrote.
describe("harness: a failing test's artifacts and report hold no secret value", () => {
  const USER_NAMED = "HARNESS_PLAIN_NAME"; // matches no pattern word: only HERMES_HARNESS_REDACT hides it
  const previousExtraNames = process.env.HERMES_HARNESS_REDACT;
  let deliberate: { dir: string; reported: unknown } | undefined;
  let reachedDeliberateFailure = false;

  afterAll(() => {
    if (previousExtraNames === undefined) delete process.env.HERMES_HARNESS_REDACT;
    else process.env.HERMES_HARNESS_REDACT = previousExtraNames;
  });

  it.fails("harness: a test that fails on purpose, its container full of sentinels", async (context) => {
    process.env.HERMES_HARNESS_REDACT = USER_NAMED;
    const dir = artifactDir(
      runContext().artifactsDir,
      context.task.file.filepath,
      context.task.fullTestName ?? context.task.name,
    );
    await rm(dir, { recursive: true, force: true }); // a previous run's files must not answer for this one
    // Runs after the harness's own hook (onTestFinished): what it sees is what reporters get.
    context.onTestFailed(({ task }) => {
      deliberate = { dir, reported: structuredClone(task.result?.errors) };
    });
    const openai = sentinel("OPENAI_API_KEY (-e)", "leaky-openai-key");
    const bootstrap = sentinel("HERMES_AUTH_JSON_BOOTSTRAP (-e)", "leaky-auth-json");
    const userNamed = sentinel(`${USER_NAMED} (-e, named in HERMES_HARNESS_REDACT)`, "leaky-user-named");
    const dotenv = sentinel("OPENROUTER_API_KEY (written to /opt/data/.env)", "leaky-dotenv");
    const execArg = sentinel("GITHUB_TOKEN=... (an exec argument)", "leaky-exec-arg");
    // A leaking image, played by its main program: every value on its command line, in docker logs
    // and in the boot log.
    const leaky = await startHermes({
      nameHint: "c9-leaky",
      env: {
        OPENAI_API_KEY: openai.value,
        HERMES_AUTH_JSON_BOOTSTRAP: authJson(bootstrap.value),
        [USER_NAMED]: userNamed.value,
      },
      command: [
        "sh",
        "-c",
        'for v in "$@"; do echo "leaking $v"; done; printf "%s\\n" "$@" >> /opt/data/logs/container-boot.log; while :; do sleep 3600; done',
        "leak",
        openai.value,
        authJson(bootstrap.value),
        userNamed.value,
      ],
    });
    // A value only the volume knows, leaked into the boot log.
    await appendLine(leaky, "/opt/data/.env", `OPENROUTER_API_KEY=${dotenv.value}`);
    await leaky.ok(["sh", "-c", "cat /opt/data/.env >> /opt/data/logs/container-boot.log"]);
    // A value with its name beside it, in the exec history.
    await leaky.ok(["sh", "-c", ":", "noop", `GITHUB_TOKEN=${execArg.value}`]);
    const bootLog = await leaky.bootLogText();
    expect(bootLog).toContain(openai.value); // the leaks are in place: the failure below is the deliberate one
    reachedDeliberateFailure = true;
    expect(bootLog, "fails on purpose: its message carries the boot log").not.toContain(dotenv.value);
  });

  it("harness: that test's artifacts folder and reported error hold none of the sentinels", async () => {
    // it.fails hides why the test above failed: an early failure (no container, no leak) shows here.
    expect(reachedDeliberateFailure, "the test above failed before its deliberate assertion").toBe(true);
    expect(deliberate, "the test above was reported as failed").toBeDefined();
    const { dir, reported } = deliberate as { dir: string; reported: unknown };
    const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
    // At least its own container's seven diagnostic files (the file's shared container adds its own).
    expect(files.length, files.join("\n")).toBeGreaterThanOrEqual(7);
    const texts = new Map<string, string>();
    for (const file of files) texts.set(relative(dir, file), await readFile(file, "utf8"));
    const reportText = JSON.stringify(reported ?? null);
    texts.set("(the reported error)", reportText);
    expect(sentinels.all.length).toBeGreaterThanOrEqual(5);

    const hits: string[] = [];
    for (const [name, text] of texts) {
      for (const s of sentinels.all) if (text.includes(s.needle)) hits.push(`${name}: ${s.label}`);
    }
    expect(hits).toEqual([]);

    // The leaks did reach the artifacts, redacted: the search above had something to find.
    const leaky = (suffix: string) =>
      [...texts].find(
        ([name]) => name.startsWith("hermes-harness-c9-leaky-") && name.endsWith(suffix),
      )?.[1] ?? "";
    expect(leaky("docker-logs.txt")).toContain("leaking <redacted:OPENAI_API_KEY>");
    expect(leaky("docker-logs.txt")).toContain("leaking <redacted:HARNESS_PLAIN_NAME>");
    expect(leaky("docker-logs.txt")).toContain("leaking <redacted:HERMES_AUTH_JSON_BOOTSTRAP>");
    expect(leaky("boot-log.txt")).toContain("OPENROUTER_API_KEY=<redacted:OPENROUTER_API_KEY>");
    expect(leaky("processes.txt")).toContain("leak <redacted:OPENAI_API_KEY>");
    expect(leaky("exec-history.txt")).toContain("GITHUB_TOKEN=<redacted>");
    expect(leaky("inspect-state.json")).toContain('"OPENAI_API_KEY=<redacted>"');
    expect(reportText).toContain("not to contain");
    expect(reportText).toContain("<redacted:OPENROUTER_API_KEY>");
  });
});
