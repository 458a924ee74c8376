import type { NightlyVerdict } from "./nightly-verdict.js";
import { summaryMarkdown } from "./nightly-verdict.js";

/** The label that marks the one issue tracking a red nightly. */
export const NIGHTLY_LABEL = "nightly-red";
export const NIGHTLY_ISSUE_TITLE = "Nightly image tests are red";

export type IssueAction =
  | { kind: "create" }
  | { kind: "update"; issue: number; others: number[] }
  | { kind: "close"; issues: number[] }
  | { kind: "none" };

/**
 * One issue while the nightly is red: open it on the first red run, update it on later ones, close it
 * on the first green run. More than one open (a race of two runs) is folded into the oldest.
 */
export function issueAction(red: boolean, openIssues: readonly number[]): IssueAction {
  const sorted = [...openIssues].sort((a, b) => a - b);
  const [oldest, ...others] = sorted;
  if (red) return oldest === undefined ? { kind: "create" } : { kind: "update", issue: oldest, others };
  return sorted.length > 0 ? { kind: "close", issues: sorted } : { kind: "none" };
}

/** The issue's body: the latest red run, with the digest, the failing tests and a link to the run. */
export function issueBody(verdict: NightlyVerdict, when: string): string {
  return [
    `The nightly run of ${when} is red: ${verdict.inputs.runUrl}`,
    "",
    summaryMarkdown(verdict),
    "This issue is updated by every red nightly and closed by the next green one.",
  ].join("\n");
}
