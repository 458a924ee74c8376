import type { DaemonInfo } from "../../engine/daemon-check.js";
import { describeEngine } from "../../engine/engine-identity.js";
import type { ImageGeneration } from "../../image/image-generation.js";
import type { TargetImage } from "../../image/resolve-target-image.js";
import { imageOrigin } from "../../image/resolve-target-image.js";
import type { RunPlatform } from "../../run/context/run-context.js";
import { SecretRedactor } from "../diagnostics/redact-secrets.js";

/** The run's first line: the image, its digest (else its id), its generation and the hermes version. */
export function formatRunLine(input: {
  image: TargetImage;
  hermesVersion: string;
  generation: ImageGeneration;
}) {
  const { image } = input;
  const digest = image.digests[0] ?? `${image.id} (no registry digest)`;
  return `testing ${image.ref} @ ${digest}, generation ${input.generation.toUpperCase()}, version: ${input.hermesVersion}`;
}

/** "linux/arm64, emulated on amd64 (image deadlines x4)", or "linux/amd64, native". */
export function describePlatform(platform: RunPlatform, engineArchitecture: string): string {
  const scale = platform.deadlineScale === 1 ? "" : ` (image deadlines x${platform.deadlineScale})`;
  return `${platform.name}, ${platform.emulated ? `emulated on ${engineArchitecture}` : "native"}${scale}`;
}

/** One block at the start of a run, so a report always says what was tested where. */
export function formatRunHeader(input: {
  runId: string;
  image: TargetImage;
  hermesVersion: string;
  generation: ImageGeneration;
  daemon: DaemonInfo;
  localDaemon: boolean;
  platform: RunPlatform;
  /** Default: the harness's own environment (redact-secrets.ts); the header is printed and reported. */
  redactor?: SecretRedactor;
}): string {
  const digest = input.image.digests[0] ?? "none (built or loaded locally)";
  const lines = [
    "── hermes-image-harness ─────────────────────────────",
    `run id          ${input.runId}`,
    `target image    ${input.image.ref} (${imageOrigin(input.image)})`,
    `image id        ${input.image.id}`,
    `image digest    ${digest}`,
    `hermes version  ${input.hermesVersion}`,
    `generation      ${input.generation.toUpperCase()} (${input.generation === "g2" ? "exec shim present" : "no exec shim"})`,
    `engine          ${describeEngine(input.daemon.engine)} (API ${input.daemon.apiVersion}), ${input.localDaemon ? "local" : "remote"} at ${input.daemon.address}`,
    `platform        ${describePlatform(input.platform, input.daemon.engine.architecture)}`,
    "─────────────────────────────────────────────────────",
  ];
  return (input.redactor ?? SecretRedactor.fromEnvironment()).redact(lines.join("\n"));
}
