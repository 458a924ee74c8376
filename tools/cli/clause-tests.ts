import { stringLiterals } from "../../harness/lifecycle/reports/spec-titles.js";

/** A test title's leading clause ids, `C5.2/C5.3: ...` → C5.2 and C5.3. */
const TITLE = /^(C\d+\.\d+(?:\/C\d+\.\d+)*): /;

export interface ClauseTest {
  file: string;
  title: string;
  clauses: string[];
}

export const clausesOfTitle = (title: string): string[] => TITLE.exec(title)?.[1]?.split("/") ?? [];

/** The clause-naming test titles in spec sources (`it.each` titles keep their placeholders). */
export function clauseTests(specs: readonly { file: string; source: string }[]): ClauseTest[] {
  return specs.flatMap(({ file, source }) =>
    stringLiterals(source)
      .map((title) => ({ file, title, clauses: clausesOfTitle(title) }))
      .filter((t) => t.clauses.length > 0),
  );
}

/** `C4` covers C4.1, C4.2, ...; `C5.3` only itself. */
export const covers = (requested: string, clause: string) =>
  requested.includes(".") ? clause === requested : clause.startsWith(`${requested}.`);

/**
 * vitest's --testNamePattern for the requested clauses. It is matched against the full name
 * (describe titles first), so it anchors on the `...: ` list that only an `it` title ends with.
 */
export function testNamePattern(requested: readonly string[]): string {
  const ids = requested.map((r) => (r.includes(".") ? r.replace(".", "\\.") : `${r}\\.\\d+`));
  return `(?:^| )(?:C\\d+\\.\\d+/)*(?:${ids.join("|")})(?:/C\\d+\\.\\d+)*: `;
}

/** `requested` ids no test covers: a typo, or a clause with no spec. */
export const uncovered = (requested: readonly string[], tests: readonly ClauseTest[]) =>
  requested.filter((r) => !tests.some((t) => t.clauses.some((c) => covers(r, c))));

/** Spec files with at least one test of the requested clauses. */
export const filesFor = (requested: readonly string[], tests: readonly ClauseTest[]) => [
  ...new Set(
    tests.filter((t) => t.clauses.some((c) => requested.some((r) => covers(r, c)))).map((t) => t.file),
  ),
];

/**
 * `--list`: each clause (by number), its one-line promise, its tests, then the upstream bug reports
 * the regression catalogue ties to it (`guards`: clause → `#42675 #33597 (entry)` lines).
 */
export function formatClauseList(
  tests: readonly ClauseTest[],
  promises: ReadonlyMap<string, string>,
  guards: ReadonlyMap<string, readonly string[]> = new Map(),
): string[] {
  const ids = [...new Set([...promises.keys(), ...tests.flatMap((t) => t.clauses)])].sort(byClauseNumber);
  return ids.flatMap((id) => {
    const own = tests.filter((t) => t.clauses.includes(id));
    const lines = own.map((t) => `    ${t.file}: ${t.title}`);
    const bugs = guards.get(id) ?? [];
    return [
      `${id}  ${promises.get(id) ?? ""}`.trimEnd(),
      ...(lines.length > 0 ? lines : ["    (no test names it)"]),
      ...(bugs.length > 0 ? [`    upstream bugs it would catch again: ${bugs.join("; ")}`] : []),
    ];
  });
}

/** docs/contract.md's `- **C1.1** *(revised)* The runtime user ...` bullets → id → first sentence. */
export function contractPromises(markdown: string): Map<string, string> {
  const promises = new Map<string, string>();
  for (const match of markdown.matchAll(/^- \*\*(C\d+\.\d+)\*\* (?:\*\([^)]*\)\* )?(.*(?:\n {2}\S.*)*)/gm)) {
    const [, id = "", text = ""] = match;
    const plain = text.replace(/[`*]/g, "").replace(/\s+/g, " ");
    const sentence = plain.split(/(?<=\.) /)[0] ?? plain;
    promises.set(id, sentence.length > 100 ? `${sentence.slice(0, 97)}...` : sentence);
  }
  return promises;
}

export function byClauseNumber(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.slice(1).split(".").map(Number);
  const [b1 = 0, b2 = 0] = b.slice(1).split(".").map(Number);
  return a1 - b1 || a2 - b2;
}
