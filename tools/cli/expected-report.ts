import { readFileSync } from "node:fs";
import type { JsonReport } from "../../harness/lifecycle/reports/vitest-report.js";

/** What a wrapper image in fixtures/derived/ is documented to break (its expected-report.json). */
export interface ExpectedReport {
  image: string;
  /** The CLI's exit code: 1 when anything is broken. */
  exitCode: number;
  broken: { clause: string; test: string; why: string }[];
  kept: string;
}

export const loadExpectedReport = (file: string) => JSON.parse(readFileSync(file, "utf8")) as ExpectedReport;

/**
 * How a run differs from the documented findings: exactly the listed tests fail, every other test
 * that ran passes (or is an expected deviation), and at least one test ran. Empty when it matches.
 */
export function differencesFromExpected(
  report: JsonReport,
  expected: ExpectedReport,
  exitCode: number,
): string[] {
  const ran = report.testResults.flatMap((f) => f.assertionResults);
  const failed = new Set(ran.filter((t) => t.status === "failed").map((t) => t.title));
  const listed = new Set(expected.broken.map((b) => b.test));
  const problems = [
    ...[...listed].filter((t) => !failed.has(t)).map((t) => `documented as broken, but did not fail: "${t}"`),
    ...[...failed].filter((t) => !listed.has(t)).map((t) => `failed, but not documented: "${t}"`),
    ...report.testResults
      .filter((f) => f.status === "failed" && f.assertionResults.length === 0)
      .map((f) => `failed to load: ${f.name}`),
  ];
  if (!ran.some((t) => t.status === "passed")) problems.push("no test passed: the run did not get going");
  if (exitCode !== expected.exitCode) problems.push(`exit code ${exitCode}, documented ${expected.exitCode}`);
  return problems;
}
