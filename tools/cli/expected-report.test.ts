import { describe, expect, it } from "vitest";
import type { JsonAssertion, JsonReport } from "../../harness/lifecycle/reports/vitest-report.js";
import { differencesFromExpected, type ExpectedReport } from "./expected-report.js";

const test = (title: string, status: JsonAssertion["status"]): JsonAssertion => ({
  title,
  fullName: title,
  status,
});
const report = (...tests: JsonAssertion[]): JsonReport => ({
  testResults: [{ name: "/p/specs/a.spec.ts", status: "failed", assertionResults: tests }],
});
const expected: ExpectedReport = {
  image: "w",
  exitCode: 1,
  broken: [{ clause: "C4.3", test: "C4.3: x", why: "chown -R" }],
  kept: "the rest",
};

describe("differencesFromExpected", () => {
  it("is empty when exactly the documented tests fail and the exit code is the documented one", () => {
    expect(
      differencesFromExpected(report(test("C4.3: x", "failed"), test("C1.1: y", "passed")), expected, 1),
    ).toEqual([]);
  });

  it("names a documented finding that did not fail, an undocumented failure and a wrong exit code", () => {
    expect(
      differencesFromExpected(report(test("C4.3: x", "passed"), test("C1.1: y", "failed")), expected, 2),
    ).toEqual([
      'documented as broken, but did not fail: "C4.3: x"',
      'failed, but not documented: "C1.1: y"',
      "exit code 2, documented 1",
    ]);
  });

  it("does not pass a run in which nothing passed (say, every test skipped)", () => {
    expect(
      differencesFromExpected(report(test("C4.3: x", "failed"), test("C1.1: y", "skipped")), expected, 1),
    ).toEqual(["no test passed: the run did not get going"]);
  });
});
