import type { Regression } from "./regression-catalogue.js";
import { issueUrl } from "./upstream-reports.js";

export const TABLE_START =
  "<!-- upstream-bug-table: generated from fixtures/regressions by npm run readme:upstream-bugs -->";
export const TABLE_END = "<!-- /upstream-bug-table -->";

/** The README's "Upstream bugs this suite would catch again", one row per entry tied to reports. */
export function upstreamBugTable(regressions: readonly Regression[]): string {
  const tied = regressions
    .filter((r) => r.upstream)
    .sort((a, b) => (a.upstream?.issues[0] ?? 0) - (b.upstream?.issues[0] ?? 0));
  const rows = tied.map((r) => {
    const issues = (r.upstream?.issues ?? []).map((n) => `[#${n}](${issueUrl(n)})`).join(", ");
    const fix = r.upstream?.fix ? `[${r.upstream.fix.label}](${r.upstream.fix.url})` : "-";
    const where = [r.engine, r.platform].filter(Boolean).join(", ") || "Docker";
    const tests = r.failingTests.length === 1 ? "1 test" : `${r.failingTests.length} tests`;
    const caughtBy = `${r.specs.map((s) => `\`${s.replace(/^specs\//, "")}\``).join(", ")} (${tests})`;
    return `| ${issues} | ${escapeCell(r.summary)} | ${r.clause} | [\`${r.name}\`](fixtures/regressions/${r.name}/) | ${caughtBy} | ${where} | ${fix} |`;
  });
  return [
    "| Upstream issue | What users saw (as the entry puts it back) | Clause | Entry | Caught by | Runs on | Fix |",
    "|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

/** The README with its table replaced by `table`; a string says why it cannot be. */
export function withUpstreamBugTable(readme: string, table: string): string | { problem: string } {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) return { problem: `README.md has no ${TABLE_START} ... ${TABLE_END} block` };
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}

// A summary is plain text: `<defunct>` must not become an HTML tag, nor `|` a column.
const escapeCell = (text: string) =>
  text.replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("|", "\\|").replaceAll("\n", " ");
