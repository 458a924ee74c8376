/**
 * Runs `work` over `items` with at most `jobs` at a time, starting them in the given order; the
 * results keep that order. A rejection is the caller's to prevent: `work` should settle every item.
 */
export async function inParallel<T, R>(
  items: readonly T[],
  jobs: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}

/** Spec files one test run works on at once (vitest.config.ts, maxWorkers): the 2 cores' budget. */
export const MACHINE_WORKERS = 2;

/**
 * HERMES_REGRESSION_JOBS: how many regression runs share the machine at once. Default 3 on 2 cores: a
 * regression run spends much of its time in failing tests waiting out deadlines, which costs little
 * CPU (measured here, warm, longest first: 454 s at 3 jobs, 531 s at 2, with every verdict the same).
 */
export function regressionJobs(env: Readonly<Record<string, string | undefined>>): number {
  const text = env.HERMES_REGRESSION_JOBS?.trim() || "3";
  const jobs = Number(text);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16) {
    throw new Error(`HERMES_REGRESSION_JOBS must be a whole number from 1 to 16, got "${text}"`);
  }
  return jobs;
}
