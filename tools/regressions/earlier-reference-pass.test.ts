import { describe, expect, it } from "vitest";
import type { JsonReport } from "../../harness/lifecycle/reports/vitest-report.js";
import { referenceOutcomeFrom, testedEngine, testedImage } from "./earlier-reference-pass.js";

const dockerEngine = "Docker 27.5.1, rootful (API 1.47), local at unix:///var/run/docker.sock";
const header = `── hermes-image-harness ──\nrun id          r1\ntarget image    hermes-harness/reference:abc (built here)\nengine          ${dockerEngine}\n`;
const reference = { image: "hermes-harness/reference:abc", engine: dockerEngine };
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

describe("testedEngine", () => {
  it("reads the engine line of a run header", () => {
    expect(testedEngine(header)).toBe(dockerEngine);
    expect(testedEngine("target image    x (built here)\n")).toBeUndefined();
  });
});

describe("referenceOutcomeFrom", () => {
  it("keeps only the listed spec files' results", () => {
    expect(referenceOutcomeFrom(report, header, reference, ["specs/a.spec.ts", "specs/b.spec.ts"])).toEqual({
      passed: ["A1"],
      failed: ["B1"],
      skipped: [],
      errors: [],
    });
  });

  it("says why it cannot serve: another image, another engine, or a listed file missing", () => {
    expect(
      referenceOutcomeFrom(report, header, { ...reference, image: "hermes-harness/reference:other" }, [
        "specs/a.spec.ts",
      ]),
    ).toBe("it tested hermes-harness/reference:abc, not hermes-harness/reference:other");
    const rootless = "Podman 4.3.1, rootless (API 1.41), local at unix:///run/user/999/podman/podman.sock";
    expect(
      referenceOutcomeFrom(report, header, { ...reference, engine: rootless }, ["specs/a.spec.ts"]),
    ).toBe(`it ran on ${dockerEngine}, not ${rootless}`);
    const noEngine = header.replace(/^engine .*\n/m, "");
    expect(referenceOutcomeFrom(report, noEngine, reference, ["specs/a.spec.ts"])).toBe(
      `it ran on an unnamed engine, not ${dockerEngine}`,
    );
    expect(referenceOutcomeFrom(report, header, reference, ["specs/a.spec.ts", "specs/z.spec.ts"])).toBe(
      "it has no results for specs/z.spec.ts",
    );
  });
});
