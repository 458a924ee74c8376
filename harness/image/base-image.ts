import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { findLocalImage, importImage, type LocalImage, pullImage } from "../engine/image-store.js";
import { imageMatchesPlatform, type Platform, platformName } from "../engine/platform.js";
import { loadRootfsImage } from "../engine/rootfs-image-load.js";
import { HarnessSetupError } from "../harness-setup-error.js";
import { DEFAULT_BASE_IMAGE } from "./target-selection.js";

/** Where a Debian 13 base bootstrapped on this machine is kept (reused by later runs). */
export const BOOTSTRAPPED_BASE = "hermes-harness/debian-base:trixie";

/** The bootstrapped base of one architecture: amd64 keeps the historical tag. */
export function bootstrappedBase(architecture: string): string {
  return architecture === "amd64" ? BOOTSTRAPPED_BASE : `${BOOTSTRAPPED_BASE}-${architecture}`;
}

/**
 * A root filesystem tarball to reuse instead of bootstrapping: HERMES_BASE_ROOTFS for amd64,
 * HERMES_BASE_ROOTFS_ARM64 (and so on) for another architecture.
 */
export function baseRootfsVariable(architecture: string): string {
  return architecture === "amd64" ? "HERMES_BASE_ROOTFS" : `HERMES_BASE_ROOTFS_${architecture.toUpperCase()}`;
}

/** Which platform the base is for, and the engine's own architecture (a base for another is loaded). */
export interface BaseTarget {
  platform: Platform;
  engineArchitecture: string;
}
const PULL_TIMEOUT_MS = 120_000;
const BOOTSTRAP_SCRIPT = fileURLToPath(new URL("../../scripts/bootstrap-debian-base.sh", import.meta.url));
/** What a rootfs tarball cannot carry: a shell to start, and the mark of where the base came from. */
const BOOTSTRAPPED_BASE_CHANGES = ['CMD ["/bin/bash"]', "LABEL org.hermes-harness.base=debootstrap"];

/**
 * The reference image's base: BASE_IMAGE if local or pullable, else a Debian 13 that the
 * harness bootstraps itself with debootstrap (machines with no registry, such as CI here).
 */
export async function ensureBaseImage(
  baseImage: string,
  log: (line: string) => void,
  target: BaseTarget,
): Promise<LocalImage> {
  const { platform } = target;
  // A local image of another architecture is no base for this one.
  const forPlatform = async (ref: string) => {
    const image = await findLocalImage(ref);
    return image && imageMatchesPlatform(image.platform, platform) ? image : undefined;
  };
  const local = await forPlatform(baseImage);
  if (local) return local;

  const bootstrappedRef = bootstrappedBase(platform.architecture);
  const bootstrapped = await forPlatform(bootstrappedRef);
  if (bootstrapped && reuseBootstrappedQuietly(baseImage)) return bootstrapped;

  let pullError: string;
  try {
    await pullImage(baseImage, PULL_TIMEOUT_MS, platform);
    const pulled = await forPlatform(baseImage);
    if (pulled) return pulled;
    pullError = `pulled, but the daemon lists no ${platformName(platform)} build of it`;
  } catch (error) {
    pullError = (error as Error).message.split("\n")[0]?.trim() ?? "";
  }

  log(baseFallbackNotice(baseImage, pullError, bootstrapped !== undefined, bootstrappedRef));
  if (bootstrapped) return bootstrapped;
  let made: LocalImage | undefined;
  let failure = `the import reported success, but ${bootstrappedRef} is not listed`;
  try {
    await bootstrapBase(bootstrappedRef, target);
    made = await forPlatform(bootstrappedRef);
  } catch (error) {
    failure = (error as Error).message;
  }
  if (!made) {
    throw new HarnessSetupError(
      `Base image ${baseImage} (${platformName(platform)}) could not be pulled (${pullError}), and bootstrapping one failed:\n${failure}\n` +
        "Load a Debian 13 image into Docker and pass it as BASE_IMAGE, or install debootstrap and run as root" +
        (platform.architecture === target.engineArchitecture
          ? "."
          : " (scripts/provision-qemu.sh for another architecture)."),
    );
  }
  return made;
}

/**
 * debootstrap (the script) packs a root filesystem; the engine imports it through its API, so no
 * docker CLI is needed.
 */
async function bootstrapBase(ref: string, target: BaseTarget): Promise<void> {
  const { architecture } = target.platform;
  const dir = await mkdtemp(join(tmpdir(), "hermes-harness-base-"));
  try {
    // One bootstrap may serve several engines (CI: Docker and Podman's two stores).
    const given = process.env[baseRootfsVariable(architecture)];
    const tarball = given && existsSync(given) ? given : join(dir, "rootfs.tar");
    if (tarball !== given) {
      const result = await execa("bash", [BOOTSTRAP_SCRIPT, tarball, architecture], {
        all: true,
        reject: false,
      });
      if (result.exitCode !== 0) throw new Error(result.all || result.shortMessage);
    }
    try {
      if (architecture === target.engineArchitecture)
        await importImage(tarball, ref, BOOTSTRAPPED_BASE_CHANGES);
      else
        await loadRootfsImage(tarball, ref, {
          platform: target.platform,
          cmd: ["/bin/bash"],
          labels: { "org.hermes-harness.base": "debootstrap" },
        });
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
  bootstrappedRef = BOOTSTRAPPED_BASE,
): string {
  return bootstrappedExists
    ? `base image ${baseImage} is not on this host and could not be pulled (${pullError}); building on ${bootstrappedRef} instead`
    : `base image ${baseImage} is not on this host and cannot be pulled here (${pullError}); bootstrapping a Debian 13 base once as ${bootstrappedRef} (a minute or more, several under emulation; later runs reuse it)`;
}
