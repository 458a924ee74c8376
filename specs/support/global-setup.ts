import { rmSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { artifactsRoot } from "../../harness/artifacts/artifacts-root.js";
import { clearStaleArtifacts } from "../../harness/artifacts/stale-artifacts.js";
import { cleanUpAfterInterrupt, describeRemoved } from "../../harness/cleanup/interrupt-cleanup.js";
import { removeRunResources, sweepDeadRuns } from "../../harness/cleanup/remove-resources.js";
import { RUN_MARKER_ENV } from "../../harness/cleanup/run-processes.js";
import { hostDirRoot } from "../../harness/container/data-volumes.js";
import { hermesVersionOf } from "../../harness/container/hermes-version.js";
import { loadDeviations } from "../../harness/deviations/declared-deviations.js";
import { checkDaemon } from "../../harness/docker/daemon-check.js";
import { isLocalDaemon } from "../../harness/docker/docker-client.js";
import { HarnessSetupError } from "../../harness/errors/harness-setup-error.js";
import { detectGeneration } from "../../harness/image/image-generation.js";
import { resolveTargetImage } from "../../harness/image/resolve-target-image.js";
import { selectTarget } from "../../harness/image/target-selection.js";
import { writeProfileReport } from "../../harness/profiling/write-profile-report.js";
import type { RunContext } from "../../harness/run/run-context.js";
import { formatRunHeader } from "../../harness/run/run-header.js";
import { newRunIdentity } from "../../harness/run/run-identity.js";
import "./provided-context.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Once per run, before any spec: a daemon that answers, the target image (built only when its
 * inputs changed), leftovers of dead runs swept, and the run header printed.
 */
export default async function setup(project: TestProject) {
  // testcontainers' reaper image cannot be pulled here; cleanup is the harness's own job.
  process.env.TESTCONTAINERS_RYUK_DISABLED = "true";
  const log = (line: string) => console.log(`[hermes-harness] ${line}`);
  try {
    const daemon = await checkDaemon();
    const identity = newRunIdentity();
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

    const artifactsDir = artifactsRoot(repoRoot, process.env);
    await mkdir(artifactsDir, { recursive: true });
    // What is in the folder after this is this run's: earlier failure folders would read as fresh.
    const cleared = await clearStaleArtifacts(artifactsDir);
    if (cleared.length > 0) {
      const shown = relative(process.cwd(), artifactsDir);
      log(
        `cleared an earlier run's ${cleared.join(", ")} from ${shown.startsWith("..") ? artifactsDir : shown || "."}/`,
      );
    }
    const image = await resolveTargetImage(selectTarget(process.env), {
      repoRoot,
      logDir: artifactsDir,
      log,
    });
    const localDaemon = isLocalDaemon();
    const [hermesVersion, generation] = await Promise.all([
      hermesVersionOf(image.ref, identity),
      detectGeneration(image.ref, identity),
    ]);
    const deviationsFile = resolve(repoRoot, process.env.HERMES_HARNESS_DEVIATIONS || "docs/deviations.json");
    const deviations = loadDeviations(deviationsFile);
    const header = formatRunHeader({
      runId: identity.runId,
      image,
      hermesVersion,
      generation,
      daemon,
      localDaemon,
    });
    console.log(header);
    // Which run the artifacts folder belongs to.
    await writeFile(join(artifactsDir, "run-header.txt"), `${header}\n`);
    const declared = deviations.filter((d) => d.generations.includes(generation)).length;
    log(`declared upstream deviations for ${generation.toUpperCase()}: ${declared} (${deviationsFile})`);

    const context: RunContext = {
      ...identity,
      image: image.ref,
      imageSource: image.source,
      generation,
      deviations,
      artifactsDir,
      repoRoot,
      localDaemon,
      profiling: process.env.HERMES_HARNESS_PROFILE === "1",
    };
    project.provide("hermesRun", context);

    return async () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      const removed = await removeRunResources(identity.runId);
      rmSync(hostDirRoot(identity.runId), { recursive: true, force: true });
      if (removed.containers + removed.volumes > 0) {
        log(
          `teardown removed ${removed.containers} container(s) and ${removed.volumes} volume(s) left by specs`,
        );
      }
      if (context.profiling) await writeProfileReport(artifactsDir, log);
    };
  } catch (error) {
    if (error instanceof HarnessSetupError) {
      // One message, then stop: every spec would fail the same way, and vitest would otherwise
      // add a misleading "No test files found" around it.
      console.error(`\n[hermes-harness] cannot start the run:\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
