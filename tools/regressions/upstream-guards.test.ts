import { describe, expect, it } from "vitest";
import type { Regression } from "./regression-catalogue.js";
import { upstreamGuards } from "./upstream-guards.js";

const entry = (name: string, clause: string, issues?: number[]): Regression => ({
  name,
  dir: `/d/${name}`,
  summary: "s",
  clause,
  specs: ["specs/x.spec.ts"],
  failingTests: ["t"],
  ...(issues ? { upstream: { issues } } : {}),
});

describe("upstreamGuards", () => {
  it("gathers, per clause, the reports its entries put back; entries without reports add nothing", () => {
    const guards = upstreamGuards([
      entry("gh-42675-a", "C7.8", [42675, 33597]),
      entry("puid-wins", "C4.1"),
      entry("gh-34339-b", "C7.8", [34339]),
    ]);
    expect([...guards]).toEqual([["C7.8", ["#42675 #33597 (gh-42675-a)", "#34339 (gh-34339-b)"]]]);
  });
});
