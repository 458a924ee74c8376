import { execa } from "execa";
import { labelArgs } from "../container/docker-run-labels.js";
import { HarnessSetupError } from "../errors/harness-setup-error.js";
import type { RunIdentity } from "../run/labels.js";

/**
 * The two generations of the image in use (docs/contract.md, "Image generations"): G1 is the seed
 * Dockerfile's layout, G2 adds the `docker exec` shim at /opt/hermes/bin/hermes. Specs that depend
 * on the generation read it from the run context instead of assuming one.
 */
export type ImageGeneration = "g1" | "g2";

export const GENERATIONS: readonly ImageGeneration[] = ["g1", "g2"];

/** The file whose presence marks G2 (the contract's own detector). */
export const EXEC_SHIM = "/opt/hermes/bin/hermes";

export function parseGeneration(text: string | undefined): ImageGeneration | undefined {
  const value = text?.trim().toLowerCase();
  return value === "g1" || value === "g2" ? value : undefined;
}

/**
 * Looks at the image's files, not its boot: `--entrypoint /bin/sh` so nothing of the image runs.
 * A failure stops the run (a setup error): every generation-aware spec depends on the answer.
 */
export async function detectGeneration(image: string, run: RunIdentity): Promise<ImageGeneration> {
  const result = await execa(
    "docker",
    [
      "run",
      "--rm",
      ...labelArgs(run),
      "--entrypoint",
      "/bin/sh",
      image,
      "-c",
      `test -x ${EXEC_SHIM}; echo "@shim=$?"`,
    ],
    { reject: false, timeout: 60_000 },
  );
  const match = /^@shim=(\d+)$/m.exec(`${result.stdout}`);
  if (result.exitCode !== 0 || !match) {
    throw new HarnessSetupError(
      `could not tell the image's generation (is there a /bin/sh in ${image}?): exit ${result.exitCode}, ${`${result.stderr}`.trim().slice(0, 300)}`,
    );
  }
  return match[1] === "0" ? "g2" : "g1";
}
