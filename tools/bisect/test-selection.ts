import { HarnessSetupError } from "../../harness/harness-setup-error.js";
import { type ClauseTest, covers, testNamePattern } from "../cli/clause-tests.js";

/** One test by its spec file (relative to the package root) and bare `it` title. */
export interface TestRef {
  file: string;
  title: string;
}

/** What one vitest run is given: spec files (none: all of them) and a test-name pattern. */
export interface Selection {
  files: string[];
  pattern?: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Where a bisect looks for what is broken: the tests of `--clause` and `--test` (a piece of a
 * title), else the whole suite.
 */
export function scopeSelection(
  tests: readonly ClauseTest[],
  clauses: readonly string[],
  names: readonly string[],
): Selection {
  if (clauses.length === 0 && names.length === 0) return { files: [] };
  const unmatched = names.filter((name) => !tests.some((t) => t.title.includes(name)));
  if (unmatched.length > 0)
    throw new HarnessSetupError(
      `--test: no test title contains "${unmatched.join('", "')}" (--list shows them)`,
    );
  const chosen = tests.filter(
    (t) => t.clauses.some((c) => clauses.some((r) => covers(r, c))) || names.some((n) => t.title.includes(n)),
  );
  const patterns = [
    ...(clauses.length > 0 ? [testNamePattern(clauses)] : []),
    ...(names.length > 0 ? [`(?:${names.map(escapeRegExp).join("|")})`] : []),
  ];
  return {
    files: [...new Set(chosen.map((t) => t.file))].sort(),
    pattern: patterns.length === 1 ? patterns[0] : patterns.map((p) => `(?:${p})`).join("|"),
  };
}

/**
 * Exactly these tests. vitest matches the pattern against the describe titles and the `it` title
 * joined by spaces, so each title is anchored at the end and after a space or the start.
 */
export function titlesSelection(tests: readonly TestRef[]): Selection {
  const titles = [...new Set(tests.map((t) => t.title))];
  return {
    files: [...new Set(tests.map((t) => t.file))].sort(),
    pattern: `(?:^| )(?:${titles.map(escapeRegExp).join("|")})$`,
  };
}
