import { HarnessSetupError } from "../errors/harness-setup-error.js";
import { imageReferenceProblem } from "./image-reference.js";

/** Where the image under test comes from, decided from the environment alone (pure, unit-tested). */
export type TargetSelection =
  | { kind: "published"; tag: string }
  | { kind: "checkout"; contextDir: string }
  | { kind: "reference"; baseImage: string };

export const DEFAULT_BASE_IMAGE = "debian:trixie-slim";

/**
 * Order: HERMES_IMAGE, then HERMES_BUILD_CONTEXT, then the reference image.
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
  return { kind: "reference", baseImage: env.BASE_IMAGE?.trim() || DEFAULT_BASE_IMAGE };
}

/** Pulls need an explicit tag; `name` alone means `name:latest`, as the Docker CLI does. */
export function withDefaultTag(ref: string): string {
  if (ref.includes("@")) return ref;
  const lastSegment = ref.slice(ref.lastIndexOf("/") + 1);
  return lastSegment.includes(":") ? ref : `${ref}:latest`;
}
