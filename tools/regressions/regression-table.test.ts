import { describe, expect, it } from "vitest";
import { catalogueListing, verdictDetail, verdictTable } from "./regression-table.js";

describe("verdictTable", () => {
  it("aligns every column to its longest entry, names longer than 30 characters included", () => {
    const table = verdictTable([
      { name: "exit-code-lost", clause: "C3.5", verdict: "caught", detail: "11 expected failure(s)" },
      {
        name: "missing-slot-silently-registered",
        clause: "C6.3",
        verdict: "did not build",
        detail: "docker build failed",
      },
    ]);
    const lines = table.split("\n");
    expect(lines).toEqual([
      "regression                        clause  verdict        detail",
      "exit-code-lost                    C3.5    caught         11 expected failure(s)",
      "missing-slot-silently-registered  C6.3    did not build  docker build failed",
    ]);
    const detailColumn = lines.map((line) => line.indexOf(line.split(/ {2,}/)[3] ?? ""));
    expect(new Set(detailColumn).size).toBe(1);
  });
});

describe("catalogueListing", () => {
  it("marks entries without titles or bound to an engine, and lists unreadable ones after the rest", () => {
    const regression = {
      dir: "/d",
      specs: ["specs/a.spec.ts"],
      failingTests: [],
      clause: "C3.5",
      summary: "exit code lost",
    };
    const text = catalogueListing(
      [
        { ...regression, name: "a-rather-long-regression-name-of-40-chars" },
        { ...regression, name: "short", engine: "podman-rootless" },
        { ...regression, name: "gh-42675-x", upstream: { issues: [42675, 33597] } },
      ],
      [{ name: "broken", message: "broken/regression.json: not valid JSON" }],
    );
    expect(text.split("\n")).toEqual([
      "3 regressions (npm run repro -- NAME, or an upstream issue number listed beside it):",
      "",
      "  a-rather-long-regression-name-of-40-chars  C3.5  -              exit code lost [no failingTests yet]",
      "  short                                      C3.5  -              exit code lost [podman-rootless only] [no failingTests yet]",
      "  gh-42675-x                                 C3.5  #42675 #33597  exit code lost [no failingTests yet]",
      "",
      "1 entry cannot be read:",
      "  broken: broken/regression.json: not valid JSON",
    ]);
  });
});

describe("verdictDetail", () => {
  it("says in words what slipped through", () => {
    const outcome = { passed: ["a"], failed: ["b"], skipped: [], errors: [] };
    expect(verdictDetail({ caught: false, missed: ["a"], unexpected: ["b"], unknown: [] }, outcome)).toBe(
      "passed but should fail: a; failed unexpectedly: b",
    );
    expect(verdictDetail({ caught: true, missed: [], unexpected: [], unknown: [] }, outcome)).toBe(
      "1 expected failure(s)",
    );
  });

  it("tells a test that did not run (a failed beforeAll skips the file's tests) from one that passed", () => {
    const outcome = { passed: ["a"], failed: [], skipped: ["s"], errors: [] };
    expect(verdictDetail({ caught: false, missed: ["a", "s"], unexpected: [], unknown: [] }, outcome)).toBe(
      "passed but should fail: a; did not run (skipped; a failed beforeAll does that): s",
    );
  });
});
