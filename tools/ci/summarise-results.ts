// Reads vitest's JSON reports (one per reference flavour) and prints the closing
// "N passed, M failed[, K skipped]" line, after the expected failures and not-applicable skips.
// Exits non-zero on any failure, on a silent skip of an image spec, on a missing or empty report,
// or when a command whose exit status is given did not pass:
//   --status NAME=CODE  a test run's exit code: non-zero counts as one failure only when no test
//                       failed (an error outside tests)
//   --check NAME=CODE   a check of its own (the regression check): non-zero is always a failure
//   tsx tools/ci/summarise-results.ts --status "npm test=0" --check "regressions=0" \
//     G2=reports/results.json G1=reports/results-g1.json
import { existsSync } from "node:fs";
import { type JsonReport, loadJsonReport } from "../../harness/lifecycle/reports/vitest-report.js";
import {
  formatSummary,
  summariseReports,
  summaryIsGreen,
} from "../../harness/lifecycle/setup/run-summary.js";

const statuses: { name: string; code: number; always: boolean }[] = [];
const reports: { label: string; report: JsonReport }[] = [];
let missing = 0;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i] ?? "";
  if (arg === "--status" || arg === "--check") {
    const [name = "?", code = "1"] = (args[++i] ?? "").split("=");
    statuses.push({ name, code: Number(code), always: arg === "--check" });
    continue;
  }
  const [label = arg, path = arg] = arg.includes("=") ? arg.split("=") : [arg, arg];
  if (!existsSync(path)) {
    console.log(`no ${label} report at ${path}: that run stopped before any test (see the error above)`);
    missing += 1;
    continue;
  }
  reports.push({ label, report: loadJsonReport(path) });
}

const summary = summariseReports(reports);
summary.failed += missing;
const testsFailed = summary.failed > 0;
for (const { name, code, always } of statuses) {
  if (code === 0) continue;
  console.log(`${name} exited ${code}: see its output above`);
  // A failed test already counts; an error outside tests, or a failed check, is one more failure.
  if (always || !testsFailed) summary.failed += 1;
}
for (const line of formatSummary(summary)) console.log(line);
process.exit(summaryIsGreen(summary) ? 0 : 1);
