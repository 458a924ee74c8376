import { describe, expect, it } from "vitest";
import { appendedLines } from "./appended-lines.js";

describe("appendedLines", () => {
  it("lists what was added after the kept text", () => {
    expect(appendedLines("A=1\n# c\n", "A=1\n# c\nKEY=x\n")).toEqual(["KEY=x"]);
    expect(appendedLines("A=1\n", "A=1\n")).toEqual([]);
  });

  it("accepts a newline added before the new line when the old text had none", () => {
    expect(appendedLines("A=1", "A=1\nKEY=x\n")).toEqual(["KEY=x"]);
  });

  it("is undefined when a kept line changed, moved or went", () => {
    expect(appendedLines("A=1\nB=2\n", "A=1\nKEY=x\nB=2\n")).toBeUndefined();
    expect(appendedLines("A=1\nB=2\n", "A=1\n")).toBeUndefined();
    expect(appendedLines("API_SERVER_KEY=\n", "API_SERVER_KEY=x\n")).toBeUndefined();
  });
});
