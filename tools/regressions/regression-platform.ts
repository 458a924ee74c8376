import { parsePlatform, platformName } from "../../harness/engine/platform.js";
import { HarnessSetupError } from "../../harness/harness-setup-error.js";
import { hostArchitecture } from "../../harness/run/context/deadline-scale.js";
import type { Regression } from "./regression-catalogue.js";

// Some bugs live in one platform's image only (an arm64 venv holding x86_64 wheels): an entry bound
// to a platform (regression.json's "platform") is built FROM that platform's reference and checked
// only by a run for it (HERMES_PLATFORM); every other entry by a run on the host's own platform.

/** The platform a run is for, by name; undefined for the host's own (what unbound entries need). */
export function runPlatformName(env: Record<string, string | undefined>, hostArch = hostArchitecture()) {
  const platform = parsePlatform(env.HERMES_PLATFORM);
  return platform && platform.architecture !== hostArch ? platformName(platform) : undefined;
}

export interface PlatformScope {
  here: Regression[];
  /** The others, by platform name. */
  elsewhere: { platform: string; names: string[] }[];
}

export function scopeToPlatform(
  regressions: readonly Regression[],
  platform: string | undefined,
): PlatformScope {
  const here = regressions.filter((r) => r.platform === platform);
  const others = [...new Set(regressions.map((r) => r.platform))].filter((p) => p !== platform);
  return {
    here,
    elsewhere: others.map((other) => ({
      platform: other ?? `the host's own (${hostArchitecture()})`,
      names: regressions.filter((r) => r.platform === other).map((r) => r.name),
    })),
  };
}

/** The check's one line about entries another platform's run checks. */
export function leftToPlatformLine(group: PlatformScope["elsewhere"][number]): string {
  const count = `${group.names.length} regression${group.names.length === 1 ? "" : "s"}`;
  const command = group.platform.startsWith("linux/")
    ? `HERMES_PLATFORM=${group.platform} npm run test:regressions`
    : "npm run test:regressions without HERMES_PLATFORM";
  return `left to ${group.platform}: ${count} (${group.names.join(", ")}), checked by ${command}`;
}

/**
 * The HERMES_PLATFORM `npm run repro -- NAME` sets for an entry bound to a platform when none is
 * chosen; a choice of another platform is refused (its reference could not show the bug).
 */
export function reproPlatform(
  regression: Pick<Regression, "name" | "platform">,
  chosen: string | undefined,
): string | undefined {
  const bound = regression.platform;
  if (bound === chosen) return undefined;
  if (bound !== undefined && chosen === undefined) return bound;
  throw new HarnessSetupError(
    `[regressions] ${regression.name} is for ${bound ?? "the host's own platform"}, but HERMES_PLATFORM asks for ${chosen}: ${bound ? `set HERMES_PLATFORM=${bound}` : "unset HERMES_PLATFORM"}`,
  );
}
