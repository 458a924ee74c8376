import { describe, expect, it } from "vitest";
import { inParallel, regressionJobs } from "./in-parallel.js";

describe("inParallel", () => {
  it("keeps the input order in its results and never runs more than `jobs` at once", async () => {
    let running = 0;
    let most = 0;
    const results = await inParallel([30, 5, 20, 1, 10], 2, async (ms) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running -= 1;
      return ms * 2;
    });
    expect(results).toEqual([60, 10, 40, 2, 20]);
    expect(most).toBe(2);
  });

  it("starts items in order and handles an empty list", async () => {
    const started: number[] = [];
    await inParallel([1, 2, 3], 1, async (n) => started.push(n));
    expect(started).toEqual([1, 2, 3]);
    expect(await inParallel([], 3, async () => 1)).toEqual([]);
  });
});

describe("regressionJobs", () => {
  it("defaults to 3 and takes a whole number from 1 to 16", () => {
    expect(regressionJobs({})).toBe(3);
    expect(regressionJobs({ HERMES_REGRESSION_JOBS: " 2 " })).toBe(2);
    expect(() => regressionJobs({ HERMES_REGRESSION_JOBS: "0" })).toThrow(/from 1 to 16, got "0"/);
    expect(() => regressionJobs({ HERMES_REGRESSION_JOBS: "two" })).toThrow(/got "two"/);
  });
});
