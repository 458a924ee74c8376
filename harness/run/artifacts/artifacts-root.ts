import { resolve } from "node:path";

export const DEFAULT_ARTIFACTS_DIR = "artifacts";

/**
 * Where failure diagnostics and build logs go: HERMES_HARNESS_ARTIFACTS used as given when absolute,
 * under the repository when relative, `artifacts/` when unset or blank.
 */
export function artifactsRoot(repoRoot: string, env: Record<string, string | undefined>): string {
  return resolve(repoRoot, env.HERMES_HARNESS_ARTIFACTS?.trim() || DEFAULT_ARTIFACTS_DIR);
}
