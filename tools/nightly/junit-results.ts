/** What a JUnit report says, counted from its test cases (not from attributes a tool may omit). */
export interface JunitResults {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  /** `file: title` of every failing or erroring test case (a failed hook or file is one case too). */
  failing: string[];
}

/** Reads vitest's JUnit XML (the merged nightly report). */
export function parseJunit(xml: string): JunitResults {
  const results: JunitResults = { tests: 0, failures: 0, errors: 0, skipped: 0, failing: [] };
  const testcase = /<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const match of xml.matchAll(testcase)) {
    const attributes = match[1] ?? "";
    const body = match[2] ?? "";
    results.tests += 1;
    const name = `${attribute(attributes, "classname")}: ${attribute(attributes, "name")}`;
    if (/<error\b/.test(body)) {
      results.errors += 1;
      results.failing.push(name);
    } else if (/<failure\b/.test(body)) {
      results.failures += 1;
      results.failing.push(name);
    } else if (/<skipped\b/.test(body)) {
      results.skipped += 1;
    }
  }
  // Errors outside any test case (vitest's unhandled errors) only show in the root's attribute.
  const rootErrors = Number(/<testsuites\b[^>]*\berrors="(\d+)"/.exec(xml)?.[1] ?? 0);
  results.errors = Math.max(results.errors, rootErrors);
  return results;
}

function attribute(attributes: string, name: string): string {
  const value = new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1] ?? "";
  return value
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}
