import { readFileSync } from "node:fs";

/** The parts of vitest's JSON report that the closing summary and the regression verdict read. */
export interface JsonAssertion {
  status: "passed" | "failed" | "skipped" | "pending" | "todo" | "disabled";
  /** The bare `it` title; `fullName` has the describe titles in front. */
  title: string;
  fullName: string;
  /** What the harness put in the test's meta (harness/run/deviations/task-meta.ts). */
  meta?: Record<string, unknown>;
}
export interface JsonFile {
  name: string;
  status: string;
  message?: string;
  assertionResults: JsonAssertion[];
  endTime?: number;
}
export interface JsonReport {
  testResults: JsonFile[];
  /** Epoch ms when vitest started the run. */
  startTime?: number;
}

/** Reads a report file vitest's JSON reporter wrote; throws when there is none or it is not JSON. */
export const loadJsonReport = (path: string) => JSON.parse(readFileSync(path, "utf8")) as JsonReport;

/** A file that failed to load has no test results but still failed. */
export const failedToLoad = (f: JsonFile) => f.status === "failed" && f.assertionResults.length === 0;

/** Seconds from vitest's start to the last file's end; undefined when the report has no times. */
export function reportSeconds(report: JsonReport): number | undefined {
  const end = Math.max(0, ...report.testResults.map((file) => file.endTime ?? 0));
  return report.startTime && end > report.startTime ? (end - report.startTime) / 1000 : undefined;
}
