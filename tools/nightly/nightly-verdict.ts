import type { JunitResults } from "./junit-results.js";

export interface NightlyInputs {
  /** The tag the nightly was asked to test. */
  tag: string;
  /** The digest reference every shard tested; empty when the tag could not be resolved. */
  pinned: string;
  version: string;
  shardCount: number;
  missingShards: number[];
  /** The merged report; undefined when there was none to read. */
  junit: JunitResults | undefined;
  /** The shard jobs' combined result as GitHub reports it (success, failure, cancelled, skipped). */
  shardJobs: string;
  runUrl: string;
}

export interface NightlyVerdict {
  red: boolean;
  /** Why the run is red, one line each; empty when green. */
  reasons: string[];
  inputs: NightlyInputs;
}

/** Red on any failure, error, missing shard or missing report: a partial report is never green. */
export function nightlyVerdict(inputs: NightlyInputs): NightlyVerdict {
  const reasons: string[] = [];
  const { junit } = inputs;
  if (!inputs.pinned) reasons.push(`${inputs.tag} could not be resolved to a digest: nothing was tested`);
  if (inputs.missingShards.length > 0) {
    reasons.push(
      `shard ${inputs.missingShards.join(", ")} of ${inputs.shardCount} wrote no report ` +
        "(it stopped before or during its tests: see that shard's log)",
    );
  }
  if (!junit) reasons.push("there is no merged JUnit report");
  else {
    if (junit.tests === 0) reasons.push("the merged report lists no test");
    if (junit.failures > 0) reasons.push(`${junit.failures} test(s) failed`);
    if (junit.errors > 0) reasons.push(`${junit.errors} error(s) in tests or outside them`);
  }
  if (reasons.length === 0 && inputs.shardJobs !== "success") {
    reasons.push(
      `the shard jobs ended "${inputs.shardJobs}" although their report shows no failure (an error outside tests: see their logs)`,
    );
  }
  return { red: reasons.length > 0, reasons, inputs };
}

/** The job summary: what was tested (tag, digest, version), the counts, and why it is red. */
export function summaryMarkdown(verdict: NightlyVerdict): string {
  const { inputs, reasons } = verdict;
  const junit = inputs.junit;
  const counts = junit
    ? `${junit.tests} (${junit.tests - junit.failures - junit.errors - junit.skipped} passed, ${junit.failures} failed, ${junit.errors} errors, ${junit.skipped} skipped)`
    : "no report";
  const reported = inputs.shardCount - inputs.missingShards.length;
  const lines = [
    `### Nightly: ${verdict.red ? "RED" : "green"}`,
    "",
    "| | |",
    "| --- | --- |",
    `| requested tag | \`${inputs.tag}\` |`,
    `| tested (every shard) | ${inputs.pinned ? `\`${inputs.pinned}\`` : "nothing: the tag did not resolve"} |`,
    `| hermes --version | ${inputs.version ? `\`${inputs.version}\`` : "unknown"} |`,
    `| tests | ${counts} |`,
    `| shards reporting | ${reported} of ${inputs.shardCount}${inputs.missingShards.length ? ` (missing: ${inputs.missingShards.join(", ")})` : ""} |`,
  ];
  if (reasons.length > 0) lines.push("", "**Why red**", "", ...reasons.map((r) => `- ${r}`));
  const failing = junit?.failing ?? [];
  if (failing.length > 0) lines.push("", "**Failing tests**", "", ...failing.map((t) => `- \`${t}\``));
  return `${lines.join("\n")}\n`;
}
