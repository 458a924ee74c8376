import { describe, expect, it } from "vitest";
import { longestFirst } from "./longest-first.js";

const entry = (name: string, failing: number) => ({
  name,
  failingTests: Array.from({ length: failing }, (_, i) => `t${i}`),
});

describe("longestFirst", () => {
  it("starts the runs that took longest last time first", () => {
    const last: Record<string, number> = { a: 10, b: 80, c: 30 };
    const order = longestFirst([entry("a", 1), entry("b", 1), entry("c", 1)], (n) => last[n]);
    expect(order.map((r) => r.name)).toEqual(["b", "c", "a"]);
  });

  it("without a last time, more failing tests count as longer; ties go by name", () => {
    const order = longestFirst([entry("x", 1), entry("many", 30), entry("b", 1)], () => undefined);
    expect(order.map((r) => r.name)).toEqual(["many", "b", "x"]);
  });

  it("a known time and an estimate are compared on one scale", () => {
    // 30 failing tests estimate to about 93 s: longer than a run known to take 40 s.
    const order = longestFirst([entry("known", 1), entry("estimated", 30)], (n) =>
      n === "known" ? 40 : undefined,
    );
    expect(order.map((r) => r.name)).toEqual(["estimated", "known"]);
  });
});
