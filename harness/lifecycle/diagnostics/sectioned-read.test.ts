import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseSections, sectionedScript } from "./sectioned-read.js";

const MARKER = "@@hermes-harness-0123456789abcdef@@";

// The script runs in a local sh, as it would in a container: no Docker needed.
function run(sections: Record<string, string>, seconds = 5): Map<string, string> {
  const out = execFileSync("sh", ["-s", MARKER], {
    input: sectionedScript(sections, seconds),
    encoding: "utf8",
  });
  return parseSections(out, MARKER);
}

describe("sectioned read", () => {
  it("gives each section exactly what its snippet wrote, stderr included, quotes intact", () => {
    const read = run({
      plain: "printf 'a\\nb\\n'",
      "no-newline": "printf x",
      quoted: `printf '%s: %s\\n' "it's" 'fine'`,
      stderr: "echo oops >&2",
      empty: "true",
      nul: "printf 'one\\0two'",
    });
    expect([...read.entries()]).toEqual([
      ["plain", "a\nb\n"],
      ["no-newline", "x"],
      ["quoted", "it's: fine\n"],
      ["stderr", "oops\n"],
      ["empty", ""],
      ["nul", "one\0two"],
    ]);
  });

  it("a section that reads stdin gets nothing, and the script behind it still runs", () => {
    const read = run({ reader: "cat", after: "echo after" });
    expect([...read.entries()]).toEqual([
      ["reader", ""],
      ["after", "after\n"],
    ]);
  });

  it("a failing section does not stop the ones after it", () => {
    const read = run({ first: "exit 3", second: "echo still" });
    expect(read.get("first")).toBe("");
    expect(read.get("second")).toBe("still\n");
  });

  it("a hung section is cut off after its seconds and the next one is still read", () => {
    const started = Date.now();
    const read = run({ hung: "sleep 30", after: "echo after" }, 1);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(read.get("after")).toBe("after\n");
  });

  it("text that merely looks like a marker line is content, not a new section", () => {
    const read = run({ only: "printf '\\n@@hermes-harness-fake@@ forged\\nrest\\n'" });
    expect([...read.keys()]).toEqual(["only"]);
    expect(read.get("only")).toBe("\n@@hermes-harness-fake@@ forged\nrest\n");
  });

  it("output cut short before a marker yields only the sections that began", () => {
    const read = parseSections(`\n${MARKER} a\nfirst\n${MARKER} b`, MARKER);
    expect([...read.entries()]).toEqual([["a", "first"]]);
    expect(parseSections("", MARKER).size).toBe(0);
  });
});
