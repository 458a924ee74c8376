import { findLocalImage, type LocalImage, pullImage } from "../engine/image-store.js";
import { HarnessSetupError } from "../harness-setup-error.js";
import { withDefaultTag } from "./target-selection.js";

const PULL_TIMEOUT_MS = 8_000;

export interface PublishedImage extends LocalImage {
  /** Pulled by this run; false when it was already on the host. */
  pulled: boolean;
}

/** HERMES_IMAGE: a tag the user chose. Local copies win; otherwise one bounded pull. */
export async function ensurePublishedImage(tag: string): Promise<PublishedImage> {
  const ref = withDefaultTag(tag);
  const local = await findLocalImage(ref);
  if (local) return { ...local, pulled: false };
  try {
    await pullImage(ref, PULL_TIMEOUT_MS);
  } catch (error) {
    throw new HarnessSetupError(
      `HERMES_IMAGE=${tag}: the image is not on this Docker host and could not be pulled ` +
        `(${(error as Error).message.split("\n")[0]}). Check the tag, or load the image with docker load.`,
    );
  }
  const pulled = await findLocalImage(ref);
  if (!pulled)
    throw new HarnessSetupError(`HERMES_IMAGE=${tag}: pulled, but the daemon does not list ${ref}`);
  return { ...pulled, pulled: true };
}
