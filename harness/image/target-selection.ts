import { HarnessSetupError } from "../harness-setup-error.js";
import { type ImageGeneration, parseGeneration } from "./image-generation.js";
import { imageReferenceProblem } from "./image-reference.js";

/** Where the image under test comes from, decided from the environment alone (pure, unit-tested). */
export type TargetSelection =
  | { kind: "published"; tag: string }
  | { kind: "checkout"; contextDir: string }
  | { kind: "reference"; baseImage: string; generation: ImageGeneration };

export const DEFAULT_BASE_IMAGE = "debian:trixie-slim";

/**
 * Order: HERMES_IMAGE, then HERMES_BUILD_CONTEXT, then the reference image in the flavour
 * HERMES_REFERENCE_GENERATION names (g1 or g2, default g2).
 * Blank values count as unset, so `HERMES_IMAGE= npm test` means "the default".
 */
export function selectTarget(env: Record<string, string | undefined>): TargetSelection {
  const tag = env.HERMES_IMAGE?.trim();
  if (tag) {
    const problem = imageReferenceProblem(tag);
    if (problem)
      throw new HarnessSetupError(`HERMES_IMAGE=${tag} is not a valid image reference: ${problem}`);
    return { kind: "published", tag };
  }
  const contextDir = env.HERMES_BUILD_CONTEXT?.trim();
  if (contextDir) return { kind: "checkout", contextDir };
  const generationText = env.HERMES_REFERENCE_GENERATION?.trim();
  const generation = generationText ? parseGeneration(generationText) : "g2";
  if (!generation)
    throw new Error(
      `HERMES_REFERENCE_GENERATION must be g1 or g2 (the reference flavour), got "${generationText}"`,
    );
  return { kind: "reference", baseImage: env.BASE_IMAGE?.trim() || DEFAULT_BASE_IMAGE, generation };
}

/** Pulls need an explicit tag; `name` alone means `name:latest`, as the Docker CLI does. */
export function withDefaultTag(ref: string): string {
  if (ref.includes("@")) return ref;
  const lastSegment = ref.slice(ref.lastIndexOf("/") + 1);
  return lastSegment.includes(":") ? ref : `${ref}:latest`;
}
