import { describe, expect, it } from "vitest";
import { waitFor } from "./wait-for.js";
import { WaitGaveUp } from "./wait-gave-up.js";
import { WaitTimeoutError } from "./wait-timeout-error.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function catchError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

describe("waitFor", () => {
  it("resolves with the first value that satisfies the condition", async () => {
    let calls = 0;
    const value = await waitFor(async () => ++calls, {
      description: "the counter to reach 3",
      timeoutMs: 2000,
      intervalMs: 10,
      until: (n) => n >= 3,
    });
    expect(value).toBe(3);
    expect(calls).toBe(3);
  });

  it("treats a falsy value as not yet by default", async () => {
    const answers = ["", "", "ready"];
    const value = await waitFor(async () => answers.shift() ?? "", {
      description: "a non-empty answer",
      timeoutMs: 2000,
      intervalMs: 10,
    });
    expect(value).toBe("ready");
    expect(answers).toHaveLength(0);
  });

  it("by default starts at 100 ms and stretches the pause by a quarter per probe", async () => {
    const stamps: number[] = [];
    await waitFor(
      async () => {
        stamps.push(performance.now());
        return stamps.length;
      },
      { description: "seven probes", timeoutMs: 5000, until: (n) => n >= 7 },
    );
    const gaps = stamps.slice(1).map((t, i) => t - (stamps[i] ?? 0));
    // 100, 125, 156, 195, 244, 305 ms: the sixth gap is three times the first.
    expect(gaps[0]).toBeGreaterThanOrEqual(90);
    expect(gaps[0]).toBeLessThan(200);
    expect(gaps[5]).toBeGreaterThanOrEqual(280);
  });

  it("given intervalMs, polls at that constant interval, without growth", async () => {
    const stamps: number[] = [];
    await waitFor(
      async () => {
        stamps.push(performance.now());
        return stamps.length;
      },
      { description: "six probes", timeoutMs: 5000, intervalMs: 40, until: (n) => n >= 6 },
    );
    expect(stamps).toHaveLength(6);
    const gaps = stamps.slice(1).map((t, i) => t - (stamps[i] ?? 0));
    // With factor 2 the last gap would be 16x the first (640 ms); constant stays near 40 ms.
    expect(Math.max(...gaps)).toBeLessThan(200);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(30);
  });

  it("times out with the last value in the message", async () => {
    const started = performance.now();
    const error = await catchError(
      waitFor(async () => ({ state: "down", pid: null }), {
        description: "the slot to be up",
        timeoutMs: 300,
        intervalMs: 50,
        until: (v) => v.state === "up",
      }),
    );
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    const timeout = error as WaitTimeoutError;
    expect(timeout.message).toBe(
      'Timed out after 300 ms waiting for the slot to be up; last seen: {"state":"down","pid":null}',
    );
    expect(timeout.description).toBe("the slot to be up");
    expect(timeout.timeoutMs).toBe(300);
    expect(timeout.lastValue).toBe('{"state":"down","pid":null}');
    expect(timeout.lastError).toBeUndefined();
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(300 + 50 + 150);
  });

  it("uses describeValue and truncates long descriptions", async () => {
    const error = await catchError(
      waitFor(async () => "x".repeat(5000), {
        description: "something short",
        timeoutMs: 50,
        intervalMs: 10,
        until: (s) => s.length < 10,
        describeValue: (s) => `<${s}>`,
      }),
    );
    expect(error).toBeInstanceOf(WaitTimeoutError);
    const lastValue = (error as WaitTimeoutError).lastValue ?? "";
    expect(lastValue.startsWith("<xxx")).toBe(true);
    expect(lastValue.length).toBeLessThan(2100);
    expect(lastValue).toContain("more chars]");
  });

  it("counts probe errors as not yet, then succeeds", async () => {
    let calls = 0;
    const value = await waitFor(
      async () => {
        calls++;
        if (calls < 3) throw new Error(`connection refused #${calls}`);
        return "ok";
      },
      { description: "the port to answer", timeoutMs: 2000, intervalMs: 10 },
    );
    expect(value).toBe("ok");
    expect(calls).toBe(3);
  });

  it("ends at once when the probe gives up (WaitGaveUp), not at the deadline", async () => {
    let calls = 0;
    const started = performance.now();
    const wait = waitFor(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error("not yet");
        throw new WaitGaveUp("slot x does not exist");
      },
      { description: "x", timeoutMs: 5_000, intervalMs: 5 },
    );
    await expect(wait).rejects.toThrow(WaitGaveUp);
    expect(calls).toBe(3);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("retries probes that throw TypeError or non-Error values", async () => {
    let calls = 0;
    const value = await waitFor(
      async () => {
        calls++;
        if (calls === 1) throw new TypeError("cannot read properties of undefined");
        if (calls === 2) throw "a string";
        return calls;
      },
      { description: "a number", timeoutMs: 2000, intervalMs: 10 },
    );
    expect(value).toBe(3);
  });

  it("reports the last error when the probe keeps throwing", async () => {
    let calls = 0;
    const error = await catchError(
      waitFor(
        async () => {
          calls++;
          throw new Error(`refused #${calls}`);
        },
        { description: "the port to answer", timeoutMs: 150, intervalMs: 20 },
      ),
    );
    expect(error).toBeInstanceOf(WaitTimeoutError);
    const timeout = error as WaitTimeoutError;
    expect(calls).toBeGreaterThan(2);
    expect(timeout.message).toBe(
      `Timed out after 150 ms waiting for the port to answer; last error: Error: refused #${calls}`,
    );
    expect((timeout.lastError as Error).message).toBe(`refused #${calls}`);
    expect(timeout.cause).toBe(timeout.lastError);
    expect(timeout.lastValue).toBeUndefined();
  });

  it("handles a probe that throws synchronously", async () => {
    const error = await catchError(
      waitFor(
        (() => {
          throw new Error("sync boom");
        }) as () => Promise<number>,
        { description: "anything", timeoutMs: 60, intervalMs: 10 },
      ),
    );
    expect((error as Error).message).toContain("last error: Error: sync boom");
  });

  it("a hanging probe does not hang the wait", async () => {
    const started = performance.now();
    const error = await catchError(
      waitFor(() => new Promise<boolean>(() => {}), {
        description: "a probe that never settles",
        timeoutMs: 200,
        intervalMs: 50,
      }),
    );
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as Error).message).toBe(
      "Timed out after 200 ms waiting for a probe that never settles; the probe never completed",
    );
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(200 + 50 + 150);
  });

  it("a slow last probe is cut off and the earlier value is still reported", async () => {
    let calls = 0;
    const started = performance.now();
    const error = await catchError(
      waitFor(
        async (): Promise<string> => {
          calls++;
          if (calls === 1) return "starting";
          await sleep(1000);
          return "late";
        },
        { description: "state running", timeoutMs: 150, intervalMs: 20, until: (s) => s === "running" },
      ),
    );
    expect(performance.now() - started).toBeLessThan(150 + 20 + 150);
    expect((error as Error).message).toBe(
      'Timed out after 150 ms waiting for state running; last seen: "starting"; the final probe was still running',
    );
  });

  it("a late rejection from an abandoned probe is not unhandled", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const error = await catchError(
        waitFor(
          async () => {
            await sleep(120);
            throw new Error("late failure");
          },
          { description: "a slow failing probe", timeoutMs: 30, intervalMs: 10 },
        ),
      );
      expect(error).toBeInstanceOf(WaitTimeoutError);
      await sleep(200); // let the abandoned probe reject
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("reports both the most recent error and the earlier value", async () => {
    let calls = 0;
    const error = await catchError(
      waitFor(
        async () => {
          calls++;
          if (calls === 1) return 0;
          throw new Error("gone");
        },
        { description: "a positive number", timeoutMs: 100, intervalMs: 20 },
      ),
    );
    expect((error as Error).message).toBe(
      "Timed out after 100 ms waiting for a positive number; last error: Error: gone; earlier last seen: 0",
    );
  });

  it("rejects with the abort reason when the signal aborts mid-wait", async () => {
    const controller = new AbortController();
    const reason = new Error("test cancelled");
    setTimeout(() => controller.abort(reason), 80);
    const started = performance.now();
    const error = await catchError(
      waitFor(async () => false, {
        description: "never",
        timeoutMs: 5000,
        intervalMs: 20,
        signal: controller.signal,
      }),
    );
    expect(error).toBe(reason);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("abort interrupts a hanging probe", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort("stop"), 50);
    const started = performance.now();
    const error = await catchError(
      waitFor(() => new Promise<boolean>(() => {}), {
        description: "never",
        timeoutMs: 5000,
        signal: controller.signal,
      }),
    );
    expect(error).toBe("stop");
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("an already aborted signal rejects without probing", async () => {
    let calls = 0;
    const error = await catchError(
      waitFor(
        async () => {
          calls++;
          return true;
        },
        { description: "x", timeoutMs: 1000, signal: AbortSignal.abort(new Error("early")) },
      ),
    );
    expect((error as Error).message).toBe("early");
    expect(calls).toBe(0);
  });

  it("probes at least once with a zero timeout", async () => {
    let calls = 0;
    const value = await waitFor(
      async () => {
        calls++;
        return "here";
      },
      { description: "x", timeoutMs: 0 },
    );
    expect(value).toBe("here");
    expect(calls).toBe(1);
  });
});
