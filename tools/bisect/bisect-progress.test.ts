import { describe, expect, it } from "vitest";
import { BisectProgress, liveLine, stepLine } from "./bisect-progress.js";

const start = { step: 3, stepsAtMost: 6, candidatesLeft: 7, label: "abc1234 wrapper: cd home" };

describe("progress lines", () => {
  it("say the step, the bound, the candidates left and the time", () => {
    expect(liveLine(start, "testing", 41_400)).toBe(
      "bisect: step 3/6, 7 candidates left: testing abc1234 wrapper: cd home (41 s)",
    );
    expect(stepLine(start, "bad", 52_000)).toBe(
      "bisect: step 3/6 abc1234 wrapper: cd home: bad in 52 s (7 candidates left before it)",
    );
  });
});

describe("BisectProgress", () => {
  it("writes one line per step when not on a terminal", () => {
    const written: string[] = [];
    let clock = 0;
    const progress = new BisectProgress({ write: (text) => written.push(text) }, () => clock);
    progress.begin(start, "building");
    progress.phase("testing");
    progress.say("a note");
    clock = 9_000;
    expect(progress.end("good")).toBe(9_000);
    expect(written).toEqual(["a note\n", `${stepLine(start, "good", 9_000)}\n`]);
  });

  it("redraws a live line on a terminal and clears it before the step's line", () => {
    const written: string[] = [];
    const progress = new BisectProgress({ write: (text) => written.push(text), isTTY: true }, () => 0);
    progress.begin(start, "building");
    progress.phase("testing");
    progress.end("bad");
    expect(written).toEqual([
      `\r\x1b[K${liveLine(start, "building", 0)}`,
      `\r\x1b[K${liveLine(start, "testing", 0)}`,
      "\r\x1b[K",
      `${stepLine(start, "bad", 0)}\n`,
    ]);
  });

  it("cuts the live line to the terminal's width", () => {
    const written: string[] = [];
    const progress = new BisectProgress(
      { write: (text) => written.push(text), isTTY: true, columns: 20 },
      () => 0,
    );
    progress.begin(start, "testing");
    progress.end("bad");
    expect(written[0]).toBe(`\r\x1b[K${liveLine(start, "testing", 0).slice(0, 18)}…`);
  });
});
