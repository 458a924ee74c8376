import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { findLocalImage, importImage, type LocalImage, pullImage } from "../engine/image-store.js";
import { HarnessSetupError } from "../harness-setup-error.js";
import { DEFAULT_BASE_IMAGE } from "./target-selection.js";

/** Where a Debian 13 base bootstrapped on this machine is kept (reused by later runs). */
export const BOOTSTRAPPED_BASE = "hermes-harness/debian-base:trixie";
const PULL_TIMEOUT_MS = 120_000;
const BOOTSTRAP_SCRIPT = fileURLToPath(new URL("../../scripts/bootstrap-debian-base.sh", import.meta.url));
/** What a rootfs tarball cannot carry: a shell to start, and the mark of where the base came from. */
const BOOTSTRAPPED_BASE_CHANGES = ['CMD ["/bin/bash"]', "LABEL org.hermes-harness.base=debootstrap"];

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
  let made: LocalImage | undefined;
  let failure = `the import reported success, but ${BOOTSTRAPPED_BASE} is not listed`;
  try {
    await bootstrapBase();
    made = await findLocalImage(BOOTSTRAPPED_BASE);
  } catch (error) {
    failure = (error as Error).message;
  }
  if (!made) {
    throw new HarnessSetupError(
      `Base image ${baseImage} could not be pulled (${pullError}), and bootstrapping one failed:\n${failure}\n` +
        "Load a Debian 13 image into Docker and pass it as BASE_IMAGE, or install debootstrap and run as root.",
    );
  }
  return made;
}

/**
 * debootstrap (the script) packs a root filesystem; the engine imports it through its API, so no
 * docker CLI is needed.
 */
async function bootstrapBase(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "hermes-harness-base-"));
  try {
    // One bootstrap may serve several engines (CI: Docker and Podman's two stores).
    const given = process.env.HERMES_BASE_ROOTFS;
    const tarball = given && existsSync(given) ? given : join(dir, "rootfs.tar");
    if (tarball !== given) {
      const result = await execa("bash", [BOOTSTRAP_SCRIPT, tarball], { all: true, reject: false });
      if (result.exitCode !== 0) throw new Error(result.all || result.shortMessage);
    }
    try {
      await importImage(tarball, BOOTSTRAPPED_BASE, BOOTSTRAPPED_BASE_CHANGES);
    } catch (error) {
      throw new Error(`importing the root filesystem failed: ${(error as Error).message}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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
