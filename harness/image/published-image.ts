import { findLocalImage, type LocalImage, pullImage } from "../engine/image-store.js";
import { imageMatchesPlatform, type Platform, platformName } from "../engine/platform.js";
import { HarnessSetupError } from "../harness-setup-error.js";
import { withDefaultTag } from "./target-selection.js";

const PULL_TIMEOUT_MS = 8_000;

export interface PublishedImage extends LocalImage {
  /** Pulled by this run; false when it was already on the host. */
  pulled: boolean;
}

/**
 * HERMES_IMAGE: a tag the user chose. Local copies win; otherwise one bounded pull. With a platform
 * (HERMES_PLATFORM), a local copy of another architecture is replaced by that platform's build.
 */
export async function ensurePublishedImage(tag: string, platform?: Platform): Promise<PublishedImage> {
  const ref = withDefaultTag(tag);
  const local = await findLocalImage(ref);
  if (local && (!platform || imageMatchesPlatform(local.platform, platform)))
    return { ...local, pulled: false };
  try {
    await pullImage(ref, PULL_TIMEOUT_MS, platform);
  } catch (error) {
    throw new HarnessSetupError(
      `HERMES_IMAGE=${tag}: the image is not on this Docker host and could not be pulled ` +
        `(${(error as Error).message.split("\n")[0]})${platform ? ` for ${platformName(platform)}` : ""}. Check the tag, or load the image with docker load.`,
    );
  }
  const pulled = await findLocalImage(ref);
  if (!pulled)
    throw new HarnessSetupError(`HERMES_IMAGE=${tag}: pulled, but the daemon does not list ${ref}`);
  return { ...pulled, pulled: true };
}
