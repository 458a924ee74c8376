import { describe, expect, it } from "vitest";
import { issueAction, issueBody } from "./nightly-issue.js";
import { nightlyVerdict } from "./nightly-verdict.js";

describe("issueAction", () => {
  it("opens an issue on the first red run and updates it on later ones", () => {
    expect(issueAction(true, [])).toEqual({ kind: "create" });
    expect(issueAction(true, [42])).toEqual({ kind: "update", issue: 42, others: [] });
  });

  it("folds duplicates into the oldest", () => {
    expect(issueAction(true, [57, 42])).toEqual({ kind: "update", issue: 42, others: [57] });
  });

  it("closes every open one when green, and does nothing when green with none open", () => {
    expect(issueAction(false, [57, 42])).toEqual({ kind: "close", issues: [42, 57] });
    expect(issueAction(false, [])).toEqual({ kind: "none" });
  });
});

describe("issueBody", () => {
  it("links the run and carries the digest and failing tests", () => {
    const digest = `nousresearch/hermes-agent@sha256:${"b".repeat(64)}`;
    const verdict = nightlyVerdict({
      tag: "nousresearch/hermes-agent:latest",
      pinned: digest,
      version: "Hermes Agent v0.9.1",
      shardCount: 2,
      missingShards: [],
      junit: { tests: 3, failures: 1, errors: 0, skipped: 0, failing: ["specs/s6-probe.spec.ts: C8.1: t"] },
      shardJobs: "failure",
      runUrl: "https://ci.example/runs/7",
    });
    const body = issueBody(verdict, "2026-11-23");
    expect(body).toContain("The nightly run of 2026-11-23 is red: https://ci.example/runs/7");
    expect(body).toContain(digest);
    expect(body).toContain("- `specs/s6-probe.spec.ts: C8.1: t`");
  });
});
