// The package as a user gets it: `npm pack`, installed into an empty folder, run there with npx on
// the reference image (a clause subset) and on every wrapper image in fixtures/derived/, whose
// findings must be exactly the documented ones; then nothing of the harness's may be left running.
//   tsx tools/cli/check-package.ts        (after the reference image is built, as in .ci/run)
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { LABEL_MANAGED } from "../../harness/engine/labels.js";
import { loadJsonReport } from "../../harness/lifecycle/reports/vitest-report.js";
import { repoRoot } from "../../harness/lifecycle/setup/run-setup.js";
import { differencesFromExpected, loadExpectedReport } from "./expected-report.js";

const log = (line: string) => console.log(`[check-package] ${line}`);
const problems: string[] = [];
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const work = mkdtempSync(join(tmpdir(), "hermes-harness-package-"));
const user = join(work, "user");

try {
  let started = Date.now();
  const packed = await execa("npm", ["pack", "--json", "--pack-destination", work], { cwd: repoRoot });
  const [info] = JSON.parse(packed.stdout) as {
    filename: string;
    size: number;
    unpackedSize: number;
    entryCount: number;
  }[];
  if (!info) throw new Error("npm pack reported no tarball");
  log(
    `packed ${info.filename}: ${(info.size / 1024).toFixed(0)} kB, ${info.entryCount} files, in ${seconds(started)}`,
  );

  started = Date.now();
  await execa("mkdir", ["-p", user]);
  // --prefer-offline: the dependencies npm ci just fetched are in npm's cache; asking the registry
  // about each again took a third of the install (31 s to 22 s here) and tests nothing of the package.
  await execa("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", join(work, info.filename)], {
    cwd: user,
  });
  log(`installed into an empty folder in ${seconds(started)}`);

  const cli = (args: string[]) =>
    execa("npx", ["--no-install", "hermes-image-harness", ...args], { cwd: user, reject: false, all: true });
  const help = await cli(["--help"]);
  if (help.exitCode !== 0 || !help.all?.includes("Usage: hermes-image-harness"))
    problems.push(`--help exited ${help.exitCode}`);

  started = Date.now();
  const subset = await cli(["--clause", "C1,C3.7,C4.6", "--junit", "junit.xml"]);
  console.log(subset.all);
  const junit = join(user, "junit.xml");
  const cases = existsSync(junit) ? (readFileSync(junit, "utf8").match(/<testcase /g) ?? []).length : 0;
  log(
    `reference, clauses C1,C3.7,C4.6: exit ${subset.exitCode}, ${cases} JUnit test cases, in ${seconds(started)}`,
  );
  if (subset.exitCode !== 0) problems.push(`the reference run exited ${subset.exitCode}, not 0`);
  if (cases === 0) problems.push("the reference run wrote no JUnit test case");

  for (const name of readdirSync(join(repoRoot, "fixtures/derived"))) {
    const dir = join(repoRoot, "fixtures/derived", name);
    if (!existsSync(join(dir, "expected-report.json"))) continue;
    started = Date.now();
    const artifacts = `derived-${name}`;
    const run = await cli(["--build", dir, "--artifacts", artifacts]);
    console.log(run.all);
    const results = join(user, artifacts, "results.json");
    const found = existsSync(results)
      ? differencesFromExpected(
          loadJsonReport(results),
          loadExpectedReport(join(dir, "expected-report.json")),
          run.exitCode ?? -1,
        )
      : [`no results.json (exit ${run.exitCode})`];
    log(
      `derived ${name}: exit ${run.exitCode}, ${found.length === 0 ? "exactly the documented findings" : "NOT as documented"}, in ${seconds(started)}`,
    );
    problems.push(...found.map((p) => `derived ${name}: ${p}`));
  }

  const left = await execa("docker", ["ps", "-aq", "--filter", `label=${LABEL_MANAGED}=true`]);
  const volumes = await execa("docker", ["volume", "ls", "-q", "--filter", `label=${LABEL_MANAGED}=true`]);
  const count = (text: string) => text.split("\n").filter(Boolean).length;
  if (count(left.stdout) + count(volumes.stdout) > 0)
    problems.push(`left behind: ${count(left.stdout)} container(s), ${count(volumes.stdout)} volume(s)`);
} catch (error) {
  problems.push(String((error as Error).message ?? error));
} finally {
  rmSync(work, { recursive: true, force: true });
}
for (const problem of problems) log(`FAIL ${problem}`);
log(problems.length === 0 ? "the packed CLI works as documented" : `${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
