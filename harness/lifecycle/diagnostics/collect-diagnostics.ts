import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type Docker from "dockerode";
import { dockerClient } from "../../engine/docker-client.js";
import type { TrackedContainer } from "../../run/context/resource-tracker.js";
import { BOOT_LOG } from "../../spec-api/read/boot-log.js";
import { demuxLogBuffer } from "../../spec-api/read/docker-logs.js";
import { TIMEOUTS } from "../../spec-api/wait/timeouts.js";
import { learnContainerSecrets, SECRET_READS } from "./container-secrets.js";
import { SecretRedactor } from "./redact-secrets.js";
import { readSections, type SectionedRead } from "./sectioned-read.js";

/**
 * What a developer needs to understand a failure without rerunning: for each container, its docker
 * logs, boot log, process table, every slot's s6-svstat, `ls -ln` of /opt/data, its inspect state,
 * and every exec the test made (with root reasons). Reading these is diagnostics, not the test, so
 * it runs as root: a broken image may have made them unreadable to hermes. They are read with the
 * secrets in one exec per container (sectioned-read.ts).
 */
const DIAGNOSTIC_READS: Record<string, string> = {
  "boot-log.txt": `cat ${BOOT_LOG} 2>&1`,
  // -ww: never cut a command line, so what ps shows is what redaction sees.
  "processes.txt": "ps -ww -e -o pid,ppid,uid,user:12,stat,etime,args 2>&1 || ls /proc",
  "svstat.txt":
    // .s6-svscan is svscan's own directory, not a slot.
    'for d in /run/service/* /run/service/.[!.]*; do case "$d" in */.s6-svscan) continue ;; esac; [ -d "$d" ] && printf "%s: %s\\n" "$d" "$(/command/s6-svstat "$d" 2>&1)"; done; ls -la /run/service 2>&1',
  "opt-data-ls.txt": "ls -lnaR /opt/data 2>&1 | head -n 400",
};

/** A container's inspect answer and, while it ran, what the one diagnostics exec read in it. */
interface Inspection {
  info: Docker.ContainerInspectInfo;
  read?: SectionedRead;
}

/**
 * Writes every container's diagnostics under `dir`, with secrets redacted (redact-secrets.ts): first
 * every container teaches the redactor what it holds (a value set in one may leak through another),
 * then the files are written. Returns the redactor, so the caller can clean the test's report too.
 */
export async function collectDiagnostics(
  dir: string,
  containers: TrackedContainer[],
): Promise<SecretRedactor> {
  await mkdir(dir, { recursive: true });
  const redactor = SecretRedactor.fromEnvironment();
  const inspected = new Map<TrackedContainer, Inspection | Error>();
  for (const tracked of containers) {
    const container = dockerClient().getContainer(tracked.id);
    try {
      const info = await container.inspect();
      const read = info.State.Running
        ? await readSections(container, { ...SECRET_READS, ...DIAGNOSTIC_READS }, TIMEOUTS.queryMs)
        : undefined;
      inspected.set(tracked, { info, read });
      learnContainerSecrets(redactor, info, read?.sections ?? new Map());
    } catch (error) {
      inspected.set(tracked, error as Error);
    }
  }
  for (const tracked of containers) {
    const out = join(dir, tracked.name);
    await mkdir(out, { recursive: true });
    const save = (file: string, text: string) => writeFile(join(out, file), redactor.redact(text));
    const inspection = inspected.get(tracked);
    try {
      if (inspection === undefined || inspection instanceof Error)
        throw inspection ?? new Error("not inspected");
      await writeContainerFiles(dockerClient().getContainer(tracked.id), inspection, redactor, save);
    } catch (error) {
      await save("diagnostics-error.txt", `could not read the container: ${(error as Error).message}\n`);
    }
    const history = tracked.execs
      .map(
        (e) =>
          `${e.at} [${e.ms} ms] user=${e.user}${e.rootReason ? ` (root because: ${e.rootReason})` : ""} exit=${e.exitCode ?? e.error ?? "?"}\n    ${e.argv.join(" ")}`,
      )
      .join("\n");
    await save("exec-history.txt", `${history || "(no execs)"}\n`);
  }
  return redactor;
}

async function writeContainerFiles(
  container: Docker.Container,
  { info, read }: Inspection,
  redactor: SecretRedactor,
  save: (file: string, text: string) => Promise<void>,
): Promise<void> {
  const state = {
    State: info.State,
    Config: {
      Image: info.Config.Image,
      Cmd: info.Config.Cmd,
      Entrypoint: info.Config.Entrypoint,
      Env: redactor.redactEnvList(info.Config.Env ?? []),
      User: info.Config.User,
    },
  };
  await save("inspect-state.json", JSON.stringify(state, null, 2));
  const logs = (await container.logs({ stdout: true, stderr: true, timestamps: true })) as unknown as Buffer;
  await save("docker-logs.txt", demuxLogBuffer(logs));
  for (const file of Object.keys(DIAGNOSTIC_READS)) {
    await save(
      file,
      read
        ? (read.sections.get(file) ?? read.missing)
        : `(container not running: exit code ${info.State.ExitCode}; nothing to exec)\n`,
    );
  }
}
