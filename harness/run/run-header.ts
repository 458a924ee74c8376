import type { DaemonInfo } from "../docker/daemon-check.js";
import { imageOrigin } from "../image/image-origin.js";
import type { TargetImage } from "../image/resolve-target-image.js";

/** One block at the start of a run, so a report always says what was tested where. */
export function formatRunHeader(input: {
  runId: string;
  image: TargetImage;
  hermesVersion: string;
  daemon: DaemonInfo;
  localDaemon: boolean;
}): string {
  const digest = input.image.digests[0] ?? "none (built or loaded locally)";
  return [
    "── hermes-image-harness ─────────────────────────────",
    `run id          ${input.runId}`,
    `target image    ${input.image.ref} (${imageOrigin(input.image)})`,
    `image id        ${input.image.id}`,
    `image digest    ${digest}`,
    `hermes version  ${input.hermesVersion}`,
    `docker daemon   ${input.daemon.version} (API ${input.daemon.apiVersion}), ${input.localDaemon ? "local" : "remote"} at ${input.daemon.address}`,
    "─────────────────────────────────────────────────────",
  ].join("\n");
}
