import { join } from "node:path";
import { dockerClient } from "../docker/docker-client.js";
import { LABEL_CONTENT_HASH, LABEL_IMAGE_KIND } from "../run/labels.js";
import { ensureBaseImage } from "./base-image.js";
import { contentHash } from "./content-hash.js";
import { dockerBuild } from "./docker-build.js";
import { findLocalImage, type LocalImage } from "./local-image.js";
import { pruneStaleImages } from "./prune-stale-images.js";

/** Other tooling relies on this tag: it always names the newest reference image built here. */
export const REFERENCE_TAG = "hermes-harness/reference:latest";
export const REFERENCE_REPO = "hermes-harness/reference";
export const REFERENCE_DOCKERFILE = "Dockerfile.test";
/** Everything the reference image is made of; a change to any of these is a new image. */
export const REFERENCE_INPUTS = [REFERENCE_DOCKERFILE, "fixtures/reference-image"];

export interface ReferenceImageRequest {
  repoRoot: string;
  baseImage: string;
  logDir: string;
  log: (line: string) => void;
}

/** Builds the reference image only when its inputs (or its base) changed since the last build. */
export async function ensureReferenceImage(request: ReferenceImageRequest): Promise<LocalImage> {
  const base = await ensureBaseImage(request.baseImage, request.log);
  const hash = (await contentHash(request.repoRoot, REFERENCE_INPUTS, [`base=${base.id}`])).slice(0, 16);
  const contentTag = `${REFERENCE_REPO}:${hash}`;

  let image = await findLocalImage(contentTag);
  if (!image) {
    const logFile = join(request.logDir, "reference-image-build.log");
    request.log(`building the reference image ${contentTag} (inputs changed; log: ${logFile})`);
    const started = Date.now();
    await dockerBuild({
      contextDir: request.repoRoot,
      dockerfile: join(request.repoRoot, REFERENCE_DOCKERFILE),
      tags: [contentTag, REFERENCE_TAG],
      buildArgs: { BASE_IMAGE: base.ref },
      labels: { [LABEL_IMAGE_KIND]: "reference", [LABEL_CONTENT_HASH]: hash },
      logFile,
    });
    request.log(`built ${contentTag} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    image = await findLocalImage(contentTag);
    if (!image) throw new Error(`docker build reported success but ${contentTag} is not listed`);
    const builtId = image.id;
    await pruneStaleImages("reference", builtId, (tag) => tag.startsWith(`${REFERENCE_REPO}:`));
  }
  // Keep :latest pointing at what is tested, also when an older content tag is reused.
  const latest = await findLocalImage(REFERENCE_TAG);
  if (latest?.id !== image.id)
    await dockerClient().getImage(image.id).tag({ repo: REFERENCE_REPO, tag: "latest" });
  return { ...image, ref: contentTag };
}
