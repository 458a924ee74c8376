import { dockerClient } from "./docker-client.js";
import { LABEL_RUN_ID } from "./labels.js";

// Removing one resource, only when it carries this run's label: the harness never touches what it
// did not create. One that is already gone is fine.
async function removeIfOwned<Info>(
  what: string,
  runId: string,
  resource: { inspect(): Promise<Info>; remove(options?: object): Promise<unknown> },
  labels: (info: Info) => Record<string, string> | null | undefined,
  options?: object,
): Promise<void> {
  try {
    if (labels(await resource.inspect())?.[LABEL_RUN_ID] !== runId) {
      throw new Error(`refusing to touch ${what}: it was not created by harness run ${runId}`);
    }
    await resource.remove(options);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
}

/** With its anonymous volumes (the image declares VOLUME /opt/data). */
export const removeContainer = (id: string, runId: string): Promise<void> =>
  removeIfOwned(
    `container ${id.slice(0, 12)}`,
    runId,
    dockerClient().getContainer(id),
    (info) => info.Config.Labels,
    { force: true, v: true },
  );

export const removeVolume = (name: string, runId: string): Promise<void> =>
  removeIfOwned(`volume ${name}`, runId, dockerClient().getVolume(name), (info) => info.Labels);

/** An image built at test time (buildDerivedImage). */
export const removeImage = (tag: string, runId: string): Promise<void> =>
  removeIfOwned(`image ${tag}`, runId, dockerClient().getImage(tag), (info) => info.Config?.Labels, {
    force: true,
  });
