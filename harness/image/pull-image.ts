import { dockerClient } from "../docker/docker-client.js";

/**
 * Pulls an image, bounded in time: an unreachable registry must not hang the run.
 * Resolves on success, rejects with the daemon's own reason otherwise.
 */
export async function pullImage(ref: string, timeoutMs: number): Promise<void> {
  const docker = dockerClient();
  let timer: NodeJS.Timeout | undefined;
  const pull = new Promise<void>((resolve, reject) => {
    docker.pull(ref, (error: Error | null, stream: NodeJS.ReadableStream | undefined) => {
      if (error || !stream) return reject(error ?? new Error("no pull stream"));
      docker.modem.followProgress(stream, (done: Error | null, events: Array<{ error?: string }>) => {
        const failed = events?.find((event) => event.error);
        if (done || failed) reject(done ?? new Error(failed?.error));
        else resolve();
      });
    });
  });
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`pull did not finish within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([pull, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
