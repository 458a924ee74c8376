import { HarnessSetupError } from "../harness-setup-error.js";

/**
 * A platform in the engine's own terms (`linux/arm64`): which build of a multi-arch tag to test, or
 * which architecture to build the reference for. Upstream publishes linux/amd64 and linux/arm64.
 */
export interface Platform {
  os: string;
  /** In OCI terms, as an image's config and the engine's /version say it: amd64, arm64. */
  architecture: string;
  variant?: string;
}

/** The names people type for an architecture, to the OCI name (`uname -m` says x86_64 and aarch64). */
const ARCHITECTURE_ALIASES: Record<string, string> = {
  x86_64: "amd64",
  x86: "386",
  i386: "386",
  aarch64: "arm64",
  armhf: "arm",
  armv7l: "arm",
};
const KNOWN_ARCHITECTURES = new Set(["amd64", "arm64", "arm", "386", "ppc64le", "s390x", "riscv64"]);

export function normaliseArchitecture(name: string): string {
  const lower = name.trim().toLowerCase();
  return ARCHITECTURE_ALIASES[lower] ?? lower;
}

/**
 * HERMES_PLATFORM or --platform: `linux/arm64`, `linux/arm64/v8`, or the architecture alone
 * (`arm64`, `aarch64`). Unset or blank: undefined, the engine's own platform.
 */
export function parsePlatform(text: string | undefined): Platform | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  const parts = value.split("/");
  const [os, architecture, variant] = parts.length === 1 ? ["linux", parts[0], undefined] : parts;
  const arch = normaliseArchitecture(architecture ?? "");
  if (parts.length > 3 || os !== "linux" || !KNOWN_ARCHITECTURES.has(arch)) {
    throw new HarnessSetupError(
      `HERMES_PLATFORM=${value} is not a platform the harness knows: give linux/ARCH (ARCH one of ${[...KNOWN_ARCHITECTURES].join(", ")}), e.g. linux/arm64`,
    );
  }
  return variant ? { os, architecture: arch, variant } : { os, architecture: arch };
}

/** `linux/arm64` (with `/v8` when a variant is known): the engine API's `platform` parameter. */
export function platformName(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join("/");
}

/** Whether an image declaring `image` (its config's platform) is a build for `wanted`. */
export function imageMatchesPlatform(image: Platform, wanted: Platform): boolean {
  if (image.os !== wanted.os || image.architecture !== wanted.architecture) return false;
  // A variant counts only when both say one (arm64 images often declare none).
  return wanted.variant === undefined || image.variant === undefined || image.variant === wanted.variant;
}
