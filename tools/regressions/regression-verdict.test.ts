import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type JsonReport, loadJsonReport } from "../../harness/lifecycle/reports/vitest-report.js";
import { judgeRegression, outcomeOf } from "./regression-verdict.js";

const outcome = (passed: string[], failed: string[], errors: string[] = []) => ({
  passed,
  failed,
  skipped: [],
  errors,
});

describe("judgeRegression", () => {
  it("is caught when exactly the listed tests fail", () => {
    expect(judgeRegression(["C8.3: a"], outcome(["C8.1: b"], ["C8.3: a"])).caught).toBe(true);
  });

  it("is missed when a listed test passes", () => {
    const verdict = judgeRegression(["C8.3: a", "C8.2: c"], outcome(["C8.2: c"], ["C8.3: a"]));
    expect(verdict.caught).toBe(false);
    expect(verdict.missed).toEqual(["C8.2: c"]);
  });

  it("needs every test that shares a listed title to fail (describe.each repeats titles)", () => {
    const verdict = judgeRegression(["C7.5: stale"], outcome(["C7.5: stale"], ["C7.5: stale"]));
    expect(verdict.caught).toBe(false);
    expect(verdict.missed).toEqual(["C7.5: stale"]);
    expect(judgeRegression(["C7.5: stale"], outcome([], ["C7.5: stale", "C7.5: stale"])).caught).toBe(true);
  });

  it("names a test that failed without being listed", () => {
    const verdict = judgeRegression(["C8.3: a"], outcome([], ["C8.3: a", "C2.1: other"]));
    expect(verdict.caught).toBe(false);
    expect(verdict.unexpected).toEqual(["C2.1: other"]);
  });

  it("names a listed title that no test has (renamed test)", () => {
    const verdict = judgeRegression(["C8.3: old title"], outcome(["C8.3: new title"], []));
    expect(verdict.caught).toBe(false);
    expect(verdict.unknown).toEqual(["C8.3: old title"]);
  });

  it("is not caught when nothing is listed or the run errored", () => {
    expect(judgeRegression([], outcome([], [])).caught).toBe(false);
    expect(judgeRegression(["C8.3: a"], outcome([], ["C8.3: a"], ["specs/x: load error"])).caught).toBe(
      false,
    );
  });

  it("does not treat a title that contains another as the same test", () => {
    const verdict = judgeRegression(["C3.2: sleep runs"], outcome([], ["C3.2: sleep runs directly"]));
    expect(verdict.caught).toBe(false);
    expect(verdict.unknown).toEqual(["C3.2: sleep runs"]);
  });
});

describe("outcomeOf", () => {
  it("sorts tests by bare title and status and reports files that failed to load", () => {
    const report: JsonReport = {
      testResults: [
        {
          name: "/r/specs/a.spec.ts",
          status: "failed",
          assertionResults: [
            { title: "t1", fullName: "a > t1", status: "passed" },
            { title: "t2", fullName: "a > t2", status: "failed" },
          ],
        },
        { name: "/r/specs/b.spec.ts", status: "failed", message: "SyntaxError", assertionResults: [] },
        {
          name: "/r/specs/c.spec.ts",
          status: "passed",
          assertionResults: [{ title: "t3", fullName: "c > t3", status: "skipped" }],
        },
      ],
    };
    // Through the file, as tools/regressions/regressions.ts reads the report vitest wrote.
    const dir = mkdtempSync(join(tmpdir(), "verdict-"));
    writeFileSync(join(dir, "report.json"), JSON.stringify(report));
    const outcome = outcomeOf(loadJsonReport(join(dir, "report.json")));
    rmSync(dir, { recursive: true });
    expect(outcome).toEqual({
      passed: ["t1"],
      failed: ["t2"],
      skipped: ["t3"],
      errors: ["/r/specs/b.spec.ts: SyntaxError"],
    });
  });
});
