import type Docker from "dockerode";
import { BOOT_LOG } from "../read/boot-log.js";

/**
 * Byte length of the boot log on a container's /opt/data now: the offset after which a new boot's
 * lines start. Docker's archive stat (what `docker cp` uses) reads it through the container's mounts,
 * created or running, so no process runs for it and no uid needs to read the file.
 */
export async function bootLogSize(container: Docker.Container): Promise<number> {
  let response: { headers: Record<string, string | undefined>; resume(): void };
  try {
    response = await container.infoArchive({ path: BOOT_LOG });
  } catch (error) {
    // No log yet (fresh data): nothing from an earlier boot to skip.
    if ((error as { statusCode?: number }).statusCode === 404) return 0;
    throw error;
  }
  response.resume();
  const header = response.headers["x-docker-container-path-stat"] ?? "";
  const size = (JSON.parse(Buffer.from(header, "base64").toString("utf8") || "{}") as { size?: unknown })
    .size;
  if (typeof size !== "number") throw new Error(`docker's stat of ${BOOT_LOG} has no size: ${header}`);
  return size;
}
