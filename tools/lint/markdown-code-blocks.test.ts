import { describe, expect, it } from "vitest";
import { codeBlocks } from "./markdown-code-blocks.js";

describe("codeBlocks", () => {
  const markdown = [
    "# Title",
    "```sh",
    "npm test",
    "```",
    "text",
    "```ts",
    "const a = 1;",
    "",
    "export { a };",
    "```",
    "````md",
    "```ts",
    "inside a longer fence",
    "```",
    "````",
  ].join("\n");

  it("returns the blocks of the asked languages with the line their code starts on", () => {
    expect(codeBlocks(markdown, ["ts"])).toEqual([
      { lang: "ts", line: 7, code: "const a = 1;\n\nexport { a };\n" },
    ]);
    expect(codeBlocks(markdown, ["sh"]).map((b) => b.code)).toEqual(["npm test\n"]);
  });

  it("does not take a fence nested in a longer one for a block of its own", () => {
    expect(codeBlocks(markdown, ["md"])).toHaveLength(1);
    expect(codeBlocks(markdown, ["md"])[0]?.code).toContain("inside a longer fence");
  });
});
