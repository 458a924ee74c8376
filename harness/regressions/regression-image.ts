import { join } from "node:path";
import { contentHash } from "../image/content-hash.js";
import { dockerBuild } from "../image/docker-build.js";
import { findLocalImage, type LocalImage } from "../image/local-image.js";
import { pruneStaleImages } from "../image/prune-stale-images.js";
import { LABEL_CONTENT_HASH, LABEL_IMAGE_KIND } from "../run/labels.js";
import type { Regression } from "./regression-catalogue.js";

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
  const logFile = join(logDir, `regression-${regression.name}-build.log`);
  log(`building ${tag} (log: ${logFile})`);
  await dockerBuild({
    contextDir: regression.dir,
    dockerfile: join(regression.dir, "Dockerfile"),
    tags: [tag],
    buildArgs: { REFERENCE_IMAGE: reference.ref },
    labels: { [LABEL_IMAGE_KIND]: "regression", [LABEL_CONTENT_HASH]: hash },
    logFile,
  });
  const built = await findLocalImage(tag);
  if (!built) throw new Error(`docker build reported success but ${tag} is not listed`);
  await pruneStaleImages("regression", built.id, (other) =>
    other.startsWith(`${REGRESSION_REPO}:${regression.name}-`),
  );
  return built;
}
