import { describe, expect, it } from "vitest";
import type { Regression } from "./regression-catalogue.js";
import { TABLE_END, TABLE_START, upstreamBugTable, withUpstreamBugTable } from "./upstream-bug-table.js";

const entry = (name: string, extra: Partial<Regression>): Regression => ({
  name,
  dir: `/d/${name}`,
  summary: "a | <b>",
  clause: "C7.8",
  specs: ["specs/restart-reconciliation.spec.ts"],
  failingTests: ["t1", "t2"],
  ...extra,
});

describe("upstreamBugTable", () => {
  it("has one row per entry tied to reports, by issue number, with links, where it runs and the fix", () => {
    const table = upstreamBugTable([
      entry("puid-wins", {}),
      entry("gh-42675-x", {
        upstream: {
          issues: [42675, 33597],
          fix: { label: "#43236", url: "https://github.com/NousResearch/hermes-agent/pull/43236" },
        },
      }),
      entry("gh-24041-y", {
        upstream: {
          issues: [24041],
          fix: { label: "343c54e3", url: "https://github.com/NousResearch/hermes-agent/commit/343c54e3" },
        },
        engine: "podman-rootless",
        failingTests: ["t"],
      }),
    ]);
    const rows = table.split("\n").slice(2);
    expect(rows).toEqual([
      "| [#24041](https://github.com/NousResearch/hermes-agent/issues/24041) | a \\| &lt;b&gt; | C7.8 | [`gh-24041-y`](fixtures/regressions/gh-24041-y/) | `restart-reconciliation.spec.ts` (1 test) | podman-rootless | [343c54e3](https://github.com/NousResearch/hermes-agent/commit/343c54e3) |",
      "| [#42675](https://github.com/NousResearch/hermes-agent/issues/42675), [#33597](https://github.com/NousResearch/hermes-agent/issues/33597) | a \\| &lt;b&gt; | C7.8 | [`gh-42675-x`](fixtures/regressions/gh-42675-x/) | `restart-reconciliation.spec.ts` (2 tests) | Docker | [#43236](https://github.com/NousResearch/hermes-agent/pull/43236) |",
    ]);
  });
});

describe("withUpstreamBugTable", () => {
  it("replaces what is between the markers and nothing else", () => {
    const readme = `# R\n\n${TABLE_START}\nold\n${TABLE_END}\n\nafter\n`;
    expect(withUpstreamBugTable(readme, "new")).toBe(`# R\n\n${TABLE_START}\nnew\n${TABLE_END}\n\nafter\n`);
  });

  it("says so when the README has no block for it", () => {
    expect(withUpstreamBugTable("# R\n", "new")).toEqual({
      problem: expect.stringContaining("README.md has no <!-- upstream-bug-table"),
    });
  });
});
