// npm run lint, part: the README's Layout section names every folder of harness/ and tools/, and
// every path the README names exists (readme-layout.ts).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { layoutProblems } from "./readme-layout.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const subfolders = (dir: string): string[] =>
  readdirSync(join(repoRoot, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${dir}${entry.name}/`);
const harnessParts = subfolders("harness/");
const folders = [...harnessParts, ...harnessParts.flatMap(subfolders), ...subfolders("tools/")];
const problems = layoutProblems(readFileSync(join(repoRoot, "README.md"), "utf8"), folders, (path) =>
  existsSync(join(repoRoot, path)),
);
for (const problem of problems) console.error(problem);
if (problems.length > 0) process.exitCode = 1;
else console.log(`readme-layout: ${folders.length} folders named, every named path exists`);
