import type { RunIdentity } from "../docker/labels.js";
import { HarnessSetupError } from "../harness-setup-error.js";
import { EXEC_SHIM, type ImageGeneration } from "../image/image-generation.js";
import { runOnce } from "./run-once.js";

/**
 * Looks at the image's files, not its boot: `--entrypoint /bin/sh` so nothing of the image runs.
 * A failure stops the run (a setup error): every generation-aware spec depends on the answer.
 */
export async function detectGeneration(image: string, run: RunIdentity): Promise<ImageGeneration> {
  const script = `test -x ${EXEC_SHIM}; echo "@shim=$?"`;
  const result = await runOnce(
    { image, entrypoint: ["/bin/sh", "-c", script], timeoutMs: 60_000 },
    run,
  ).catch((error: Error) => ({ exitCode: -1, stdout: "", stderr: error.message }));
  const match = /^@shim=(\d+)$/m.exec(result.stdout);
  if (result.exitCode !== 0 || !match) {
    throw new HarnessSetupError(
      `could not tell the image's generation (is there a /bin/sh in ${image}?): exit ${result.exitCode}, ${result.stderr.trim().slice(0, 300)}`,
    );
  }
  return match[1] === "0" ? "g2" : "g1";
}
