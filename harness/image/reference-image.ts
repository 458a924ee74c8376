import { join } from "node:path";
import { dockerClient } from "../engine/docker-client.js";
import { findLocalImage, type LocalImage } from "../engine/image-store.js";
import { LABEL_CONTENT_HASH, LABEL_IMAGE_KIND } from "../engine/labels.js";
import { platformName } from "../engine/platform.js";
import { type BaseTarget, ensureBaseImage } from "./base-image.js";
import { contentHash } from "./content-hash.js";
import { dockerBuild } from "./docker-build.js";
import type { ImageGeneration } from "./image-generation.js";
import { pruneStaleImages } from "./prune-stale-images.js";

/**
 * Other tooling relies on these tags: each names the newest reference image of its flavour built
 * here. G2 (upstream's current generation) keeps the historical name that regressions build FROM.
 */
export const REFERENCE_REPOS: Record<ImageGeneration, string> = {
  g1: "hermes-harness/reference-g1",
  g2: "hermes-harness/reference",
};

/** The repository of one flavour for one architecture: amd64 keeps the historical names. */
export function referenceRepo(generation: ImageGeneration, architecture: string): string {
  const repo = REFERENCE_REPOS[generation];
  return architecture === "amd64" ? repo : `${repo}-${architecture}`;
}
export const REFERENCE_DOCKERFILE = "Dockerfile.test";
/** Everything the reference image is made of; a change to any of these is a new image. */
export const REFERENCE_INPUTS = [REFERENCE_DOCKERFILE, "fixtures/reference-image"];

export interface ReferenceImageRequest {
  repoRoot: string;
  baseImage: string;
  generation: ImageGeneration;
  /** The platform to build for, and the engine's own architecture. */
  target: BaseTarget;
  logDir: string;
  log: (line: string) => void;
}

/**
 * Builds the reference image of one flavour (`HERMES_GENERATION` build argument) only when its
 * inputs (or its base) changed since the last build.
 */
export async function ensureReferenceImage(request: ReferenceImageRequest): Promise<LocalImage> {
  const { platform } = request.target;
  const repo = referenceRepo(request.generation, platform.architecture);
  const latestTag = `${repo}:latest`;
  const base = await ensureBaseImage(request.baseImage, request.log, request.target);
  const extra = [`base=${base.id}`, `generation=${request.generation}`];
  const hash = (await contentHash(request.repoRoot, REFERENCE_INPUTS, extra)).slice(0, 16);
  const contentTag = `${repo}:${hash}`;

  let image = await findLocalImage(contentTag);
  if (!image) {
    const logFile = join(request.logDir, `reference-image-${request.generation}-build.log`);
    request.log(`building the reference image ${contentTag} (inputs changed; log: ${logFile})`);
    const started = Date.now();
    await dockerBuild({
      contextDir: request.repoRoot,
      dockerfile: join(request.repoRoot, REFERENCE_DOCKERFILE),
      tags: [contentTag, latestTag],
      buildArgs: { BASE_IMAGE: base.ref, HERMES_GENERATION: request.generation },
      labels: { [LABEL_IMAGE_KIND]: "reference", [LABEL_CONTENT_HASH]: hash },
      // Only for another architecture: the engine's own builds as it always did.
      ...(platform.architecture === request.target.engineArchitecture
        ? {}
        : { platform: platformName(platform) }),
      logFile,
    });
    request.log(`built ${contentTag} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    image = await findLocalImage(contentTag);
    if (!image) throw new Error(`docker build reported success but ${contentTag} is not listed`);
    await pruneStaleImages("reference", image.id, (tag) => tag.startsWith(`${repo}:`));
  }
  // Keep :latest pointing at what is tested, also when an older content tag is reused.
  const latest = await findLocalImage(latestTag);
  if (latest?.id !== image.id) await dockerClient().getImage(image.id).tag({ repo, tag: "latest" });
  return { ...image, ref: contentTag };
}
