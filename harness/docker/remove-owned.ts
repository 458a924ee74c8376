import { dockerClient } from "./docker-client.js";
import { LABEL_RUN_ID } from "./labels.js";

// Removing one resource, only when it carries this run's label: the harness never touches what it
// did not create. One that is already gone is fine.

async function removeIfOwned(
  what: string,
  runId: string,
  labels: () => Promise<Record<string, string> | undefined>,
  remove: () => Promise<unknown>,
): Promise<void> {
  try {
    if ((await labels())?.[LABEL_RUN_ID] !== runId) {
      throw new Error(`refusing to touch ${what}: it was not created by harness run ${runId}`);
    }
    await remove();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
}

/** With its anonymous volumes (the image declares VOLUME /opt/data). */
export function removeContainer(id: string, runId: string): Promise<void> {
  const container = dockerClient().getContainer(id);
  return removeIfOwned(
    `container ${id.slice(0, 12)}`,
    runId,
    async () => (await container.inspect()).Config.Labels,
    () => container.remove({ force: true, v: true }),
  );
}

export function removeVolume(name: string, runId: string): Promise<void> {
  const volume = dockerClient().getVolume(name);
  return removeIfOwned(
    `volume ${name}`,
    runId,
    async () => (await volume.inspect()).Labels ?? undefined,
    () => volume.remove(),
  );
}

/** An image built at test time (buildDerivedImage). */
export function removeImage(tag: string, runId: string): Promise<void> {
  const image = dockerClient().getImage(tag);
  return removeIfOwned(
    `image ${tag}`,
    runId,
    async () => (await image.inspect()).Config?.Labels ?? undefined,
    () => image.remove({ force: true }),
  );
}
