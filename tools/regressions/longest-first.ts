/**
 * The order to start regression runs in: longest first, so that the last minutes of a check are not
 * one long run alone on an idle machine (runs go out in order to a fixed number of jobs).
 * `lastSeconds` is how long a run took last time on this machine (its report), if known; without it
 * the number of tests it makes fail stands in, as each failing test tends to wait out a deadline.
 */
export function longestFirst<T extends { name: string; failingTests: readonly string[] }>(
  regressions: readonly T[],
  lastSeconds: (name: string) => number | undefined,
): T[] {
  const estimate = (r: T) =>
    lastSeconds(r.name) ?? ESTIMATE_BASE_S + ESTIMATE_PER_FAILING_S * r.failingTests.length;
  return [...regressions].sort((a, b) => estimate(b) - estimate(a) || a.name.localeCompare(b.name));
}

// Fitted roughly to a run here: about 20 s for a run with one failing test, 90 s with 30.
const ESTIMATE_BASE_S = 18;
const ESTIMATE_PER_FAILING_S = 2.5;
