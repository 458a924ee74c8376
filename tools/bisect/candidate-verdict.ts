import { relative } from "node:path";
import { failedToLoad, type JsonReport } from "../../harness/lifecycle/reports/vitest-report.js";
import type { Verdict } from "./bisect-search.js";
import type { TestRef } from "./test-selection.js";

export interface TestOutcome extends TestRef {
  status: "passed" | "failed" | "skipped";
}

/** One candidate's run: each test's outcome, and what went wrong outside tests. */
export interface CandidateOutcome {
  tests: TestOutcome[];
  errors: string[];
}

const key = (t: TestRef) => `${t.file}\n${t.title}`;

/** A vitest JSON report; a title repeated by `describe.each` counts as failed if any of its runs failed. */
export function outcomeOfReport(report: JsonReport, root: string): CandidateOutcome {
  const byKey = new Map<string, TestOutcome>();
  const errors: string[] = [];
  for (const file of report.testResults) {
    const name = relative(root, file.name);
    if (failedToLoad(file)) errors.push(`${name}: ${file.message ?? "failed to run"}`);
    for (const test of file.assertionResults) {
      const status = test.status === "passed" ? "passed" : test.status === "failed" ? "failed" : "skipped";
      const ref = { file: name, title: test.title };
      const seen = byKey.get(key(ref));
      if (!seen || status === "failed" || (status === "skipped" && seen.status === "passed"))
        byKey.set(key(ref), { ...ref, status });
    }
  }
  return { tests: [...byKey.values()], errors };
}

const withStatus = (outcome: CandidateOutcome, status: TestOutcome["status"]) =>
  outcome.tests.filter((t) => t.status === status).map(({ file, title }) => ({ file, title }));

/**
 * What "bad" means by default: the tests that fail on the bad end and pass on the good one. Those
 * failing on both are not what changed between them.
 */
export function definingTests(
  bad: CandidateOutcome,
  good: CandidateOutcome,
): { defining: TestRef[]; failOnBoth: TestRef[] } {
  const passedOnGood = new Set(withStatus(good, "passed").map(key));
  const failedOnGood = new Set(withStatus(good, "failed").map(key));
  const failing = withStatus(bad, "failed");
  return {
    defining: failing.filter((t) => passedOnGood.has(key(t))),
    failOnBoth: failing.filter((t) => failedOnGood.has(key(t))),
  };
}

/**
 * Bad when any defining test fails; good when every one passed; otherwise (the run errored, or a
 * test did not run) the candidate cannot be judged.
 */
export function judgeCandidate(
  outcome: CandidateOutcome,
  defining: readonly TestRef[],
): { verdict: Verdict; failing: TestRef[] } {
  const wanted = new Set(defining.map(key));
  const failing = withStatus(outcome, "failed").filter((t) => wanted.has(key(t)));
  if (failing.length > 0) return { verdict: "bad", failing };
  const passed = new Set(withStatus(outcome, "passed").map(key));
  const allPassed = outcome.errors.length === 0 && defining.every((t) => passed.has(key(t)));
  return { verdict: allPassed ? "good" : "skip", failing: [] };
}
