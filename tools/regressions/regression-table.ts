import type { CatalogueProblem, Regression } from "./regression-catalogue.js";
import type { RunOutcome, Verdict } from "./regression-verdict.js";

/** One line of the check's closing table. */
export interface VerdictRow {
  name: string;
  clause: string;
  /** "caught", or what went wrong: "MISSED", "did not build", "invalid", "no titles". */
  verdict: string;
  detail: string;
}

/** The check's closing table, columns as wide as their longest entry. */
export function verdictTable(rows: readonly VerdictRow[]): string {
  return alignedColumns([
    ["regression", "clause", "verdict", "detail"],
    ...rows.map((row) => [row.name, row.clause, row.verdict, row.detail]),
  ]);
}

/** `npm run repro` with no name: the catalogue, then the entries that cannot be read. */
export function catalogueListing(
  regressions: readonly Regression[],
  problems: readonly CatalogueProblem[],
): string {
  const table = alignedColumns(
    regressions.map((r) => [
      `  ${r.name}`,
      r.clause,
      r.upstream ? r.upstream.issues.map((n) => `#${n}`).join(" ") : "-",
      [
        r.summary,
        r.engine ? `[${r.engine} only]` : "",
        r.failingTests.length === 0 ? "[no failingTests yet]" : "",
      ]
        .filter(Boolean)
        .join(" "),
    ]),
  );
  const lines = [
    `${regressions.length} regressions (npm run repro -- NAME, or an upstream issue number listed beside it):`,
    "",
    ...table.split("\n"),
  ];
  if (problems.length > 0) {
    lines.push("", `${problems.length} entr${problems.length === 1 ? "y" : "ies"} cannot be read:`);
    lines.push(...problems.map((p) => `  ${p.name}: ${p.message}`));
  }
  return lines.join("\n");
}

/** Why a regression was not caught, in words (the check's table and repro). */
export function verdictDetail(verdict: Verdict, outcome: RunOutcome): string {
  if (verdict.caught) return `${outcome.failed.length} expected failure(s)`;
  const skippedMissed = verdict.missed.filter((title) => outcome.skipped.includes(title));
  const passedMissed = verdict.missed.filter((title) => !skippedMissed.includes(title));
  return [
    passedMissed.length ? `passed but should fail: ${passedMissed.join(" | ")}` : "",
    skippedMissed.length
      ? `did not run (skipped; a failed beforeAll does that): ${skippedMissed.join(" | ")}`
      : "",
    verdict.unexpected.length ? `failed unexpectedly: ${verdict.unexpected.join(" | ")}` : "",
    verdict.unknown.length ? `no such test: ${verdict.unknown.join(" | ")}` : "",
    outcome.errors.length ? `errors: ${outcome.errors.join(" | ")}` : "",
  ]
    .filter(Boolean)
    .join("; ");
}

function alignedColumns(rows: readonly string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
