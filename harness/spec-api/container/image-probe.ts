import type { RunIdentity } from "../../engine/labels.js";
import { HarnessSetupError } from "../../harness-setup-error.js";
import { EXEC_SHIM, type ImageGeneration } from "../../image/image-generation.js";
import { imageDeadline } from "../../run/context/deadline-scale.js";
import { versionLine } from "./hermes-version.js";
import { runOnce } from "./run-once.js";

export interface ImageProbe {
  generation: ImageGeneration;
  /** `hermes --version` run directly as hermes; undefined when it printed no version line. */
  version?: string;
}

const VERSION_FOLLOWS = "@version-follows";

/**
 * The image's generation and its CLI's version, from one container that boots nothing
 * (`--entrypoint /bin/sh`, as hermes): the generation from its files, the version from the CLI itself.
 * A generation that cannot be told stops the run (a setup error): every generation-aware spec
 * depends on it. A missing version is the caller's to get another way (hermesVersionOf boots).
 */
export async function probeImage(image: string, run: RunIdentity): Promise<ImageProbe> {
  // Presence, the contract's own detector (-x would depend on hermes's rights to the shim, as this
  // runs as hermes). `timeout`: a CLI that waits for something must not hold up the answer.
  const script = `test -e ${EXEC_SHIM}; echo "@shim=$?"; echo ${VERSION_FOLLOWS}; timeout 20 hermes --version 2>/dev/null`;
  const result = await runOnce(
    { image, entrypoint: ["/bin/sh", "-c", script], user: "hermes", timeoutMs: imageDeadline(60_000) },
    run,
  ).catch((error: Error) => ({ exitCode: -1, stdout: "", stderr: error.message }));
  const match = /^@shim=(\d+)$/m.exec(result.stdout);
  if (!match) {
    throw new HarnessSetupError(
      `could not tell the image's generation (is there a /bin/sh and a hermes user in ${image}?): exit ${result.exitCode}, ${result.stderr.trim().slice(0, 300)}`,
    );
  }
  const after = result.stdout.slice(result.stdout.indexOf(VERSION_FOLLOWS) + VERSION_FOLLOWS.length);
  return { generation: match[1] === "0" ? "g2" : "g1", version: versionLine(after) };
}
