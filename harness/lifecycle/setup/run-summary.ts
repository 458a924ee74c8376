import type { TaskMeta } from "vitest";
import "../../run/deviations/task-meta.js";
import { failedToLoad, type JsonReport } from "../reports/vitest-report.js";

export interface RunSummary {
  passed: number;
  failed: number;
  /** Declared upstream deviations that failed as declared (vitest counts them as passed). */
  expectedFailures: string[];
  /** Declared deviations that passed: vitest fails them; listed so the fix upstream is noticed. */
  unexpectedPasses: string[];
  /** Skipped because the clause is not a promise of the image's generation. */
  notApplicable: string[];
  /** Any other skip of an image spec: not allowed in CI. */
  silentSkips: string[];
  /** Reports that load with no test at all, by label. */
  empty: string[];
}

/** Adds up labelled reports (one per flavour run); `label` prefixes the names it lists. */
export function summariseReports(reports: readonly { label: string; report: JsonReport }[]): RunSummary {
  const summary: RunSummary = {
    passed: 0,
    failed: 0,
    expectedFailures: [],
    unexpectedPasses: [],
    notApplicable: [],
    silentSkips: [],
    empty: [],
  };
  for (const { label, report } of reports) {
    let seen = 0;
    for (const file of report.testResults) {
      if (failedToLoad(file)) summary.failed += 1;
      for (const test of file.assertionResults) {
        seen += 1;
        const name = `[${label}] ${test.fullName}`;
        // The harness's own meta fields (deviations/task-meta.ts), as the image project set them.
        const meta = test.meta as Partial<TaskMeta> | undefined;
        const outcome = meta?.deviation?.outcome;
        if (outcome === "unexpected-pass") summary.unexpectedPasses.push(name);
        if (test.status === "passed" && outcome === "expected-failure") summary.expectedFailures.push(name);
        else if (test.status === "passed") summary.passed += 1;
        else if (test.status === "failed") summary.failed += 1;
        else if (meta?.notApplicable) summary.notApplicable.push(`${name}: ${meta.notApplicable}`);
        else if (file.name.includes("/specs/")) summary.silentSkips.push(name);
      }
    }
    if (seen === 0) summary.empty.push(label);
  }
  return summary;
}

/** The lines to print, the closing `N passed, M failed[, K skipped]` line last. */
export function formatSummary(summary: RunSummary): string[] {
  const lines: string[] = [];
  const list = (title: string, names: string[]) => {
    if (names.length > 0) lines.push(`${title} (${names.length}):`, ...names.map((n) => `  ${n}`));
  };
  list("expected failures: declared upstream deviations (docs/deviations.json)", summary.expectedFailures);
  list(
    "declared deviations that did NOT occur (fixed upstream? update the deviations file)",
    summary.unexpectedPasses,
  );
  list("not applicable to the image's generation", summary.notApplicable);
  list("skipped image specs (not allowed in CI)", summary.silentSkips);
  for (const label of summary.empty) lines.push(`the ${label} report lists no test: nothing ran`);
  const skipped = summary.notApplicable.length + summary.silentSkips.length;
  lines.push(
    `${summary.passed} passed, ${summary.failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`,
  );
  return lines;
}

export function summaryIsGreen(summary: RunSummary): boolean {
  return (
    summary.failed === 0 &&
    summary.silentSkips.length === 0 &&
    summary.empty.length === 0 &&
    summary.passed > 0
  );
}
