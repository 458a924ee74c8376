import { describe, expect, it } from "vitest";
import type { JsonAssertion } from "../reports/vitest-report.js";
import { formatSummary, summariseReports, summaryIsGreen } from "./run-summary.js";

const spec = (...tests: JsonAssertion[]) => ({
  testResults: [{ name: "/repo/specs/a.spec.ts", status: "passed", assertionResults: tests }],
});
const test = (fullName: string, status: JsonAssertion["status"], meta?: JsonAssertion["meta"]) => ({
  title: fullName,
  fullName,
  status,
  meta,
});

describe("summariseReports", () => {
  it("adds up both flavours and keeps expected failures out of the passed count", () => {
    const g2 = spec(
      test("a", "passed"),
      test("dev", "passed", { deviation: { outcome: "expected-failure", reason: "r", evidence: "e" } }),
    );
    const g1 = spec(test("a", "passed"), test("b", "failed"));
    const summary = summariseReports([
      { label: "G2", report: g2 },
      { label: "G1", report: g1 },
    ]);
    expect(summary).toMatchObject({ passed: 2, failed: 1, expectedFailures: ["[G2] dev"] });
    expect(formatSummary(summary).at(-1)).toBe("2 passed, 1 failed");
    expect(summaryIsGreen(summary)).toBe(false);
  });

  it("lists a declared deviation that passed (vitest fails it) and counts it as a failure", () => {
    const report = spec(
      test("dev", "failed", { deviation: { outcome: "unexpected-pass", reason: "r", evidence: "e" } }),
    );
    const summary = summariseReports([{ label: "G1", report }]);
    expect(summary.unexpectedPasses).toEqual(["[G1] dev"]);
    expect(summary.failed).toBe(1);
  });

  it("allows a not-applicable skip but not a silent one", () => {
    const na = summariseReports([
      {
        label: "G1",
        report: spec(test("a", "passed"), test("g2 only", "skipped", { notApplicable: "C1.7 is G2" })),
      },
    ]);
    expect(summaryIsGreen(na)).toBe(true);
    expect(formatSummary(na).at(-1)).toBe("1 passed, 0 failed, 1 skipped");
    const silent = summariseReports([
      { label: "G1", report: spec(test("a", "passed"), test("b", "skipped")) },
    ]);
    expect(silent.silentSkips).toEqual(["[G1] b"]);
    expect(summaryIsGreen(silent)).toBe(false);
  });

  it("is red when a report ran nothing, and when a file failed to load", () => {
    const empty = summariseReports([
      { label: "G2", report: spec(test("a", "passed")) },
      { label: "G1", report: { testResults: [] } },
    ]);
    expect(empty.empty).toEqual(["G1"]);
    expect(summaryIsGreen(empty)).toBe(false);
    const broken = summariseReports([
      {
        label: "G2",
        report: { testResults: [{ name: "/repo/specs/x.spec.ts", status: "failed", assertionResults: [] }] },
      },
    ]);
    expect(broken.failed).toBe(1);
  });
});
