import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { findLocalImage, type LocalImage } from "../../harness/engine/image-store.js";
import { LABEL_IMAGE_KIND } from "../../harness/engine/labels.js";
import { HarnessSetupError } from "../../harness/harness-setup-error.js";
import { buildCheckoutImage } from "../../harness/image/checkout-image.js";

export const BISECT_REPO = "hermes-harness/bisect";
/** The full commit an image of BISECT_REPO was built from. */
export const LABEL_BISECT_COMMIT = "org.hermes-harness.bisect-commit";

export const commitTag = (sha: string) => `${BISECT_REPO}:${sha.slice(0, 12)}`;

/**
 * The image of one commit of the checkout at `dir`: reused when an earlier bisect built it, else
 * built as `--build` builds a checkout, from an export of the commit in a temporary folder (the
 * user's working tree and index are never touched), which is removed afterwards.
 */
export async function ensureCommitImage(
  dir: string,
  sha: string,
  logDir: string,
  log: (line: string) => void,
): Promise<{ image: LocalImage; built: boolean }> {
  const tag = commitTag(sha);
  const existing = await findLocalImage(tag);
  if (existing) return { image: existing, built: false };
  const exportDir = await mkdtemp(join(tmpdir(), "hermes-bisect-"));
  try {
    const exported = await execa("git", ["-C", dir, "archive", "--format=tar", sha], { reject: false }).pipe(
      "tar",
      ["-x", "-C", exportDir],
      { reject: false },
    );
    if (exported.exitCode !== 0)
      throw new HarnessSetupError(
        `could not export ${sha} from ${dir}: ${exported.stderr.trim() || "git archive failed"}`,
      );
    const image = await buildCheckoutImage({
      contextDir: exportDir,
      tag,
      labels: { [LABEL_IMAGE_KIND]: "bisect", [LABEL_BISECT_COMMIT]: sha },
      logFile: join(logDir, `build-${sha.slice(0, 12)}.log`),
      log,
    });
    return { image: { ...image, ref: tag }, built: true };
  } finally {
    await rm(exportDir, { recursive: true, force: true });
  }
}
