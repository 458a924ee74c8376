import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { repoRoot } from "./run-setup.js";

/**
 * vitest's own entry script, from this package's dependencies (not whatever vitest the caller has).
 * Run with `process.execPath`: going through npx costs most of a second of CPU per run.
 */
export function vitestEntry(): string {
  const require = createRequire(join(repoRoot, "package.json"));
  return join(dirname(require.resolve("vitest/package.json")), "vitest.mjs");
}
