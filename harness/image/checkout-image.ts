import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { findLocalImage, type LocalImage } from "../engine/image-store.js";
import { LABEL_IMAGE_KIND } from "../engine/labels.js";
import { HarnessSetupError } from "../harness-setup-error.js";
import { dockerBuild } from "./docker-build.js";

export const CHECKOUT_TAG = "hermes-harness/checkout:latest";

/** HERMES_BUILD_CONTEXT: build a Hermes checkout's own Dockerfile (Docker's layer cache keeps reruns cheap). */
export function ensureCheckoutImage(
  contextDir: string,
  logDir: string,
  log: (line: string) => void,
  platform?: string,
): Promise<LocalImage> {
  return buildCheckoutImage({
    contextDir,
    tag: CHECKOUT_TAG,
    labels: { [LABEL_IMAGE_KIND]: "checkout" },
    logFile: join(logDir, "checkout-image-build.log"),
    log,
    ...(platform ? { platform } : {}),
  });
}

export interface CheckoutBuild {
  contextDir: string;
  tag: string;
  labels: Record<string, string>;
  logFile: string;
  log: (line: string) => void;
  platform?: string;
}

/** A checkout's `Dockerfile`, its folder as the context: `--build`'s path, also for each commit a bisect builds. */
export async function buildCheckoutImage(request: CheckoutBuild): Promise<LocalImage> {
  const { contextDir, tag, logFile } = request;
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
  request.log(`building ${dockerfile} as ${tag} (log: ${logFile})`);
  await dockerBuild({
    contextDir: dir,
    dockerfile,
    tags: [tag],
    labels: request.labels,
    ...(request.platform ? { platform: request.platform } : {}),
    logFile,
  });
  const image = await findLocalImage(tag);
  if (!image) throw new HarnessSetupError(`docker build reported success but ${tag} is not listed`);
  return image;
}
