import { describe, expect, it } from "vitest";
import { findRegression } from "./find-regression.js";
import type { Regression } from "./regression-catalogue.js";

const entry = (name: string, issues?: number[]): Regression => ({
  name,
  dir: `/d/${name}`,
  summary: "s",
  clause: "C7.8",
  specs: ["specs/x.spec.ts"],
  failingTests: ["t"],
  ...(issues ? { upstream: { issues } } : {}),
});
const catalogue = [
  entry("gh-42675-sigterm-recorded-stopped", [42675, 33597]),
  entry("puid-wins"),
  entry("gh-9792-hermes-not-on-path", [9792]),
];

describe("findRegression", () => {
  it("finds an entry by its name", () => {
    expect(findRegression(catalogue, "puid-wins")).toBe(catalogue[1]);
  });

  it("finds an entry by any upstream issue it puts back, bare, with # or gh-", () => {
    for (const what of ["42675", "#42675", "gh-42675", "33597"])
      expect(findRegression(catalogue, what)).toBe(catalogue[0]);
  });

  it("names the issues the catalogue knows when none puts back the number asked for", () => {
    expect(findRegression(catalogue, "12345")).toBe(
      "no regression puts back upstream #12345; the catalogue's upstream issues: #9792 #33597 #42675",
    );
  });

  it("lists the known names for an unknown name", () => {
    expect(findRegression(catalogue, "nope")).toMatch(/^no regression named "nope"; known: gh-42675/);
  });

  it("asks to choose when two entries put back the same issue", () => {
    const both = [...catalogue, entry("gh-33597-other-mechanism", [33597])];
    expect(findRegression(both, "33597")).toBe(
      "upstream #33597 is put back by 2 entries; name one: gh-42675-sigterm-recorded-stopped, gh-33597-other-mechanism",
    );
  });
});
