import type { EngineIdentity } from "../../engine/engine-identity.js";
import type { RunIdentity } from "../../engine/labels.js";
import type { ImageGeneration } from "../../image/image-generation.js";
import type { ImageLineage } from "../../image/image-lineage.js";
import type { DeclaredDeviation } from "../deviations/declared-deviations.js";
import { setDeadlineScale } from "./deadline-scale.js";

/** The platform the image is for, and how it runs on this engine (run header, deadline-scale.ts). */
export interface RunPlatform {
  /** `linux/arm64`. */
  name: string;
  architecture: string;
  /** The engine's architecture differs: the image runs under emulation (qemu-user via binfmt_misc). */
  emulated: boolean;
  /** Deadlines about the image are multiplied by this. */
  deadlineScale: number;
}

/** What global setup decided for the whole run, handed to every worker (vitest provide/inject). */
export interface RunContext extends RunIdentity {
  /** The image under test, as an immutable reference (content tag or image id). */
  image: string;
  imageSource: "published" | "checkout" | "reference";
  /** The reference's, or anything built FROM it; else upstream's (image-lineage.ts). */
  imageLineage: ImageLineage;
  /** Detected from the image's files (docs/contract.md, "Image generations"). */
  generation: ImageGeneration;
  /** The version line of the image's `hermes --version` ("Hermes Agent v0.18.0 ..."), or "unknown (...)". */
  hermesVersion: string;
  /** Upstream deviations declared for this run (docs/deviations.json or HERMES_HARNESS_DEVIATIONS). */
  deviations: DeclaredDeviation[];
  artifactsDir: string;
  repoRoot: string;
  /** True when the daemon shares this host's filesystem (host bind mounts work). */
  localDaemon: boolean;
  /** The engine every container of the run lives in, and its DOCKER_HOST (workers point at it too). */
  engine: EngineIdentity & { address: string };
  platform: RunPlatform;
  profiling: boolean;
}

let current: RunContext | undefined;

export function setRunContext(context: RunContext): void {
  current = context;
  setDeadlineScale(context.platform.deadlineScale);
  // A worker talks to the engine the run chose, whatever its own environment said.
  process.env.DOCKER_HOST = context.engine.address;
}

export function runContext(): RunContext {
  if (!current) {
    throw new Error(
      "The harness has no run context: run specs through vitest's image project (npm run test:image), " +
        "whose setup provides it, or call setRunContext() in a script.",
    );
  }
  return current;
}
