import { dockerClient } from "../engine/docker-client.js";
import { LABEL_IMAGE_KIND } from "../engine/labels.js";

/**
 * Cache images (reference, regression) are kept across runs, but only the current content of each:
 * older builds of the same kind and name are removed once a new one exists. An image still used by
 * a container is left for a later run, and so is one made in the last hour: another checkout's run
 * on the same daemon may still be building regression images FROM it.
 */
const RECENT_SECONDS = 60 * 60;

export async function pruneStaleImages(
  kind: string,
  keepId: string,
  sameFamily: (tag: string) => boolean,
): Promise<number> {
  const docker = dockerClient();
  const images = await docker.listImages({
    filters: JSON.stringify({ label: [`${LABEL_IMAGE_KIND}=${kind}`] }),
  });
  let removed = 0;
  const recent = Date.now() / 1000 - RECENT_SECONDS;
  for (const image of images) {
    if (image.Id === keepId || image.Created > recent) continue;
    const tags = (image.RepoTags ?? []).filter((tag) => tag !== "<none>:<none>");
    if (tags.length > 0 && !tags.every(sameFamily)) continue;
    if (await removeImageTags(image.Id, tags)) removed += 1;
  }
  return removed;
}

/**
 * Removes an image by its tags (by id when it has none), each tag removed going into `removed`; false
 * when the daemon refused, because a container (ours or a user's) uses it: not ours to force.
 */
export async function removeImageTags(
  id: string,
  repoTags: string[],
  removed: string[] = [],
): Promise<boolean> {
  const docker = dockerClient();
  const tags = repoTags.filter((tag) => tag !== "<none>:<none>");
  try {
    for (const tag of tags) {
      await docker.getImage(tag).remove({ noprune: false });
      removed.push(tag);
    }
    if (tags.length === 0) await docker.getImage(id).remove();
    return true;
  } catch {
    return false;
  }
}
