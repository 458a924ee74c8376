import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { findLocalImage, type LocalImage } from "../engine/image-store.js";
import { LABEL_IMAGE_KIND } from "../engine/labels.js";
import { HarnessSetupError } from "../harness-setup-error.js";
import { dockerBuild } from "./docker-build.js";

export const CHECKOUT_TAG = "hermes-harness/checkout:latest";

/** HERMES_BUILD_CONTEXT: build a Hermes checkout's own Dockerfile (Docker's layer cache keeps reruns cheap). */
export async function ensureCheckoutImage(
  contextDir: string,
  logDir: string,
  log: (line: string) => void,
  platform?: string,
): Promise<LocalImage> {
  const dir = resolve(contextDir);
  const dockerfile = join(dir, "Dockerfile");
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new HarnessSetupError(`HERMES_BUILD_CONTEXT=${contextDir}: ${dir} is not a directory`);
  }
  if (!existsSync(dockerfile)) {
    throw new HarnessSetupError(
      `HERMES_BUILD_CONTEXT=${contextDir}: there is no Dockerfile at ${dockerfile}`,
    );
  }
  const logFile = join(logDir, "checkout-image-build.log");
  log(`building ${dockerfile} as ${CHECKOUT_TAG} (log: ${logFile})`);
  await dockerBuild({
    contextDir: dir,
    dockerfile,
    tags: [CHECKOUT_TAG],
    labels: { [LABEL_IMAGE_KIND]: "checkout" },
    ...(platform ? { platform } : {}),
    logFile,
  });
  const image = await findLocalImage(CHECKOUT_TAG);
  if (!image) throw new HarnessSetupError(`docker build reported success but ${CHECKOUT_TAG} is not listed`);
  return image;
}
