import { rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { delimiter, join, relative, resolve } from "node:path";
import { removeRun } from "../../engine/remove-run.js";
import { imageLineage } from "../../image/image-lineage.js";
import { claimArtifactsDir } from "../../run/artifacts/artifacts-owner.js";
import { DEFAULT_ARTIFACTS_DIR } from "../../run/artifacts/artifacts-root.js";
import { clearStaleArtifacts } from "../../run/artifacts/stale-artifacts.js";
import type { RunContext } from "../../run/context/run-context.js";
import { deviationsFor, loadDeviations } from "../../run/deviations/declared-deviations.js";
import { hostDirRoot } from "../../spec-api/container/data-volumes.js";
import { hermesVersionOf } from "../../spec-api/container/hermes-version.js";
import { probeImage } from "../../spec-api/container/image-probe.js";
import { cleanUpAfterInterrupt, describeRemoved } from "../cleanup/interrupt-cleanup.js";
import { sweepDeadRuns } from "../cleanup/remove-resources.js";
import { RUN_MARKER_ENV } from "../cleanup/run-processes.js";
import { formatRunHeader, formatRunLine } from "./run-header.js";
import { beginRun, ensureTarget, repoRoot, runContextOf } from "./run-setup.js";
import { writeProfileReport } from "./write-profile-report.js";

/**
 * Set to 1 by a process that calls prepareRun for each of its runs itself (tools/regressions/regression-job.ts):
 * the image project's global setup then prepares nothing.
 */
export const RUNS_PREPARED_BY_CALLER_ENV = "HERMES_HARNESS_RUNS_PREPARED_BY_CALLER";

export interface PreparedRun {
  /** What every spec of the run reads (vitest's provided `hermesRun`). */
  context: RunContext;
  /** Removes what the run's specs left, and writes the profile report when profiling. */
  finish: () => Promise<void>;
}

/**
 * One test run's start, from the environment (HERMES_IMAGE and friends): a daemon that answers, the
 * target image (built only when its inputs changed), leftovers of dead runs swept, the image probed
 * and the run header printed and written. Until `finish`, Ctrl-C or a CI cancel removes what the run
 * made. Throws a HarnessSetupError when the run cannot start (after removing what it made so far).
 * The image project's global setup (harness/lifecycle/setup/global-setup.ts) runs it once per test run.
 */
export async function prepareRun(log: (line: string) => void): Promise<PreparedRun> {
  const run = await beginRun();
  const { identity, artifactsDir } = run;
  // Inherited by every process the run starts, so an interrupt can find them all (run-processes.ts).
  process.env[RUN_MARKER_ENV] = identity.runId;
  // From here on (the version probe below already runs a container): stop this run's processes,
  // remove its containers, volumes and images, also those still being created, and say what went.
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
  const stopListening = () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
  try {
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
    const lineage = await imageLineage(image.ref);
    const context = runContextOf(run, image, {
      generation,
      deviations,
      profiling,
      hermesVersion,
      imageLineage: lineage,
    });
    const header = formatRunHeader({
      runId: identity.runId,
      image,
      hermesVersion,
      generation,
      daemon: run.daemon,
      localDaemon: context.localDaemon,
      platform: context.platform,
    });
    const runLine = formatRunLine({ image, hermesVersion, generation });
    log(runLine);
    console.log(header);
    // Which run the artifacts folder belongs to.
    await writeFile(join(artifactsDir, "run-header.txt"), `${runLine}\n${header}\n`);
    const declared = deviationsFor(deviations, generation, context.imageLineage).length;
    log(
      `declared upstream deviations for ${generation.toUpperCase()} (${context.imageLineage}'s lineage): ${declared} (${deviationsFile})`,
    );

    const finish = async () => {
      stopListening();
      const removed = await removeRun(identity.runId);
      rmSync(hostDirRoot(identity.runId), { recursive: true, force: true });
      if (removed.containers.length + removed.volumes.length > 0) {
        log(
          `teardown removed ${removed.containers.length} container(s) and ${removed.volumes.length} volume(s) left by specs`,
        );
      }
      if (context.profiling) await writeProfileReport(artifactsDir, log);
    };
    return { context, finish };
  } catch (error) {
    // A run that never started still may have made something (the probe's container).
    stopListening();
    await removeRun(identity.runId).catch(() => undefined);
    throw error;
  }
}
