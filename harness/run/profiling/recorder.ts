import { runningTests } from "../context/current-test.js";
import { ProfileRecorder, type TimingEntry, type TimingKind } from "./profile-report.js";

const recorder = new ProfileRecorder();
let enabled = process.env.HERMES_HARNESS_PROFILE === "1";

export function setProfiling(on: boolean): void {
  enabled = on;
}

/** With HERMES_HARNESS_PROFILE=1: one entry per docker call or wait, attributed to the running test. */
export function recordTiming(kind: TimingKind, label: string, ms: number): void {
  if (!enabled) return;
  // Concurrent tests (runOnce under describe.concurrent) share one label: timings cannot tell them apart.
  const tests = runningTests();
  const test =
    tests.length === 0 ? "(file setup)" : `${tests[0]?.file} > ${tests.map((t) => t.name).join(" | ")}`;
  recorder.record({ test, kind, label, ms });
}

/** This worker's entries so far, handed over once (the setup file writes them at file end). */
export function takeTimings(): TimingEntry[] {
  const entries = [...recorder.entries()];
  recorder.clear();
  return entries;
}
