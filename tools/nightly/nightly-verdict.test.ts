import { describe, expect, it } from "vitest";
import { type NightlyInputs, nightlyVerdict, summaryMarkdown } from "./nightly-verdict.js";

const PINNED = `nousresearch/hermes-agent@sha256:${"a".repeat(64)}`;
const passing = { tests: 10, failures: 0, errors: 0, skipped: 0, failing: [] };
const green: NightlyInputs = {
  tag: "nousresearch/hermes-agent:latest",
  pinned: PINNED,
  version: "Hermes Agent v0.9.1",
  shardCount: 2,
  missingShards: [],
  junit: passing,
  shardJobs: "success",
  runUrl: "https://ci.example/run/1",
};

describe("nightlyVerdict", () => {
  it("is green only with every shard, no failure, no error and some tests", () => {
    expect(nightlyVerdict(green)).toMatchObject({ red: false, reasons: [] });
  });

  it("is red and names a shard that wrote no report, even when the rest passed", () => {
    const verdict = nightlyVerdict({ ...green, missingShards: [2], shardJobs: "failure" });
    expect(verdict.red).toBe(true);
    expect(verdict.reasons).toEqual([
      "shard 2 of 2 wrote no report (it stopped before or during its tests: see that shard's log)",
    ]);
  });

  it("counts errors as well as failures", () => {
    const junit = { tests: 10, failures: 1, errors: 2, skipped: 0, failing: ["a: b", "c: d", "e: f"] };
    expect(nightlyVerdict({ ...green, junit, shardJobs: "failure" }).reasons).toEqual([
      "1 test(s) failed",
      "2 error(s) in tests or outside them",
    ]);
  });

  it("is red with no report, an empty report, an unresolved tag, or a failed shard job alone", () => {
    expect(nightlyVerdict({ ...green, junit: undefined }).reasons).toEqual([
      "there is no merged JUnit report",
    ]);
    expect(nightlyVerdict({ ...green, junit: { ...passing, tests: 0 } }).red).toBe(true);
    expect(nightlyVerdict({ ...green, pinned: "" }).reasons[0]).toMatch(/could not be resolved/);
    expect(nightlyVerdict({ ...green, shardJobs: "failure" }).reasons[0]).toMatch(/ended "failure"/);
  });
});

describe("summaryMarkdown", () => {
  it("names the digest every shard tested, the version, the counts and the failing tests", () => {
    const junit = { tests: 10, failures: 1, errors: 1, skipped: 2, failing: ["specs/a.spec.ts: C3.5: x"] };
    const text = summaryMarkdown(nightlyVerdict({ ...green, junit, missingShards: [2] }));
    expect(text).toContain("### Nightly: RED");
    expect(text).toContain(`| tested (every shard) | \`${PINNED}\` |`);
    expect(text).toContain("| hermes --version | `Hermes Agent v0.9.1` |");
    expect(text).toContain("| tests | 10 (6 passed, 1 failed, 1 errors, 2 skipped) |");
    expect(text).toContain("| shards reporting | 1 of 2 (missing: 2) |");
    expect(text).toContain("- `specs/a.spec.ts: C3.5: x`");
  });
});
