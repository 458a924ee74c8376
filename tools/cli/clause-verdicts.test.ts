import { describe, expect, it } from "vitest";
import type { JsonAssertion, JsonReport } from "../../harness/lifecycle/reports/vitest-report.js";
import { clauseVerdicts, verdictTable } from "./clause-verdicts.js";

const test = (
  title: string,
  status: JsonAssertion["status"],
  meta?: Record<string, unknown>,
): JsonAssertion => ({
  title,
  fullName: `d ${title}`,
  status,
  meta,
});
const report = (...tests: JsonAssertion[]): JsonReport => ({
  testResults: [{ name: "/p/specs/a.spec.ts", status: "failed", assertionResults: tests }],
});

describe("clauseVerdicts", () => {
  it("gives each clause the worst of its tests' results", () => {
    const verdicts = clauseVerdicts(
      report(
        test("C4.3: unknown files stay", "failed"),
        test("C4.3/C4.5: symlinks stay", "passed"),
        test("C4.2: group follows", "passed", { deviation: { outcome: "expected-failure" } }),
        test("C4.10: state file", "skipped", { notApplicable: "G2 only" }),
        test("C1.1: uid", "skipped"),
        test("C5.1: off", "failed", { deviation: { outcome: "unexpected-pass" } }),
      ),
    );
    expect(verdicts).toEqual([
      { clause: "C4.2", verdict: "expected deviation", tests: ["C4.2: group follows"] },
      { clause: "C4.3", verdict: "broken", tests: ["C4.3: unknown files stay"] },
      { clause: "C4.5", verdict: "kept", tests: ["C4.3/C4.5: symlinks stay"] },
      { clause: "C4.10", verdict: "not applicable", tests: ["C4.10: state file"] },
      { clause: "C5.1", verdict: "deviation did not occur", tests: ["C5.1: off"] },
    ]);
  });

  it("writes a Markdown table; a kept clause shows its test count, others their tests", () => {
    expect(
      verdictTable([
        { clause: "C4.3", verdict: "broken", tests: ["C4.3: a | b", "C4.3: c"] },
        { clause: "C4.5", verdict: "kept", tests: ["x", "y"] },
      ]),
    ).toBe(
      "| clause | verdict | tests |\n| --- | --- | --- |\n| C4.3 | broken | C4.3: a \\| b<br>C4.3: c |\n| C4.5 | kept | 2 test(s) |",
    );
  });
});
