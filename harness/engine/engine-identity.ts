import type { IdMapping } from "./id-mapping.js";
import { normaliseArchitecture } from "./platform.js";

/**
 * Which engine answers (Docker, or Podman through its compatible API), its version and whether it
 * runs rootless: a run's results hold for that engine, so the run header names it, and clauses that
 * cannot hold under a rootless engine are reported as not applicable there.
 */
export interface EngineIdentity {
  name: "Docker" | "Podman";
  version: string;
  rootless: boolean;
  /**
   * False where the engine cannot apply memory or CPU limits: rootless on cgroup v1, which delegates
   * no controllers to an unprivileged user.
   */
  appliesResourceLimits: boolean;
  /** Rootless and local: how host IDs show inside (id-mapping.ts). */
  idMapping?: IdMapping;
  /** The engine's own architecture (OCI name): an image built for another runs emulated, if at all. */
  architecture: string;
}

interface VersionAnswer {
  Version?: string;
  Arch?: string;
  Components?: Array<{ Name?: string; Version?: string }>;
}

interface InfoAnswer {
  CgroupVersion?: string;
  SecurityOptions?: string[] | null;
  /** Podman's own field; its compatible API lists no "name=rootless" option. */
  Rootless?: boolean;
  /** `uname -m`'s name (x86_64), where /version gave no Arch. */
  Architecture?: string;
}

export function identifyEngine(version: VersionAnswer, info: InfoAnswer): EngineIdentity {
  const podman = version.Components?.find((component) => /podman/i.test(component.Name ?? ""));
  // Docker lists "name=rootless" among its security options; Podman says Rootless.
  const rootless =
    info.Rootless === true ||
    (info.SecurityOptions ?? []).some((option) => /(^|,)name=rootless(,|$)/.test(option));
  const appliesResourceLimits = !(rootless && info.CgroupVersion === "1");
  const architecture = normaliseArchitecture(version.Arch ?? info.Architecture ?? "unknown");
  return podman
    ? {
        name: "Podman",
        version: podman.Version ?? version.Version ?? "unknown",
        rootless,
        appliesResourceLimits,
        architecture,
      }
    : {
        name: "Docker",
        version: version.Version ?? "unknown",
        rootless,
        appliesResourceLimits,
        architecture,
      };
}

/** For the run header and the closing line: "Podman 4.3.1, rootless". */
export function describeEngine(engine: EngineIdentity): string {
  return `${engine.name} ${engine.version}, ${engine.rootless ? "rootless" : "rootful"}`;
}
