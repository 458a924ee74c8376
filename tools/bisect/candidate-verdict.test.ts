import { describe, expect, it } from "vitest";
import type { JsonReport } from "../../harness/lifecycle/reports/vitest-report.js";
import {
  type CandidateOutcome,
  definingTests,
  judgeCandidate,
  outcomeOfReport,
} from "./candidate-verdict.js";

const a = (title: string, status: "passed" | "failed" | "skipped") => ({
  file: "specs/a.spec.ts",
  title,
  status,
});
const outcome = (...tests: ReturnType<typeof a>[]): CandidateOutcome => ({ tests, errors: [] });

describe("outcomeOfReport", () => {
  it("reads tests by file and title; a repeated title fails if any of its runs failed", () => {
    const report: JsonReport = {
      testResults: [
        {
          name: "/pkg/specs/a.spec.ts",
          status: "failed",
          assertionResults: [
            { title: "x", fullName: "d1 x", status: "passed" },
            { title: "x", fullName: "d2 x", status: "failed" },
            { title: "y", fullName: "y", status: "pending" },
          ],
        },
        { name: "/pkg/specs/b.spec.ts", status: "failed", message: "boom", assertionResults: [] },
      ],
    };
    expect(outcomeOfReport(report, "/pkg")).toEqual({
      tests: [a("x", "failed"), a("y", "skipped")],
      errors: ["specs/b.spec.ts: boom"],
    });
  });
});

describe("definingTests", () => {
  it("keeps what fails on bad and passes on good, and names what fails on both", () => {
    const bad = outcome(a("x", "failed"), a("y", "failed"), a("z", "passed"));
    const good = outcome(a("x", "passed"), a("y", "failed"), a("z", "passed"));
    expect(definingTests(bad, good)).toEqual({
      defining: [{ file: "specs/a.spec.ts", title: "x" }],
      failOnBoth: [{ file: "specs/a.spec.ts", title: "y" }],
    });
  });
});

describe("judgeCandidate", () => {
  const defining = [{ file: "specs/a.spec.ts", title: "x" }];

  it("is bad when a defining test fails, naming it", () => {
    expect(judgeCandidate(outcome(a("x", "failed")), defining)).toEqual({
      verdict: "bad",
      failing: defining,
    });
  });

  it("is good when every defining test passed; other failures do not count", () => {
    expect(judgeCandidate(outcome(a("x", "passed"), a("w", "failed")), defining).verdict).toBe("good");
  });

  it("is skip when a defining test did not run or the run errored", () => {
    expect(judgeCandidate(outcome(a("x", "skipped")), defining).verdict).toBe("skip");
    expect(judgeCandidate({ tests: [], errors: ["setup failed"] }, defining).verdict).toBe("skip");
  });
});
