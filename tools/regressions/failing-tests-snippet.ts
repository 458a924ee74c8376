/**
 * The `failingTests` entry of a regression.json, ready to paste: each failing title once (a title
 * that `describe.each` repeats is one entry, and matching then needs every copy to fail), bare `it`
 * titles as the verdict matches them, not vitest's printed `describe > it` path.
 */
export function failingTestsSnippet(failedTitles: readonly string[]): string {
  const titles = [...new Set(failedTitles)];
  const items = titles.map((title, i) => `    ${JSON.stringify(title)}${i < titles.length - 1 ? "," : ""}`);
  return ['  "failingTests": [', ...items, "  ]"].join("\n");
}
