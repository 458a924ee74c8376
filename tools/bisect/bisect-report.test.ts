import { describe, expect, it } from "vitest";
import { reproLine, summaryLines } from "./bisect-report.js";

const failing = [
  {
    file: "specs/a.spec.ts",
    title: "C3.12: the main program starts in the directory given with docker run -w",
  },
  { file: "specs/a.spec.ts", title: "C2.6/C3.3: a leading -p NAME is hermes's global option" },
];

describe("reproLine", () => {
  it("runs the failing tests' clauses on that image", () => {
    expect(reproLine("hermes-harness/bisect:0123456789ab", failing)).toBe(
      "npx hermes-image-harness --image hermes-harness/bisect:0123456789ab --clause C2.6,C3.3,C3.12",
    );
  });
});

describe("summaryLines", () => {
  it("names the first bad candidate, its failing tests, the repro line and the cost", () => {
    expect(
      summaryLines({
        firstBad: "abc123 break -w",
        suspects: ["abc123 break -w"],
        failing: failing.slice(0, 1),
        repro: "npx hermes-image-harness --image x --clause C3.12",
        testRuns: 6,
        builds: 7,
        skipped: ["def456 unbuildable"],
        elapsedMs: 123_400,
      }),
    ).toEqual([
      "first bad: abc123 break -w",
      "failing there:",
      `  specs/a.spec.ts: ${failing[0]?.title}`,
      "reproduce: npx hermes-image-harness --image x --clause C3.12",
      "6 test runs, 7 builds, skipped def456 unbuildable, in 123 s",
    ]);
  });

  it("lists the suspects when skips hide the first bad one", () => {
    const lines = summaryLines({
      suspects: ["a", "b"],
      failing: [],
      testRuns: 3,
      builds: 0,
      skipped: ["a"],
      elapsedMs: 0,
    });
    expect(lines.slice(0, 3)).toEqual([
      "skipped candidates hide which one is the first bad; it is one of:",
      "  a",
      "  b",
    ]);
  });
});
