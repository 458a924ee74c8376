import { byClauseNumber, clausesOfTitle } from "../cli/clause-tests.js";
import type { TestRef } from "./test-selection.js";

/** The CLI line that shows the failure on that image: its clauses, so the run stays small. */
export function reproLine(image: string, failing: readonly TestRef[]): string {
  const clauses = [...new Set(failing.flatMap((t) => clausesOfTitle(t.title)))].sort(byClauseNumber);
  return `npx hermes-image-harness --image ${image}${clauses.length > 0 ? ` --clause ${clauses.join(",")}` : ""}`;
}

export interface BisectSummary {
  /** The first bad candidate's label, when the search pinned it down. */
  firstBad?: string;
  /** Otherwise the candidates it could be. */
  suspects: string[];
  failing: readonly TestRef[];
  repro?: string;
  testRuns: number;
  builds: number;
  skipped: readonly string[];
  elapsedMs: number;
}

export function summaryLines(summary: BisectSummary): string[] {
  const lines = summary.firstBad
    ? [`first bad: ${summary.firstBad}`]
    : [
        "skipped candidates hide which one is the first bad; it is one of:",
        ...summary.suspects.map((label) => `  ${label}`),
      ];
  if (summary.failing.length > 0) {
    lines.push(summary.firstBad ? "failing there:" : `failing at ${summary.suspects.at(-1)}:`);
    lines.push(...summary.failing.map((t) => `  ${t.file}: ${t.title}`));
  }
  if (summary.repro) lines.push(`reproduce: ${summary.repro}`);
  const skipped = summary.skipped.length > 0 ? `, skipped ${summary.skipped.join(", ")}` : "";
  lines.push(
    `${summary.testRuns} test runs, ${summary.builds} builds${skipped}, in ${(summary.elapsedMs / 1000).toFixed(0)} s`,
  );
  return lines;
}
