import { fileURLToPath } from "node:url";
import { checkDaemon, type DaemonInfo } from "../../engine/daemon-check.js";
import { isLocalDaemon } from "../../engine/docker-client.js";
import { engineHost, parseEngineChoice } from "../../engine/engine-choice.js";
import { hostUsers } from "../../engine/host-users.js";
import type { RunIdentity } from "../../engine/labels.js";
import { parsePlatform, platformName } from "../../engine/platform.js";
import { HarnessSetupError } from "../../harness-setup-error.js";
import type { BaseTarget } from "../../image/base-image.js";
import type { ImageGeneration } from "../../image/image-generation.js";
import { resolveTargetImage, type TargetImage } from "../../image/resolve-target-image.js";
import { selectTarget, type TargetSelection } from "../../image/target-selection.js";
import { artifactsRoot } from "../../run/artifacts/artifacts-root.js";
import { deadlineScale } from "../../run/context/deadline-scale.js";
import type { RunContext, RunPlatform } from "../../run/context/run-context.js";
import { newRunIdentity } from "../../run/context/run-identity.js";

// What global setup and every script share: a daemon that answers, the run's identity and artifacts
// folder, its image (built or pulled as needed), its run context, and how a setup error ends it.

export const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
/** Where diagnostics and build logs go: HERMES_HARNESS_ARTIFACTS, by default `artifacts/`. */
export const runArtifactsDir = (env = process.env) => artifactsRoot(repoRoot, env);

export interface RunStart {
  daemon: DaemonInfo;
  identity: RunIdentity;
  artifactsDir: string;
}
type Log = (line: string) => void;

/** The engine HERMES_ENGINE names, as DOCKER_HOST for dockerode, testcontainers and child processes. */
export function applyEngineChoice(env: NodeJS.ProcessEnv = process.env): void {
  const host = engineHost(parseEngineChoice(env.HERMES_ENGINE), {
    uid: process.getuid?.() ?? -1,
    env,
    uidOf: (user) => hostUsers().find((entry) => entry.name === user)?.uid,
  });
  if (host !== undefined) env.DOCKER_HOST = host;
}

/** A daemon that answers (else a HarnessSetupError), then a new run. */
export async function beginRun(): Promise<RunStart> {
  // testcontainers' reaper image cannot be pulled here; cleanup is the harness's own job.
  process.env.TESTCONTAINERS_RYUK_DISABLED = "true";
  applyEngineChoice();
  return { daemon: await checkDaemon(), identity: newRunIdentity(), artifactsDir: runArtifactsDir() };
}

/** The reference image on BASE_IMAGE, whatever HERMES_IMAGE says; flavour `generation`, else the env's. */
export function referenceTarget(env: NodeJS.ProcessEnv, generation?: ImageGeneration) {
  const HERMES_REFERENCE_GENERATION = generation ?? env.HERMES_REFERENCE_GENERATION;
  return selectTarget({ BASE_IMAGE: env.BASE_IMAGE, HERMES_REFERENCE_GENERATION }) as Extract<
    TargetSelection,
    { kind: "reference" }
  >;
}

/** The platform a run tests: HERMES_PLATFORM's, else the engine's own. */
export function runPlatform(run: RunStart, env: NodeJS.ProcessEnv = process.env): BaseTarget {
  const engineArchitecture = run.daemon.engine.architecture;
  const platform = parsePlatform(env.HERMES_PLATFORM) ?? { os: "linux", architecture: engineArchitecture };
  return { platform, engineArchitecture };
}

/** `target` (by default what the environment names) as a local image, built or pulled as needed. */
export function ensureTarget(run: RunStart, log: Log, target = selectTarget(process.env)) {
  return resolveTargetImage(target, { repoRoot, logDir: run.artifactsDir, log, target: runPlatform(run) });
}

export async function ensureReference(run: RunStart, log: Log, generation?: ImageGeneration) {
  const target = referenceTarget(process.env, generation);
  return { ...(await ensureTarget(run, log, target)), generation: target.generation };
}

export function runContextOf(
  run: RunStart,
  image: TargetImage,
  facts: Pick<RunContext, "generation"> &
    Partial<Pick<RunContext, "deviations" | "profiling" | "hermesVersion" | "imageLineage">>,
): RunContext {
  return {
    ...run.identity,
    deviations: facts.deviations ?? [],
    profiling: facts.profiling ?? false,
    generation: facts.generation,
    hermesVersion: facts.hermesVersion ?? "unknown (not probed)",
    image: image.ref,
    imageSource: image.source,
    imageLineage: facts.imageLineage ?? (image.source === "reference" ? "reference" : "upstream"),
    artifactsDir: run.artifactsDir,
    repoRoot,
    localDaemon: isLocalDaemon(run.daemon.address),
    engine: { ...run.daemon.engine, address: run.daemon.address },
    platform: runPlatformOf(image, run.daemon.engine.architecture),
  };
}

/** The image's platform as the run treats it: emulated where the engine's architecture differs. */
export function runPlatformOf(
  image: TargetImage,
  engineArchitecture: string,
  env = process.env,
): RunPlatform {
  const emulated = image.platform.architecture !== engineArchitecture;
  return {
    name: platformName(image.platform),
    architecture: image.platform.architecture,
    emulated,
    deadlineScale: deadlineScale(env, emulated),
  };
}

/** The exit code of a run that could not be made (no daemon, no image, bad options); 1 is a broken promise. */
export const COULD_NOT_RUN = 2;

/** Exits 2 after printing `error`: a HarnessSetupError as its message alone (under `heading`, if given). */
export function exitWith(error: unknown, heading?: string): never {
  if (!(error instanceof HarnessSetupError)) console.error(error);
  else console.error(heading ? `\n${heading}\n${error.message}\n` : error.message);
  process.exit(COULD_NOT_RUN);
}
