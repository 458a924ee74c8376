import { rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { artifactsRoot } from "../../harness/artifacts/artifacts-root.js";
import {
  removeRunResources,
  removeRunResourcesSync,
  sweepDeadRuns,
} from "../../harness/cleanup/remove-resources.js";
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
    const swept = await sweepDeadRuns(identity.ownerHost);
    if (swept.length > 0)
      log(`removed what ${swept.length} interrupted earlier run(s) left behind: ${swept.join(", ")}`);

    const artifactsDir = artifactsRoot(repoRoot, process.env);
    await mkdir(artifactsDir, { recursive: true });
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
    console.log(
      formatRunHeader({ runId: identity.runId, image, hermesVersion, generation, daemon, localDaemon }),
    );
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

    // Ctrl-C or a CI cancel: remove this run's containers and volumes before going.
    const onSignal = (signal: NodeJS.Signals) => {
      removeRunResourcesSync(identity.runId);
      rmSync(hostDirRoot(identity.runId), { recursive: true, force: true });
      process.exit(signal === "SIGINT" ? 130 : 143);
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);

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
