import { dockerClient } from "./docker-client.js";
import { normaliseArchitecture, type Platform, platformName } from "./platform.js";
import { withTimeout } from "./with-timeout.js";

// The engine's image store: what it holds, and the ways into it (one bounded pull, an import).
export interface LocalImage {
  ref: string;
  id: string;
  digests: string[];
  /** What the image's config declares it was built for. */
  platform: Platform;
}

/** The image if the daemon has it, else undefined (a 404 is an answer, not an error). */
export async function findLocalImage(ref: string): Promise<LocalImage | undefined> {
  try {
    const info = await dockerClient().getImage(ref).inspect();
    // The API has it; the typings do not.
    const { Variant: variant } = info as { Variant?: string };
    const platform: Platform = {
      os: info.Os || "linux",
      architecture: normaliseArchitecture(info.Architecture || "unknown"),
      ...(variant ? { variant } : {}),
    };
    return { ref, id: info.Id, digests: info.RepoDigests ?? [], platform };
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}

/** Bounded in time: an unreachable registry must not hang the run. Rejects with the daemon's own reason. */
export async function pullImage(ref: string, timeoutMs: number, platform?: Platform): Promise<void> {
  const docker = dockerClient();
  // A multi-arch tag: the build for `platform`, else the engine's own.
  const options = platform ? { platform: platformName(platform) } : {};
  const pull = new Promise<void>((resolve, reject) => {
    docker.pull(ref, options, (error: Error | null, stream: NodeJS.ReadableStream | undefined) => {
      if (error || !stream) return reject(error ?? new Error("no pull stream"));
      docker.modem.followProgress(stream, (done: Error | null, events: Array<{ error?: string }>) => {
        const failed = events?.find((event) => event.error);
        if (done || failed) reject(done ?? new Error(failed?.error));
        else resolve();
      });
    });
  });
  await withTimeout(pull, timeoutMs, `pull did not finish within ${timeoutMs / 1000} s`);
}

/**
 * `docker import` through the API: a root filesystem tarball becomes a one-layer image, with
 * Dockerfile instructions (`CMD ...`, `LABEL ...`) for the config a tarball cannot carry. The
 * whole reference goes in `repo`: Docker reads a tag there, and Podman's compat API ignores `tag`.
 */
export async function importImage(tarPath: string, ref: string, changes: string[] = []): Promise<void> {
  const docker = dockerClient();
  const output = await docker.importImage(tarPath, { repo: ref, changes });
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      output,
      (done: Error | null, events: Array<{ error?: string; errorDetail?: { message?: string } }>) => {
        const failed = events?.find((event) => event.error || event.errorDetail);
        if (done || failed) reject(done ?? new Error(failed?.errorDetail?.message || failed?.error));
        else resolve();
      },
    );
  });
}
