import type { LocalImage } from "../engine/image-store.js";
import { imageMatchesPlatform, platformName } from "../engine/platform.js";
import { HarnessSetupError } from "../harness-setup-error.js";
import type { BaseTarget } from "./base-image.js";
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
  /** The platform asked for (HERMES_PLATFORM, else the engine's own) and the engine's architecture. */
  target: BaseTarget;
}

/** Makes the selected image available locally, building or pulling it as needed. */
export async function resolveTargetImage(
  selection: TargetSelection,
  options: ResolveOptions,
): Promise<TargetImage> {
  const image = await resolveSelection(selection, options);
  const { platform } = options.target;
  if (!imageMatchesPlatform(image.platform, platform)) {
    throw new HarnessSetupError(
      `${image.ref} is a ${platformName(image.platform)} image, but this run is for ${platformName(platform)} ` +
        "(HERMES_PLATFORM, else the engine's own): set HERMES_PLATFORM to the image's platform, or give a tag that has a build for this one.",
    );
  }
  return image;
}

async function resolveSelection(selection: TargetSelection, options: ResolveOptions): Promise<TargetImage> {
  const { platform, engineArchitecture } = options.target;
  const foreign = platform.architecture === engineArchitecture ? undefined : platform;
  switch (selection.kind) {
    case "published":
      return { ...(await ensurePublishedImage(selection.tag, platform)), source: "published" };
    case "checkout":
      return {
        ...(await ensureCheckoutImage(
          selection.contextDir,
          options.logDir,
          options.log,
          foreign && platformName(foreign),
        )),
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
