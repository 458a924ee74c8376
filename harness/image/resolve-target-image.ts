import type { LocalImage } from "../engine/image-store.js";
import { ensureCheckoutImage } from "./checkout-image.js";
import { ensurePublishedImage } from "./published-image.js";
import { ensureReferenceImage } from "./reference-image.js";
import type { TargetSelection } from "./target-selection.js";

export interface TargetImage extends LocalImage {
  source: TargetSelection["kind"];
  /** For HERMES_IMAGE: pulled by this run, or already on the host (run header, imageOrigin). */
  pulled?: boolean;
}

export interface ResolveOptions {
  repoRoot: string;
  logDir: string;
  log: (line: string) => void;
}

/** Makes the selected image available locally, building or pulling it as needed. */
export async function resolveTargetImage(
  selection: TargetSelection,
  options: ResolveOptions,
): Promise<TargetImage> {
  switch (selection.kind) {
    case "published":
      return { ...(await ensurePublishedImage(selection.tag)), source: "published" };
    case "checkout":
      return {
        ...(await ensureCheckoutImage(selection.contextDir, options.logDir, options.log)),
        source: "checkout",
      };
    case "reference":
      return {
        ...(await ensureReferenceImage({
          ...options,
          baseImage: selection.baseImage,
          generation: selection.generation,
        })),
        source: "reference",
      };
  }
}

/**
 * How the image under test got onto the host, for the run header: built here (reference, checkout),
 * pulled by this run, or already there (a HERMES_IMAGE that was built or loaded locally, such as a
 * regression image, or pulled by an earlier run).
 */
export function imageOrigin(image: Pick<TargetImage, "source" | "pulled">): string {
  if (image.source !== "published") return image.source;
  return image.pulled ? "pulled" : "local";
}
