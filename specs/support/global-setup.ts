import { rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { delimiter, join, relative, resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { claimArtifactsDir } from "../../harness/artifacts/artifacts-owner.js";
import { DEFAULT_ARTIFACTS_DIR } from "../../harness/artifacts/artifacts-root.js";
import { clearStaleArtifacts } from "../../harness/artifacts/stale-artifacts.js";
import { cleanUpAfterInterrupt, describeRemoved } from "../../harness/cleanup/interrupt-cleanup.js";
import { sweepDeadRuns, sweepRun } from "../../harness/cleanup/remove-resources.js";
import { RUN_MARKER_ENV } from "../../harness/cleanup/run-processes.js";
import { hostDirRoot } from "../../harness/container/data-volumes.js";
import { hermesVersionOf } from "../../harness/container/hermes-version.js";
import { probeImage } from "../../harness/container/image-probe.js";
import { loadDeviations } from "../../harness/deviations/declared-deviations.js";
import { HarnessSetupError } from "../../harness/harness-setup-error.js";
import { formatRunHeader, formatRunLine } from "../../harness/setup/run-header.js";
import { beginRun, ensureTarget, exitWith, repoRoot, runContextOf } from "../../harness/setup/run-setup.js";
import { writeProfileReport } from "../../harness/setup/write-profile-report.js";
import "./provided-context.js";

/**
 * Once per run, before any spec: a daemon that answers, the target image (built only when its
 * inputs changed), leftovers of dead runs swept, and the run header printed.
 */
export default async function setup(project: TestProject) {
  const log = (line: string) => console.log(`[hermes-harness] ${line}`);
  try {
    const run = await beginRun();
    const { identity, artifactsDir } = run;
    // Inherited by every process the run starts, so an interrupt can find them all (run-processes.ts).
    process.env[RUN_MARKER_ENV] = identity.runId;
    // Ctrl-C or a CI cancel, from here on (the version probe below already runs a container):
    // stop this run's processes, remove its containers, volumes and images, also those still being
    // created, and say what went.
    const onSignal = (signal: NodeJS.Signals) => {
      // A second Ctrl-C must not cut the cleanup short.
      process.on("SIGINT", () => {});
      process.on("SIGTERM", () => {});
      log(`${signal}: removing what this run made (a second Ctrl-C is ignored until done)`);
      const removed = cleanUpAfterInterrupt(identity.runId);
      rmSync(hostDirRoot(identity.runId), { recursive: true, force: true });
      log(describeRemoved(identity.runId, removed));
      process.exit(signal === "SIGINT" ? 130 : 143);
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    const swept = await sweepDeadRuns(identity.ownerHost);
    if (swept.length > 0)
      log(`removed what ${swept.length} interrupted earlier run(s) left behind: ${swept.join(", ")}`);

    const clearable = await claimArtifactsDir(
      artifactsDir,
      artifactsDir === resolve(repoRoot, DEFAULT_ARTIFACTS_DIR),
    );
    const image = await ensureTarget(run, log);
    // What is in the folder after this is this run's: earlier failure folders would read as fresh.
    // Only now: a run that cannot start leaves the last run's diagnostics alone.
    if (!clearable)
      log(`${artifactsDir} holds files the harness did not write: earlier runs' are not cleared`);
    const cleared = clearable ? await clearStaleArtifacts(artifactsDir) : [];
    if (cleared.length > 0) {
      const shown = relative(process.cwd(), artifactsDir);
      log(
        `cleared an earlier run's ${cleared.join(", ")} from ${shown.startsWith("..") ? artifactsDir : shown || "."}/`,
      );
    }
    // One container that boots nothing answers both; only a CLI that printed no version costs a boot.
    const probe = await probeImage(image.ref, identity);
    const { generation } = probe;
    const hermesVersion = probe.version ?? (await hermesVersionOf(image.ref, identity));
    // One file or several, PATH-style (the CLI adds a caller's own to upstream's list).
    const deviationsFile = process.env.HERMES_HARNESS_DEVIATIONS || "docs/deviations.json";
    const deviations = deviationsFile
      .split(delimiter)
      .flatMap((file) => loadDeviations(resolve(repoRoot, file)));
    const profiling = process.env.HERMES_HARNESS_PROFILE === "1";
    const context = runContextOf(run, image, { generation, deviations, profiling });
    const header = formatRunHeader({
      runId: identity.runId,
      image,
      hermesVersion,
      generation,
      daemon: run.daemon,
      localDaemon: context.localDaemon,
    });
    const runLine = formatRunLine({ image, hermesVersion, generation });
    log(runLine);
    console.log(header);
    // Which run the artifacts folder belongs to.
    await writeFile(join(artifactsDir, "run-header.txt"), `${runLine}\n${header}\n`);
    const declared = deviations.filter((d) => d.generations.includes(generation)).length;
    log(`declared upstream deviations for ${generation.toUpperCase()}: ${declared} (${deviationsFile})`);
    project.provide("hermesRun", context);

    return async () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      const removed = sweepRun(identity.runId);
      rmSync(hostDirRoot(identity.runId), { recursive: true, force: true });
      if (removed.containers.length + removed.volumes.length > 0) {
        log(
          `teardown removed ${removed.containers.length} container(s) and ${removed.volumes.length} volume(s) left by specs`,
        );
      }
      if (context.profiling) await writeProfileReport(artifactsDir, log);
    };
  } catch (error) {
    // A setup error is one message, then stop: every spec would fail the same way, and vitest
    // would otherwise add a misleading "No test files found" around it.
    if (error instanceof HarnessSetupError) exitWith(error, "[hermes-harness] cannot start the run:");
    throw error;
  }
}
