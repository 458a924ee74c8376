import { dockerClient } from "../docker/docker-client.js";

export interface LocalImage {
  ref: string;
  id: string;
  digests: string[];
}

/** The image if the daemon has it, else undefined (a 404 is an answer, not an error). */
export async function findLocalImage(ref: string): Promise<LocalImage | undefined> {
  try {
    const info = await dockerClient().getImage(ref).inspect();
    return { ref, id: info.Id, digests: info.RepoDigests ?? [] };
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}
