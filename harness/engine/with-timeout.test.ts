import { describe, expect, it } from "vitest";
import { withTimeout } from "./with-timeout.js";

describe("withTimeout", () => {
  it("gives the promise's value when it settles in time", async () => {
    await expect(withTimeout(Promise.resolve(7), 1_000, "late")).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new Error("own")), 1_000, "late")).rejects.toThrow("own");
  });

  it("rejects with the message, made only when the time is up", async () => {
    let made = 0;
    const never = new Promise<never>(() => {});
    await expect(withTimeout(never, 10, () => `late ${++made}`)).rejects.toThrow("late 1");
    await withTimeout(Promise.resolve(1), 10, () => `late ${++made}`);
    expect(made).toBe(1);
  });
});
