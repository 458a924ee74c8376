import { dockerClient } from "../docker/docker-client.js";
import { withTimeout } from "../docker/with-timeout.js";

/** Bounded in time: an unreachable registry must not hang the run. Rejects with the daemon's own reason. */
export async function pullImage(ref: string, timeoutMs: number): Promise<void> {
  const docker = dockerClient();
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
  await withTimeout(pull, timeoutMs, `pull did not finish within ${timeoutMs / 1000} s`);
}
