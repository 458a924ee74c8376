import { describe, expect, it } from "vitest";
import { layoutProblems, namedPaths } from "./readme-layout.js";

const README = [
  "Run `harness/index.ts` or `fixtures/regressions/<name>/`.",
  "",
  "## Layout",
  "",
  "- `harness/`: the library:",
  "  - `harness/run/`: the run's state: `context/` and",
  "    `profiling/`.",
  "- `tools/`: `tools/cli/` the CLI.",
  "",
  "## After",
  "- `harness/engine/` is named outside the section.",
].join("\n");

describe("readme layout", () => {
  it("reads the repository paths a README names, leaving placeholders out", () => {
    expect(namedPaths(README)).toEqual([
      "harness/index.ts",
      "harness/",
      "harness/run/",
      "tools/",
      "tools/cli/",
      "harness/engine/",
    ]);
  });

  it("accepts folders named in full, or by their last part in their parent's bullet", () => {
    const folders = ["harness/run/", "harness/run/context/", "harness/run/profiling/", "tools/cli/"];
    expect(layoutProblems(README, folders, () => true)).toEqual([]);
  });

  it("names a missing path and each folder the section leaves out", () => {
    const folders = ["harness/engine/", "harness/run/artifacts/", "tools/nightly/"];
    expect(layoutProblems(README, folders, (path) => path !== "tools/cli/")).toEqual([
      "README names `tools/cli/`, which does not exist",
      "README's Layout does not name `harness/engine/`",
      "README's Layout does not name `harness/run/artifacts/`",
      "README's Layout does not name `tools/nightly/`",
    ]);
  });
});
