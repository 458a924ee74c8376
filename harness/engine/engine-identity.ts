/**
 * Which engine answers (Docker, or Podman through its compatible API), its version and whether it
 * runs rootless: a run's results hold for that engine, so the run header names it, and clauses that
 * cannot hold under a rootless engine are reported as not applicable there.
 */
export interface EngineIdentity {
  name: "Docker" | "Podman";
  version: string;
  rootless: boolean;
}

interface VersionAnswer {
  Version?: string;
  Components?: Array<{ Name?: string; Version?: string }>;
}

interface InfoAnswer {
  SecurityOptions?: string[] | null;
}

export function identifyEngine(version: VersionAnswer, info: InfoAnswer): EngineIdentity {
  const podman = version.Components?.find((component) => /podman/i.test(component.Name ?? ""));
  // Both engines list "name=rootless" among the security options when they run rootless.
  const rootless = (info.SecurityOptions ?? []).some((option) => /(^|,)name=rootless(,|$)/.test(option));
  return podman
    ? { name: "Podman", version: podman.Version ?? version.Version ?? "unknown", rootless }
    : { name: "Docker", version: version.Version ?? "unknown", rootless };
}

/** For the run header and the closing line: "Podman 4.3.1, rootless". */
export function describeEngine(engine: EngineIdentity): string {
  return `${engine.name} ${engine.version}, ${engine.rootless ? "rootless" : "rootful"}`;
}
