import { describe, expect, it } from "vitest";
import { scopeSelection, titlesSelection } from "./test-selection.js";

const tests = [
  { file: "specs/a.spec.ts", title: "C3.12: starts in -w", clauses: ["C3.12"] },
  { file: "specs/a.spec.ts", title: "C3.3: `login --help` (x)", clauses: ["C3.3"] },
  { file: "specs/b.spec.ts", title: "C6.3: a gateway restarts", clauses: ["C6.3"] },
];

describe("scopeSelection", () => {
  it("is the whole suite without --clause or --test", () => {
    expect(scopeSelection(tests, [], [])).toEqual({ files: [] });
  });

  it("takes the spec files of the clauses and the CLI's clause pattern", () => {
    const selection = scopeSelection(tests, ["C6"], []);
    expect(selection.files).toEqual(["specs/b.spec.ts"]);
    expect(new RegExp(selection.pattern ?? "").test("routing C6.3: a gateway restarts")).toBe(true);
    expect(new RegExp(selection.pattern ?? "").test("C3.12: starts in -w")).toBe(false);
  });

  it("adds tests by a piece of their title, matched literally", () => {
    const selection = scopeSelection(tests, ["C6.3"], ["`login --help` (x)"]);
    expect(selection.files).toEqual(["specs/a.spec.ts", "specs/b.spec.ts"]);
    const pattern = new RegExp(selection.pattern ?? "");
    expect(pattern.test("C3.3: `login --help` (x)")).toBe(true);
    expect(pattern.test("C6.3: a gateway restarts")).toBe(true);
    expect(pattern.test("C3.12: starts in -w")).toBe(false);
  });

  it("refuses a --test that names no test", () => {
    expect(() => scopeSelection(tests, [], ["nothing like it"])).toThrow(
      /no test title contains "nothing like it"/,
    );
  });
});

describe("titlesSelection", () => {
  it("matches exactly those titles, behind describe titles too", () => {
    const selection = titlesSelection(tests.slice(0, 2).map(({ file, title }) => ({ file, title })));
    expect(selection.files).toEqual(["specs/a.spec.ts"]);
    const pattern = new RegExp(selection.pattern ?? "");
    expect(pattern.test("C3 routing C3.12: starts in -w")).toBe(true);
    expect(pattern.test("C3.3: `login --help` (x)")).toBe(true);
    expect(pattern.test("C3.12: starts in -w, twice")).toBe(false);
    expect(pattern.test("XC3.12: starts in -w")).toBe(false);
  });
});
