import pRetry from "p-retry";
import { recordTiming } from "../../run/profiling/recorder.js";
import { WaitGaveUp } from "./wait-gave-up.js";
import { truncate, WaitTimeoutError } from "./wait-timeout-error.js";

export interface WaitOptions<T> {
  /** What is awaited, for the timeout message ("gateway-alpha to be up"). */
  description: string;
  timeoutMs: number;
  /**
   * A constant pause between probes. Unset: 100 ms, growing by a quarter per probe up to 1 s, so a
   * long wait (often a failing one) costs a docker exec a second, not ten, on a busy machine.
   */
  intervalMs?: number;
  /** When the wait is over; default: the value is truthy. */
  until?: (value: T) => boolean;
  /** How the last value appears in the timeout message; default JSON. */
  describeValue?: (value: T) => string;
  /** Aborting rejects the wait with the signal's reason (not a WaitTimeoutError). */
  signal?: AbortSignal;
}

const DEFAULT_INTERVAL_MS = 100;
const DEFAULT_BACKOFF = { factor: 1.25, maxIntervalMs: 1_000 };

// Internal: not done yet (the wrong answer, a throw, or a probe still pending: the wait's state says
// which). Never a TypeError, which p-retry would not retry.
class NotYet extends Error {}

function defaultDescribe(value: unknown): string {
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json;
  } catch {
    // Cycles or BigInt: fall through to String().
  }
  return String(value);
}

/**
 * Polls `probe` (at a growing interval, or a constant one if given) until `until(value)` holds, then
 * returns that value. A probe that throws counts as "not yet", except a WaitGaveUp, which ends the
 * wait. Each probe is raced against the time left (at least one interval for the last one), so a
 * hanging probe cannot stretch the wait: it ends at most one interval
 * after the deadline. A probe abandoned that way may still settle later; its result is ignored and its
 * rejection is swallowed so it never becomes an unhandled rejection.
 */
export async function waitFor<T>(probe: () => Promise<T>, options: WaitOptions<T>): Promise<T> {
  const interval = Math.max(0, options.intervalMs ?? DEFAULT_INTERVAL_MS);
  const backoff = options.intervalMs === undefined ? DEFAULT_BACKOFF : { factor: 1, maxIntervalMs: interval };
  const timeoutMs = Math.max(0, options.timeoutMs);
  const until = options.until ?? ((value: T) => Boolean(value));
  const describe = options.describeValue ?? defaultDescribe;
  const { signal } = options;

  const start = performance.now();
  const deadline = start + timeoutMs;
  let lastValue: string | undefined;
  let lastError: unknown;
  let lastOutcome: "value" | "error" | "none" = "none";
  let lastProbePending = false;

  const attempt = async (): Promise<T> => {
    // The last probe may start at the deadline; give it one interval rather than nothing.
    const budget = Math.max(deadline - performance.now(), interval, 1);
    const outcome = await settleWithin(probe, budget, signal);
    lastProbePending = outcome.kind === "pending";
    if (outcome.kind === "pending") throw new NotYet();
    let done: boolean;
    if (outcome.kind === "error" && outcome.error instanceof WaitGaveUp) throw outcome.error;
    try {
      if (outcome.kind === "error") throw outcome.error;
      lastValue = truncate(describe(outcome.value));
      done = until(outcome.value);
    } catch (error) {
      // A throwing predicate is reported like a throwing probe rather than escaping mid-wait.
      lastError = error;
      lastOutcome = "error";
      throw new NotYet();
    }
    lastOutcome = "value";
    if (!done) throw new NotYet();
    return outcome.value;
  };

  try {
    return await pRetry(attempt, {
      retries: Number.POSITIVE_INFINITY,
      factor: backoff.factor,
      minTimeout: interval,
      maxTimeout: backoff.maxIntervalMs,
      randomize: false,
      maxRetryTime: timeoutMs,
      shouldRetry: ({ error }) => !(error instanceof WaitGaveUp),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (error instanceof NotYet) {
      throw new WaitTimeoutError({
        description: options.description,
        timeoutMs,
        elapsedMs: Math.round(performance.now() - start),
        lastValue,
        lastError,
        lastOutcome,
        lastProbePending,
      });
    }
    throw error;
  } finally {
    recordTiming("wait", options.description, Math.round(performance.now() - start));
  }
}

type Outcome<T> = { kind: "value"; value: T } | { kind: "error"; error: unknown } | { kind: "pending" };

/** Runs the probe and resolves (never rejects) with how it ended within `budgetMs`, or on abort. */
function settleWithin<T>(
  probe: () => Promise<T>,
  budgetMs: number,
  signal?: AbortSignal,
): Promise<Outcome<T>> {
  return new Promise<Outcome<T>>((resolve, reject) => {
    let finished = false;
    const finish = (action: () => void) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      action();
    };
    const onAbort = () => finish(() => reject(signal?.reason));
    const timer = setTimeout(() => finish(() => resolve({ kind: "pending" })), budgetMs);
    signal?.addEventListener("abort", onAbort, { once: true });

    // The async wrapper turns a synchronous throw into a rejection; both handlers are attached at once,
    // so a late rejection after the race is lost is still handled.
    (async () => probe())().then(
      (value) => finish(() => resolve({ kind: "value", value })),
      (error: unknown) => finish(() => resolve({ kind: "error", error })),
    );
  });
}
