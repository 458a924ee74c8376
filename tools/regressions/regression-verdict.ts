import { failedToLoad, type JsonReport } from "../../harness/lifecycle/reports/vitest-report.js";

/** Test outcomes of one vitest run, by exact test title. */
export interface RunOutcome {
  passed: string[];
  failed: string[];
  skipped: string[];
  /** Files that failed to load or errors outside tests. */
  errors: string[];
}

export interface Verdict {
  caught: boolean;
  /** Expected to fail but passed (or did not run): the regression slipped through here. */
  missed: string[];
  /** Failed although not expected: the catalogue or a spec is off. */
  unexpected: string[];
  /** Listed in the catalogue but no such test ran at all (a renamed test). */
  unknown: string[];
}

/**
 * Caught means: every listed test (every test with a listed title) failed, no other test failed,
 * and nothing errored outside tests.
 */
export function judgeRegression(expectedFailing: readonly string[], outcome: RunOutcome): Verdict {
  // A title can stand for several tests (`describe.each` repeats `it` titles): every one of them
  // must fail, so one that passed or was skipped under that title is a miss.
  const notFailed = new Set([...outcome.passed, ...outcome.skipped]);
  const ran = new Set([...outcome.passed, ...outcome.failed, ...outcome.skipped]);
  const expected = new Set(expectedFailing);
  const unknown = expectedFailing.filter((title) => !ran.has(title));
  const missed = expectedFailing.filter((title) => notFailed.has(title));
  const unexpected = outcome.failed.filter((title) => !expected.has(title));
  const caught =
    expectedFailing.length > 0 &&
    missed.length === 0 &&
    unknown.length === 0 &&
    unexpected.length === 0 &&
    outcome.errors.length === 0;
  return { caught, missed, unexpected, unknown };
}

/** A vitest JSON report (read/vitest-report.ts) as outcomes by bare test title. */
export function outcomeOf(report: JsonReport): RunOutcome {
  const outcome: RunOutcome = { passed: [], failed: [], skipped: [], errors: [] };
  for (const file of report.testResults) {
    if (failedToLoad(file)) outcome.errors.push(`${file.name}: ${file.message ?? "failed to run"}`);
    for (const test of file.assertionResults) {
      if (test.status === "passed") outcome.passed.push(test.title);
      else if (test.status === "failed") outcome.failed.push(test.title);
      else outcome.skipped.push(test.title);
    }
  }
  return outcome;
}
