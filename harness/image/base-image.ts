import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { findLocalImage, type LocalImage, pullImage } from "../engine/image-store.js";
import { HarnessSetupError } from "../harness-setup-error.js";
import { DEFAULT_BASE_IMAGE } from "./target-selection.js";

/** Where a Debian 13 base bootstrapped on this machine is kept (reused by later runs). */
export const BOOTSTRAPPED_BASE = "hermes-harness/debian-base:trixie";
const PULL_TIMEOUT_MS = 120_000;
const BOOTSTRAP_SCRIPT = fileURLToPath(new URL("../../scripts/bootstrap-debian-base.sh", import.meta.url));

/**
 * The reference image's base: BASE_IMAGE if local or pullable, else a Debian 13 that the
 * harness bootstraps itself with debootstrap (machines with no registry, such as CI here).
 */
export async function ensureBaseImage(baseImage: string, log: (line: string) => void): Promise<LocalImage> {
  const local = await findLocalImage(baseImage);
  if (local) return local;

  const bootstrapped = await findLocalImage(BOOTSTRAPPED_BASE);
  if (bootstrapped && reuseBootstrappedQuietly(baseImage)) return bootstrapped;

  let pullError: string;
  try {
    await pullImage(baseImage, PULL_TIMEOUT_MS);
    const pulled = await findLocalImage(baseImage);
    if (pulled) return pulled;
    pullError = "pulled, but the daemon does not list it";
  } catch (error) {
    pullError = (error as Error).message.split("\n")[0]?.trim() ?? "";
  }

  log(baseFallbackNotice(baseImage, pullError, bootstrapped !== undefined));
  if (bootstrapped) return bootstrapped;
  const result = await execa("bash", [BOOTSTRAP_SCRIPT, BOOTSTRAPPED_BASE], { all: true, reject: false });
  const made = result.exitCode === 0 ? await findLocalImage(BOOTSTRAPPED_BASE) : undefined;
  if (!made) {
    throw new HarnessSetupError(
      `Base image ${baseImage} could not be pulled (${pullError}), and bootstrapping one failed:\n${result.all}\n` +
        "Load a Debian 13 image into Docker and pass it as BASE_IMAGE, or install debootstrap and run as root.",
    );
  }
  return made;
}

/**
 * A bootstrapped base exists only because the default base could not be had on this machine: for
 * the default, later runs take it without another pull attempt and without a word. A BASE_IMAGE the
 * user chose is tried first, and replacing it is worth a line.
 */
export function reuseBootstrappedQuietly(baseImage: string): boolean {
  return baseImage === DEFAULT_BASE_IMAGE;
}

/** The one line said when the asked-for base cannot be had: what happens instead, not an alarm. */
export function baseFallbackNotice(
  baseImage: string,
  pullError: string,
  bootstrappedExists: boolean,
): string {
  return bootstrappedExists
    ? `base image ${baseImage} is not on this host and could not be pulled (${pullError}); building on ${BOOTSTRAPPED_BASE} instead`
    : `base image ${baseImage} is not on this host and cannot be pulled here (${pullError}); bootstrapping a Debian 13 base once as ${BOOTSTRAPPED_BASE} (about 30 s; later runs reuse it)`;
}
