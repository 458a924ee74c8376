import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot as packageRoot } from "../../harness/lifecycle/setup/run-setup.js";
import { type ClauseTest, clauseTests } from "./clause-tests.js";

/** The clause-naming tests of the package's own spec files (what --clause and --list choose from). */
export function packageClauseTests(): ClauseTest[] {
  const specsDir = join(packageRoot, "specs");
  return clauseTests(
    readdirSync(specsDir)
      .filter((name) => name.endsWith(".spec.ts"))
      .map((name) => ({ file: `specs/${name}`, source: readFileSync(join(specsDir, name), "utf8") })),
  );
}
