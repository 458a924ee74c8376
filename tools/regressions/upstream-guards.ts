import type { Regression } from "./regression-catalogue.js";

/** Clause → the upstream reports its catalogue entries put back, `#42675 #33597 (entry)` each. */
export function upstreamGuards(regressions: readonly Regression[]): Map<string, string[]> {
  const guards = new Map<string, string[]>();
  for (const r of regressions) {
    if (!r.upstream) continue;
    const line = `${r.upstream.issues.map((n) => `#${n}`).join(" ")} (${r.name})`;
    guards.set(r.clause, [...(guards.get(r.clause) ?? []), line]);
  }
  return guards;
}
