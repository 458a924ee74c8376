import { currentTest } from "../run/current-test.js";

export interface TimingEntry {
  test: string;
  kind: "docker" | "wait";
  label: string;
  ms: number;
}

const entries: TimingEntry[] = [];
let enabled = process.env.HERMES_HARNESS_PROFILE === "1";

export function setProfiling(on: boolean): void {
  enabled = on;
}

/** With HERMES_HARNESS_PROFILE=1: one entry per docker call or wait, attributed to the running test. */
export function recordTiming(kind: TimingEntry["kind"], label: string, ms: number): void {
  if (!enabled) return;
  const test = currentTest();
  entries.push({ test: test ? `${test.file} > ${test.name}` : "(file setup)", kind, label, ms });
}

export function takeTimings(): TimingEntry[] {
  return entries.splice(0, entries.length);
}
