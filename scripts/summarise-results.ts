// Reads vitest's JSON reports (one per reference flavour) and prints the closing
// "N passed, M failed[, K skipped]" line, after the expected failures and not-applicable skips.
// Exits non-zero on any failure, on a silent skip of an image spec, on a missing or empty report,
// or when a command whose exit status is given did not pass.
//   tsx scripts/summarise-results.ts --status "npm test=0" --status "regressions=0" G2=reports/results.json G1=reports/results-g1.json
import { existsSync, readFileSync } from "node:fs";
import {
  formatSummary,
  type JsonReport,
  summariseReports,
  summaryIsGreen,
} from "../harness/run/run-summary.js";

const statuses: { name: string; code: number }[] = [];
const reports: { label: string; report: JsonReport }[] = [];
let missing = 0;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i] ?? "";
  if (arg === "--status") {
    const [name = "?", code = "1"] = (args[++i] ?? "").split("=");
    statuses.push({ name, code: Number(code) });
    continue;
  }
  const [label = arg, path = arg] = arg.includes("=") ? arg.split("=") : [arg, arg];
  if (!existsSync(path)) {
    console.log(`no ${label} report at ${path}: that run stopped before any test (see the error above)`);
    missing += 1;
    continue;
  }
  reports.push({ label, report: JSON.parse(readFileSync(path, "utf8")) as JsonReport });
}

const summary = summariseReports(reports);
summary.failed += missing;
for (const { name, code } of statuses) {
  if (code === 0) continue;
  // An error outside tests (or a regression that slipped through) is one more failure.
  console.log(`${name} exited ${code}: see its output above`);
  summary.failed += 1;
}
for (const line of formatSummary(summary)) console.log(line);
process.exit(summaryIsGreen(summary) ? 0 : 1);
