// Reads vitest's JSON report and prints the closing "N passed, M failed[, K skipped]" line.
// Exits non-zero on any failure, on a skipped image spec, when the run produced no report, or
// when the regression check (its exit status is the optional third argument) did not pass.
import { existsSync, readFileSync } from "node:fs";

interface AssertionResult {
  status: "passed" | "failed" | "skipped" | "pending" | "todo" | "disabled";
  fullName: string;
}
interface FileResult {
  name: string;
  status: string;
  message?: string;
  assertionResults: AssertionResult[];
}
interface Report {
  testResults: FileResult[];
}

const [reportPath = "reports/results.json", testStatusText = "0", regressionStatusText = "0"] =
  process.argv.slice(2);
const testStatus = Number(testStatusText);
const regressionStatus = Number(regressionStatusText);

if (!existsSync(reportPath)) {
  console.log(`no test report at ${reportPath}: the run stopped before any test (see the error above)`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const report = JSON.parse(readFileSync(reportPath, "utf8")) as Report;
let passed = 0;
let failed = 0;
let skipped = 0;
const skippedImageSpecs: string[] = [];
for (const file of report.testResults) {
  // A file that failed to load has no assertion results but still failed.
  if (file.status === "failed" && file.assertionResults.length === 0) failed += 1;
  for (const test of file.assertionResults) {
    if (test.status === "passed") passed += 1;
    else if (test.status === "failed") failed += 1;
    else {
      skipped += 1;
      if (file.name.includes("/specs/")) skippedImageSpecs.push(test.fullName);
    }
  }
}

if (skippedImageSpecs.length > 0) {
  console.log(`skipped image specs (not allowed in CI):\n  ${skippedImageSpecs.join("\n  ")}`);
}
if (passed + failed === 0) console.log("the report lists no test: nothing ran");
const ok =
  failed === 0 && skippedImageSpecs.length === 0 && passed > 0 && testStatus === 0 && regressionStatus === 0;
if (testStatus !== 0 && failed === 0) {
  console.log(`vitest exited ${testStatus} although no test failed (an error outside tests, see above)`);
  failed += 1;
}
// The regression check is one more check: a regression that slipped through fails the run.
if (regressionStatus !== 0) {
  console.log(`the regression check exited ${regressionStatus}: see its table above`);
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
process.exit(ok ? 0 : 1);
