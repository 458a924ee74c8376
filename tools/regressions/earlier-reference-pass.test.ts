import { describe, expect, it } from "vitest";
import type { JsonReport } from "../../harness/lifecycle/reports/vitest-report.js";
import { referenceOutcomeFrom, testedImage } from "./earlier-reference-pass.js";

const header =
  "── hermes-image-harness ──\nrun id          r1\ntarget image    hermes-harness/reference:abc (built here)\n";
const test = (title: string, status: "passed" | "failed") => ({ title, fullName: title, status });
const report: JsonReport = {
  testResults: [
    { name: "/repo/specs/a.spec.ts", status: "passed", assertionResults: [test("A1", "passed")] },
    { name: "/repo/specs/b.spec.ts", status: "failed", assertionResults: [test("B1", "failed")] },
    { name: "/repo/specs/c.spec.ts", status: "passed", assertionResults: [test("C1", "passed")] },
  ],
};

describe("testedImage", () => {
  it("reads the target image line of a run header", () => {
    expect(testedImage(header)).toBe("hermes-harness/reference:abc");
    expect(testedImage("no header here")).toBeUndefined();
  });
});

describe("referenceOutcomeFrom", () => {
  it("keeps only the listed spec files' results", () => {
    expect(
      referenceOutcomeFrom(report, header, "hermes-harness/reference:abc", [
        "specs/a.spec.ts",
        "specs/b.spec.ts",
      ]),
    ).toEqual({
      passed: ["A1"],
      failed: ["B1"],
      skipped: [],
      errors: [],
    });
  });

  it("says why it cannot serve: another image, or a listed file missing", () => {
    expect(referenceOutcomeFrom(report, header, "hermes-harness/reference:other", ["specs/a.spec.ts"])).toBe(
      "it tested hermes-harness/reference:abc, not hermes-harness/reference:other",
    );
    expect(
      referenceOutcomeFrom(report, header, "hermes-harness/reference:abc", [
        "specs/a.spec.ts",
        "specs/z.spec.ts",
      ]),
    ).toBe("it has no results for specs/z.spec.ts");
  });
});
