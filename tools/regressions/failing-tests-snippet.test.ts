import { describe, expect, it } from "vitest";
import { failingTestsSnippet } from "./failing-tests-snippet.js";

describe("failingTestsSnippet", () => {
  it("lists each title once, JSON-quoted, as a regression.json field", () => {
    const snippet = failingTestsSnippet(['C3.5: exit "code"', "C7.5: stale", "C7.5: stale"]);
    expect(snippet).toBe(
      ['  "failingTests": [', '    "C3.5: exit \\"code\\"",', '    "C7.5: stale"', "  ]"].join("\n"),
    );
    expect(JSON.parse(`{${snippet}}`)).toEqual({ failingTests: ['C3.5: exit "code"', "C7.5: stale"] });
  });
});
