import { describe, expect, it } from "vitest";
import { bisect, nextProbe, record, runsLeftAtMost, startSearch, type Verdict } from "./bisect-search.js";

/** Candidates 0..count-1: bad from `firstBad` on, `skips` cannot be judged. */
function oracle(firstBad: number, skips: readonly number[] = []) {
  return async (index: number): Promise<Verdict> => {
    if (skips.includes(index)) return "skip";
    return index >= firstBad ? "bad" : "good";
  };
}

const testRuns = (steps: { verdict: Verdict }[]) => steps.filter((s) => s.verdict !== "skip").length;

describe("bisect", () => {
  it("finds the first bad candidate with no test run when the ends are neighbours", async () => {
    expect(await bisect(2, oracle(1))).toEqual({ firstBad: 1, suspects: [1], steps: [] });
  });

  it("probes the middle first", () => {
    expect(nextProbe(startSearch(17))).toBe(8);
  });

  it("names every first bad candidate in at most ceil(log2 n) runs besides the ends, n the range", async () => {
    for (let count = 2; count <= 66; count++) {
      const n = count - 1;
      for (let firstBad = 1; firstBad < count; firstBad++) {
        const result = await bisect(count, oracle(firstBad));
        expect(result.firstBad).toBe(firstBad);
        expect(testRuns(result.steps)).toBeLessThanOrEqual(Math.ceil(Math.log2(n)));
      }
    }
  });

  it("keeps the bound with a skipped candidate: a skip costs a build, not a test run", async () => {
    for (let count = 3; count <= 33; count++) {
      const n = count - 1;
      for (let skip = 1; skip < count - 1; skip++) {
        for (let firstBad = 1; firstBad < count; firstBad++) {
          const result = await bisect(count, oracle(firstBad, [skip]));
          expect(testRuns(result.steps)).toBeLessThanOrEqual(Math.ceil(Math.log2(n)));
          expect(result.suspects).toContain(firstBad);
          // Only a skip right before the first bad one can hide which of the two it is.
          if (skip !== firstBad - 1 && skip !== firstBad) expect(result.firstBad).toBe(firstBad);
        }
      }
    }
  });

  it("lists the skipped candidates the first bad one could also be, as git bisect does", async () => {
    const result = await bisect(10, oracle(5, [3, 4]));
    expect(result.firstBad).toBeUndefined();
    expect(result.suspects).toEqual([3, 4, 5]);
  });

  it("ends when everything between the ends is skipped", async () => {
    const result = await bisect(4, oracle(3, [1, 2]));
    expect(result).toMatchObject({ suspects: [1, 2, 3] });
    expect(testRuns(result.steps)).toBe(0);
  });

  it("refuses a verdict outside the open range and a search with fewer than two candidates", () => {
    expect(() => record(startSearch(5), 0, "bad")).toThrow(/outside the open range/);
    expect(() => startSearch(1)).toThrow(/a good and a bad candidate/);
  });

  it("bounds the test runs left by the open candidates", () => {
    expect([0, 1, 2, 3, 7, 8].map(runsLeftAtMost)).toEqual([0, 1, 2, 2, 3, 4]);
  });
});
