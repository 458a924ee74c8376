import type { TaskMeta } from "vitest";
import "../../harness/run/deviations/task-meta.js";
import type { JsonReport } from "../../harness/lifecycle/reports/vitest-report.js";
import { byClauseNumber, clausesOfTitle } from "./clause-tests.js";

/** What a run says of one clause, worst first. */
export const VERDICTS = [
  "broken",
  "deviation did not occur",
  "expected deviation",
  "kept",
  "not applicable",
] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface ClauseVerdict {
  clause: string;
  verdict: Verdict;
  /** Titles of the tests that gave the verdict (the failing ones when broken). */
  tests: string[];
}

function verdictOf(status: string, meta: Partial<TaskMeta> | undefined): Verdict | undefined {
  if (meta?.deviation?.outcome === "unexpected-pass") return "deviation did not occur";
  if (status === "failed") return "broken";
  if (status === "passed")
    return meta?.deviation?.outcome === "expected-failure" ? "expected deviation" : "kept";
  // Other skips are tests the clause filter left out.
  return meta?.notApplicable ? "not applicable" : undefined;
}

/** One verdict per clause that a test ran for: the worst of its tests'. */
export function clauseVerdicts(report: JsonReport): ClauseVerdict[] {
  const byClause = new Map<string, { verdict: Verdict; title: string }[]>();
  for (const test of report.testResults.flatMap((f) => f.assertionResults)) {
    const verdict = verdictOf(test.status, test.meta as Partial<TaskMeta> | undefined);
    if (!verdict) continue;
    for (const clause of clausesOfTitle(test.title))
      byClause.set(clause, [...(byClause.get(clause) ?? []), { verdict, title: test.title }]);
  }
  return [...byClause.keys()].sort(byClauseNumber).map((clause) => {
    const results = byClause.get(clause) ?? [];
    const worst = VERDICTS.find((v) => results.some((r) => r.verdict === v)) ?? "kept";
    return { clause, verdict: worst, tests: results.filter((r) => r.verdict === worst).map((r) => r.title) };
  });
}

export function verdictTable(verdicts: readonly ClauseVerdict[]): string {
  const rows = verdicts.map((v) => {
    const tests =
      v.verdict === "kept"
        ? `${v.tests.length} test(s)`
        : v.tests.map((t) => t.replace(/\|/g, "\\|")).join("<br>");
    return `| ${v.clause} | ${v.verdict} | ${tests} |`;
  });
  return ["| clause | verdict | tests |", "| --- | --- | --- |", ...rows].join("\n");
}
