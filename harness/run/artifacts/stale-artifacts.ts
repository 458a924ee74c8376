import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { OWNER_MARK } from "./artifacts-owner.js";

/**
 * Entries of an artifacts folder that a new run removes at its start: every earlier run's failure
 * diagnostics (one folder per spec file), profile parts and report, so what is there afterwards is
 * this run's. Kept: the owner mark (artifacts-owner.ts), image build logs (written only when an image is rebuilt, they describe the image
 * in use) and `regressions/` (the regression tool's per-run folders, each cleared by its own run).
 */
export function staleArtifactEntries(entries: ReadonlyArray<{ name: string; isDirectory: boolean }>): string[] {
  return entries
    .filter((entry) => entry.name !== OWNER_MARK)
    .filter((entry) => !(entry.isDirectory ? entry.name === "regressions" : entry.name.endsWith("-build.log")))
    .map((entry) => entry.name)
    .sort();
}

/** Removes what staleArtifactEntries names; returns those names. */
export async function clearStaleArtifacts(artifactsDir: string): Promise<string[]> {
  const entries = await readdir(artifactsDir, { withFileTypes: true }).catch(() => []);
  const stale = staleArtifactEntries(entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory() })));
  await Promise.all(stale.map((name) => rm(join(artifactsDir, name), { recursive: true, force: true })));
  return stale;
}
