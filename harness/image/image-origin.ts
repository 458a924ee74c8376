import type { TargetImage } from "./resolve-target-image.js";

/**
 * How the image under test got onto the host, for the run header: built here (reference, checkout),
 * pulled by this run, or already there (a HERMES_IMAGE that was built or loaded locally, such as a
 * regression image, or pulled by an earlier run).
 */
export function imageOrigin(image: Pick<TargetImage, "source" | "pulled">): string {
  if (image.source !== "published") return image.source;
  return image.pulled ? "pulled" : "local";
}
