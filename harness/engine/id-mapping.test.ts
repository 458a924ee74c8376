import { describe, expect, it } from "vitest";
import { hostIdOf, subordinateRange } from "./id-mapping.js";

describe("rootless ID mapping", () => {
  it("reads the engine user's subordinate range by name or UID", () => {
    const text = "builder:100000:65536\nhermes-rootless:200000:65536\n";
    expect(subordinateRange(text, "hermes-rootless", 999)).toEqual({ start: 200000, count: 65536 });
    expect(subordinateRange("999:300000:1000\n", "hermes-rootless", 999)).toEqual({
      start: 300000,
      count: 1000,
    });
    expect(subordinateRange(text, "nobody", 65534)).toBeUndefined();
  });

  it("maps container root to the engine's user and N to start + N - 1", () => {
    const range = { start: 200000, count: 65536 };
    expect(hostIdOf(0, 999, range, "UID")).toBe(999);
    expect(hostIdOf(10000, 999, range, "UID")).toBe(209999);
    expect(hostIdOf(4242, 995, range, "GID")).toBe(204241);
    expect(() => hostIdOf(70000, 999, range, "UID")).toThrow(/UID 70000 is outside/);
  });
});
