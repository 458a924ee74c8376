// npm run test:regressions   every regression image must be caught by exactly the tests it lists,
//                            and the same spec files must pass on the reference image.
// npm run repro -- NAME      build one regression image and run the specs that should catch it.
// npm run repro              list the catalogue.
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { artifactsRoot } from "../harness/artifacts/artifacts-root.js";
import { checkDaemon } from "../harness/docker/daemon-check.js";
import { HarnessSetupError } from "../harness/errors/harness-setup-error.js";
import { ensureReferenceImage } from "../harness/image/reference-image.js";
import { DEFAULT_BASE_IMAGE } from "../harness/image/target-selection.js";
import { loadCatalogue, type Regression } from "../harness/regressions/regression-catalogue.js";
import { ensureRegressionImage } from "../harness/regressions/regression-image.js";
import {
  judgeRegression,
  outcomeFromVitestJson,
  type RunOutcome,
} from "../harness/regressions/regression-verdict.js";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const catalogueRoot = join(repoRoot, "fixtures", "regressions");
const reportsDir = join(repoRoot, "reports", "regressions");
const artifactsDir = artifactsRoot(repoRoot, process.env);
const log = (line: string) => console.log(`[regressions] ${line}`);

async function runSpecs(
  image: string,
  specs: string[],
  label: string,
  showOutput: boolean,
): Promise<RunOutcome> {
  const outputFile = join(reportsDir, `${label}.json`);
  await rm(outputFile, { force: true });
  const reporters = showOutput
    ? ["--reporter=verbose", "--reporter=json"]
    : ["--reporter=dot", "--reporter=json"];
  const result = await execa(
    "npx",
    ["vitest", "run", "--project", "image", ...reporters, `--outputFile.json=${outputFile}`, ...specs],
    {
      cwd: repoRoot,
      reject: false,
      all: true,
      stdout: showOutput ? "inherit" : "pipe",
      stderr: showOutput ? "inherit" : "pipe",
      env: { HERMES_IMAGE: image, HERMES_BUILD_CONTEXT: "", CI: "" },
    },
  );
  try {
    return outcomeFromVitestJson(await readFile(outputFile, "utf8"));
  } catch {
    const tail = `${result.all ?? ""}`.trim().split("\n").slice(-15).join("\n");
    return {
      passed: [],
      failed: [],
      skipped: [],
      errors: [`vitest wrote no report (exit ${result.exitCode}): ${tail}`],
    };
  }
}

async function main(): Promise<number> {
  const [mode = "check", name] = process.argv.slice(2);
  const catalogue = await loadCatalogue(catalogueRoot);
  if (mode === "repro" && !name) {
    console.log(`${catalogue.length} regressions (npm run repro -- NAME):\n`);
    for (const r of catalogue) console.log(`  ${r.name.padEnd(30)} ${r.clause.padEnd(6)} ${r.summary}`);
    return 0;
  }
  await checkDaemon();
  await mkdir(reportsDir, { recursive: true });
  const reference = await ensureReferenceImage({
    repoRoot,
    baseImage: process.env.BASE_IMAGE?.trim() || DEFAULT_BASE_IMAGE,
    // Regression images are built FROM the G2 flavour (hermes-harness/reference:latest).
    generation: "g2",
    logDir: artifactsDir,
    log,
  });

  if (mode === "repro") {
    const regression = catalogue.find((r) => r.name === name);
    if (!regression) {
      console.error(`no regression named "${name}"; known: ${catalogue.map((r) => r.name).join(", ")}`);
      return 2;
    }
    const image = await ensureRegressionImage(regression, reference, artifactsDir, log);
    log(`${regression.name}: ${regression.summary}`);
    log(`running ${regression.specs.join(" ")} against ${image.ref}; expected to fail:`);
    for (const title of regression.failingTests) log(`  - ${title}`);
    const outcome = await runSpecs(image.ref, regression.specs, regression.name, true);
    const verdict = judgeRegression(regression.failingTests, outcome);
    log(verdict.caught ? "caught, as expected" : `NOT caught as expected: ${JSON.stringify(verdict)}`);
    return 0;
  }

  const started = Date.now();
  const allSpecs = [...new Set(catalogue.flatMap((r) => r.specs))].sort();
  log(`reference pass: ${allSpecs.join(" ")} on ${reference.ref}`);
  const referenceOutcome = await runSpecs(reference.ref, allSpecs, "reference", false);
  const referenceOk =
    referenceOutcome.failed.length === 0 &&
    referenceOutcome.errors.length === 0 &&
    referenceOutcome.passed.length > 0;
  log(
    `reference: ${referenceOutcome.passed.length} passed, ${referenceOutcome.failed.length} failed${referenceOk ? "" : ` ${JSON.stringify(referenceOutcome.failed.concat(referenceOutcome.errors))}`}`,
  );

  const rows: Array<{ regression: Regression; caught: boolean; detail: string }> = [];
  for (const regression of catalogue) {
    const image = await ensureRegressionImage(regression, reference, artifactsDir, log);
    const outcome = await runSpecs(image.ref, regression.specs, regression.name, false);
    const verdict = judgeRegression(regression.failingTests, outcome);
    const detail = verdict.caught
      ? `${outcome.failed.length} expected failure(s)`
      : [
          verdict.missed.length ? `passed but should fail: ${verdict.missed.join(" | ")}` : "",
          verdict.unexpected.length ? `failed unexpectedly: ${verdict.unexpected.join(" | ")}` : "",
          verdict.unknown.length ? `no such test: ${verdict.unknown.join(" | ")}` : "",
          outcome.errors.length ? `errors: ${outcome.errors.join(" | ")}` : "",
        ]
          .filter(Boolean)
          .join("; ");
    rows.push({ regression, caught: verdict.caught, detail });
    log(`${verdict.caught ? "caught " : "MISSED "} ${regression.name} (${regression.clause}): ${detail}`);
  }

  console.log("\nregression                     clause  verdict  detail");
  for (const row of rows) {
    console.log(
      `${row.regression.name.padEnd(30)} ${row.regression.clause.padEnd(7)} ${(row.caught ? "caught" : "MISSED").padEnd(8)} ${row.detail}`,
    );
  }
  const caught = rows.filter((r) => r.caught).length;
  log(
    `${caught} of ${rows.length} regressions caught; reference pass ${referenceOk ? "green" : "RED"}; ${Math.round((Date.now() - started) / 1000)} s`,
  );
  return caught === rows.length && referenceOk && rows.length > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof HarnessSetupError ? error.message : error);
    process.exit(1);
  },
);
