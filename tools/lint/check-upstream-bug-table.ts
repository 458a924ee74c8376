// npm run lint, part: the README's "Upstream bugs this suite would catch again" table is the one the
// catalogue generates, so it cannot drift; `npm run readme:upstream-bugs` (--write) rewrites it.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCatalogue } from "../regressions/regression-catalogue.js";
import { upstreamBugTable, withUpstreamBugTable } from "../regressions/upstream-bug-table.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const readmeFile = join(repoRoot, "README.md");
const { regressions, problems } = await loadCatalogue(join(repoRoot, "fixtures", "regressions"));
for (const problem of problems) console.error(`upstream-bug-table: ${problem.message}`);
const readme = readFileSync(readmeFile, "utf8");
const wanted = withUpstreamBugTable(readme, upstreamBugTable(regressions));
const rows = regressions.filter((r) => r.upstream).length;
if (typeof wanted !== "string") {
  console.error(`upstream-bug-table: ${wanted.problem}`);
  process.exitCode = 1;
} else if (process.argv.includes("--write")) {
  writeFileSync(readmeFile, wanted);
  console.log(`upstream-bug-table: README.md's table rewritten, ${rows} entries`);
} else if (wanted !== readme) {
  console.error(
    "upstream-bug-table: README.md's table differs from the catalogue's; run npm run readme:upstream-bugs",
  );
  process.exitCode = 1;
} else {
  console.log(`upstream-bug-table: README.md's table matches the catalogue, ${rows} entries`);
}
if (problems.length > 0) process.exitCode = 1;
