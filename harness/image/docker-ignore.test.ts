import { describe, expect, it } from "vitest";
import {
  isIgnored,
  keepBuildFiles,
  mayHoldExceptions,
  parseDockerignore,
  patternRegex,
} from "./docker-ignore.js";

const ignored = (text: string, path: string) => isIgnored(path, parseDockerignore(text));

describe("parseDockerignore", () => {
  it("skips comments and blank lines, and cleans patterns to paths from the root", () => {
    const rules = parseDockerignore(
      "\uFEFF# a comment\n\n  node_modules  \r\n/artifacts/\n./a//b/../c\n! keep\n",
    );
    expect(rules.map((rule) => [rule.pattern, rule.exception])).toEqual([
      ["node_modules", false],
      ["artifacts", false],
      ["a/c", false],
      ["keep", true],
    ]);
  });

  it("refuses a lone `!`", () => {
    expect(() => parseDockerignore("!\n")).toThrow(/illegal exclusion pattern/);
  });
});

describe("patternRegex", () => {
  it("keeps `*` and `?` within one segment, and lets `**` span any number", () => {
    expect(patternRegex("*.log").test("a.log")).toBe(true);
    expect(patternRegex("*.log").test("dir/a.log")).toBe(false);
    expect(patternRegex("a?c").test("abc")).toBe(true);
    expect(patternRegex("a?c").test("a/c")).toBe(false);
    expect(patternRegex("**/*.pyc").test("x.pyc")).toBe(true);
    expect(patternRegex("**/*.pyc").test("a/b/x.pyc")).toBe(true);
    expect(patternRegex("docs/**").test("docs/a/b")).toBe(true);
    expect(patternRegex("a/**/z").test("a/z")).toBe(true);
    expect(patternRegex("a/**/z").test("a/b/c/z")).toBe(true);
  });

  it("takes regular-expression characters literally, and keeps character classes", () => {
    expect(patternRegex("a.b+(c)").test("a.b+(c)")).toBe(true);
    expect(patternRegex("a.b").test("axb")).toBe(false);
    expect(patternRegex("[ab]x").test("bx")).toBe(true);
    expect(patternRegex("[!ab]x").test("bx")).toBe(false);
    expect(patternRegex("[!ab]x").test("cx")).toBe(true);
    expect(patternRegex("\\*").test("*")).toBe(true);
  });
});

describe("isIgnored", () => {
  it("matches plain names at the root only, and everything under a matched folder", () => {
    expect(ignored("harness", "harness")).toBe(true);
    expect(ignored("harness", "harness/image/x.ts")).toBe(true);
    expect(ignored("harness", "tools/harness")).toBe(false);
    expect(ignored("fixtures/regressions", "fixtures/regressions/a/Dockerfile")).toBe(true);
    expect(ignored("fixtures/regressions", "fixtures/reference-image/init")).toBe(false);
  });

  it("matches anywhere with `**`", () => {
    expect(ignored("**/__pycache__", "fixtures/hermes/__pycache__/x.pyc")).toBe(true);
    expect(ignored("**/__pycache__", "__pycache__")).toBe(true);
  });

  it("lets the last matching line decide, so `!` brings back what an earlier line excluded", () => {
    expect(ignored("docs\n!docs/contract.md", "docs/contract.md")).toBe(false);
    expect(ignored("docs\n!docs/contract.md", "docs/other.md")).toBe(true);
    expect(ignored("!docs/contract.md\ndocs", "docs/contract.md")).toBe(true);
    expect(ignored("*.md\n!README*.md\nREADME-secret.md", "README-secret.md")).toBe(true);
    expect(ignored("*.md\n!README*.md\nREADME-secret.md", "README.md")).toBe(false);
  });

  it("ignores nothing without rules", () => {
    expect(ignored("", "anything/at/all")).toBe(false);
  });
});

describe("mayHoldExceptions", () => {
  const rules = parseDockerignore("harness\n!harness/image/keep.ts\n!**/wanted\n");

  it("walks into an ignored folder only when an exception is spelled below it", () => {
    expect(mayHoldExceptions("harness", rules)).toBe(true);
    expect(mayHoldExceptions("harness/image", rules)).toBe(true);
    expect(mayHoldExceptions("harness/engine", rules)).toBe(false);
    expect(mayHoldExceptions("specs", rules)).toBe(false);
  });
});

describe("keepBuildFiles", () => {
  it("keeps the Dockerfile and .dockerignore in the context even when excluded", () => {
    const rules = keepBuildFiles(parseDockerignore("*\n"), "build/Dockerfile");
    expect(isIgnored("build/Dockerfile", rules)).toBe(false);
    expect(isIgnored(".dockerignore", rules)).toBe(false);
    expect(isIgnored("build/other", rules)).toBe(true);
  });

  it("adds nothing when neither is excluded", () => {
    const rules = parseDockerignore("node_modules\n");
    expect(keepBuildFiles(rules, "Dockerfile")).toEqual(rules);
  });
});
