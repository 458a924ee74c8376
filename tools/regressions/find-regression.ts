import type { Regression } from "./regression-catalogue.js";

/**
 * The entry `npm run repro -- WHAT` asks for: its name, or an upstream issue number (`42675`,
 * `#42675`, `gh-42675`) that an entry puts back. A string says why none (or which, if several).
 */
export function findRegression(regressions: readonly Regression[], what: string): Regression | string {
  const byName = regressions.find((r) => r.name === what);
  if (byName) return byName;
  const number = /^(?:#|gh-)?([1-9]\d*)$/.exec(what.trim());
  if (!number) {
    return `no regression named "${what}"; known: ${regressions.map((r) => r.name).join(", ")}`;
  }
  const issue = Number(number[1]);
  const matches = regressions.filter((r) => r.upstream?.issues.includes(issue));
  const [only] = matches;
  if (matches.length === 1 && only) return only;
  if (matches.length > 1)
    return `upstream #${issue} is put back by ${matches.length} entries; name one: ${matches.map((r) => r.name).join(", ")}`;
  const reported = [...new Set(regressions.flatMap((r) => r.upstream?.issues ?? []))].sort((a, b) => a - b);
  return `no regression puts back upstream #${issue}; the catalogue's upstream issues: ${reported.map((n) => `#${n}`).join(" ") || "none"}`;
}
