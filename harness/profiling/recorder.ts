import { currentTest } from "../run/current-test.js";
import { ProfileRecorder, type TimingEntry, type TimingKind } from "./profile-report.js";

const recorder = new ProfileRecorder();
let enabled = process.env.HERMES_HARNESS_PROFILE === "1";

export function setProfiling(on: boolean): void {
  enabled = on;
}

/** With HERMES_HARNESS_PROFILE=1: one entry per docker call or wait, attributed to the running test. */
export function recordTiming(kind: TimingKind, label: string, ms: number): void {
  if (!enabled) return;
  const test = currentTest();
  recorder.record({ test: test ? `${test.file} > ${test.name}` : "(file setup)", kind, label, ms });
}

/** This worker's entries so far, handed over once (the setup file writes them at file end). */
export function takeTimings(): TimingEntry[] {
  const entries = [...recorder.entries()];
  recorder.clear();
  return entries;
}
