import { describe, expect, it } from "vitest";
import { type JsonFile, reportSeconds } from "./vitest-report.js";

const file = (endTime?: number): JsonFile => ({ name: "f", status: "passed", assertionResults: [], endTime });

describe("reportSeconds", () => {
  it("is the time from vitest's start to the last file's end", () => {
    expect(reportSeconds({ startTime: 1_000, testResults: [file(4_000), file(31_000)] })).toBe(30);
  });

  it("is undefined without a start time or any file end", () => {
    expect(reportSeconds({ testResults: [file(4_000)] })).toBeUndefined();
    expect(reportSeconds({ startTime: 1_000, testResults: [] })).toBeUndefined();
    expect(reportSeconds({ startTime: 1_000, testResults: [file()] })).toBeUndefined();
  });
});
