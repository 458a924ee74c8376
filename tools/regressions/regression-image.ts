import { createHash } from "node:crypto";
import { hostname } from "node:os";
import { dirname, join, resolve } from "node:path";
import { dockerClient } from "../../harness/engine/docker-client.js";
import { findLocalImage, type LocalImage } from "../../harness/engine/image-store.js";
import { LABEL_CHECKOUT, LABEL_CONTENT_HASH, LABEL_IMAGE_KIND } from "../../harness/engine/labels.js";
import { platformName } from "../../harness/engine/platform.js";
import { contentHash } from "../../harness/image/content-hash.js";
import { dockerBuild } from "../../harness/image/docker-build.js";
import { removeImageTags } from "../../harness/image/prune-stale-images.js";
import { hostArchitecture } from "../../harness/run/context/deadline-scale.js";
import type { Regression } from "./regression-catalogue.js";
import { staleRegressionImages } from "./stale-regression-images.js";

export const REGRESSION_REPO = "hermes-harness/regression";

/** Builds a regression image FROM the given reference image, once per content change of either. */
export async function ensureRegressionImage(
  regression: Regression,
  reference: LocalImage,
  logDir: string,
  log: (line: string) => void,
): Promise<LocalImage> {
  const hash = (await contentHash(regression.dir, ["."], [`reference=${reference.id}`])).slice(0, 12);
  const tag = `${REGRESSION_REPO}:${regression.name}-${hash}`;
  const existing = await findLocalImage(tag);
  if (existing) return existing;
  const logFile = regressionBuildLog(logDir, regression.name);
  log(`building ${tag} (log: ${logFile})`);
  const checkout = checkoutId(regression);
  await dockerBuild({
    contextDir: regression.dir,
    dockerfile: join(regression.dir, "Dockerfile"),
    tags: [tag],
    buildArgs: { REFERENCE_IMAGE: reference.ref },
    // FROM another architecture's reference (regression.json's "platform"): built for that platform.
    ...(reference.platform.architecture === hostArchitecture()
      ? {}
      : { platform: platformName(reference.platform) }),
    labels: { [LABEL_IMAGE_KIND]: "regression", [LABEL_CONTENT_HASH]: hash, [LABEL_CHECKOUT]: checkout },
    logFile,
  });
  const built = await findLocalImage(tag);
  if (!built) throw new Error(`docker build reported success but ${tag} is not listed`);
  await pruneRegressionImages({ checkout, keep: [tag], names: [regression.name] });
  return built;
}

export function regressionBuildLog(logDir: string, name: string): string {
  return join(logDir, `regression-${name}-build.log`);
}

/** One id per checkout (host and catalogue folder): whose builds a prune may remove at once. */
export function checkoutId(regression: Pick<Regression, "dir">): string {
  const catalogueRoot = dirname(resolve(regression.dir));
  return createHash("sha256").update(`${hostname()}:${catalogueRoot}`).digest("hex").slice(0, 12);
}

/**
 * Removes superseded regression images (stale-regression-images.ts says which); an image still used
 * by a container is refused by the daemon and left for a later run. Returns the tags removed.
 */
export async function pruneRegressionImages(scope: {
  checkout: string;
  keep: readonly string[];
  names: readonly string[];
  catalogue?: readonly string[];
}): Promise<string[]> {
  const listed = await dockerClient().listImages({
    filters: JSON.stringify({ label: [`${LABEL_IMAGE_KIND}=regression`] }),
  });
  const images = listed.map((image) => ({
    id: image.Id,
    tags: image.RepoTags ?? [],
    created: image.Created,
    checkout: image.Labels?.[LABEL_CHECKOUT],
  }));
  const stale = staleRegressionImages(images, {
    checkout: scope.checkout,
    keep: new Set(scope.keep),
    names: new Set(scope.names),
    catalogue: scope.catalogue ? new Set(scope.catalogue) : undefined,
    now: Date.now() / 1000,
  });
  const removed: string[] = [];
  for (const image of images.filter((i) => stale.includes(i.id)))
    await removeImageTags(image.id, image.tags, removed);
  return removed;
}
