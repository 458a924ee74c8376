import { join } from "node:path";
import { repoRoot as packageRoot } from "../../harness/lifecycle/setup/run-setup.js";
import { vitestEntry } from "../../harness/lifecycle/setup/vitest-entry.js";

/**
 * node's argv for one run of the package's image specs, as the CLI and each bisect step make it: the
 * package's own vitest and config, the console reporter, and the JSON results at `resultsFile`.
 */
export const imageRunArgs = (resultsFile: string): string[] => [
  vitestEntry(),
  "run",
  "--root",
  packageRoot,
  "--config",
  join(packageRoot, "vitest.config.ts"),
  "--project",
  "image",
  "--reporter",
  "default",
  "--reporter",
  "json",
  `--outputFile.json=${resultsFile}`,
];
