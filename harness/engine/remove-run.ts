import { pathToFileURL } from "node:url";
import { dockerClient } from "./docker-client.js";
import { LABEL_RUN_ID } from "./labels.js";

export interface RemovedResources {
  containers: string[];
  volumes: string[];
  images: string[];
}

const ANONYMOUS_VOLUME = /^[0-9a-f]{64}$/;

/**
 * Removes what carries this run's label now, through the engine's API: containers (with their
 * anonymous /opt/data volumes), then volumes, then images built at test time; returns the names.
 * A resource that another remover took first is not an error.
 */
export async function removeRun(runId: string): Promise<RemovedResources> {
  const docker = dockerClient();
  const filters = JSON.stringify({ label: [`${LABEL_RUN_ID}=${runId}`] });
  const gone = (error: unknown) => {
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== 404 && status !== 409) throw error;
  };
  const listed = await docker.listContainers({ all: true, filters });
  const containers = listed.map((c) => (c.Names?.[0] ?? c.Id).replace(/^\//, ""));
  // v: the image declares VOLUME /opt/data; its anonymous volume goes with the container.
  const anonymous = listed.flatMap((c) =>
    (c.Mounts ?? []).map((m) => m.Name ?? "").filter((name) => ANONYMOUS_VOLUME.test(name)),
  );
  await Promise.all(
    listed.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(gone)),
  );
  const { Volumes: labelled = [] } = await docker.listVolumes({ filters });
  await Promise.all(labelled.map((v) => docker.getVolume(v.Name).remove({ force: true }).catch(gone)));
  const images = await docker.listImages({ filters });
  await Promise.all(images.map((i) => docker.getImage(i.Id).remove({ force: true }).catch(gone)));
  return {
    containers,
    volumes: [...labelled.map((v) => v.Name), ...anonymous],
    images: [...new Set(images.map((i) => i.Id))],
  };
}

// Run as a program by the synchronous sweep (remove-resources.ts): the run id in, JSON out.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runId = process.argv[2];
  if (!runId) throw new Error("usage: remove-run.ts RUN_ID");
  process.stdout.write(`${JSON.stringify(await removeRun(runId))}\n`);
}
