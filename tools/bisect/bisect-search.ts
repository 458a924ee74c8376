/** What one candidate turned out to be; `skip` when it could not be judged (no build, no boot). */
export type Verdict = "good" | "bad" | "skip";

/**
 * Candidates 0..count-1 in order, 0 the known good end and count-1 the known bad end. The first bad
 * candidate lies after `lastGood` and at or before `firstBad`.
 */
export interface SearchState {
  count: number;
  lastGood: number;
  firstBad: number;
  skipped: ReadonlySet<number>;
}

export interface SearchStep {
  index: number;
  verdict: Verdict;
}

export interface SearchResult {
  /** The first bad candidate when the search could pin it down, else undefined. */
  firstBad?: number;
  /** Candidates the first bad one could be: skipped ones before the first known bad, and it. */
  suspects: number[];
  steps: SearchStep[];
}

export function startSearch(count: number): SearchState {
  if (!Number.isInteger(count) || count < 2)
    throw new Error(`a bisect needs a good and a bad candidate, got ${count} candidates`);
  return { count, lastGood: 0, firstBad: count - 1, skipped: new Set() };
}

/** Candidates still worth testing: strictly between the known ends, never skipped. */
export function openCandidates(state: SearchState): number[] {
  const open: number[] = [];
  for (let i = state.lastGood + 1; i < state.firstBad; i++) if (!state.skipped.has(i)) open.push(i);
  return open;
}

/**
 * The open candidate that leaves the fewest open ones whatever its verdict. Skips are left out of
 * the count, so one found to be unbuildable costs a build but never an extra test run.
 */
export function nextProbe(state: SearchState): number | undefined {
  const open = openCandidates(state);
  return open[Math.floor((open.length - 1) / 2)];
}

/** Test runs left at most, as `open` candidates halve with each one. */
export const runsLeftAtMost = (open: number) => Math.ceil(Math.log2(open + 1));

export function record(state: SearchState, index: number, verdict: Verdict): SearchState {
  if (index <= state.lastGood || index >= state.firstBad)
    throw new Error(`candidate ${index} is outside the open range (${state.lastGood}, ${state.firstBad})`);
  if (verdict === "good") return { ...state, lastGood: index };
  if (verdict === "bad") return { ...state, firstBad: index };
  return { ...state, skipped: new Set([...state.skipped, index]) };
}

export function searchResult(state: SearchState, steps: SearchStep[]): SearchResult {
  const suspects = [...state.skipped]
    .filter((i) => i > state.lastGood && i < state.firstBad)
    .sort((a, b) => a - b);
  suspects.push(state.firstBad);
  return { ...(suspects.length === 1 ? { firstBad: state.firstBad } : {}), suspects, steps };
}

/**
 * Binary search for the first bad candidate, `judge` telling each probe's verdict. The ends are
 * taken as known: the caller has already judged them.
 */
export async function bisect(
  count: number,
  judge: (index: number, state: SearchState) => Promise<Verdict>,
): Promise<SearchResult> {
  let state = startSearch(count);
  const steps: SearchStep[] = [];
  for (let index = nextProbe(state); index !== undefined; index = nextProbe(state)) {
    const verdict = await judge(index, state);
    steps.push({ index, verdict });
    state = record(state, index, verdict);
  }
  return searchResult(state, steps);
}
