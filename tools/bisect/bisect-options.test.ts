import { describe, expect, it } from "vitest";
import { imagesBetween, parseBisectOptions } from "./bisect-options.js";

describe("parseBisectOptions", () => {
  it("reads the images form, with clauses and test names", () => {
    expect(
      parseBisectOptions([
        "--good",
        "h:1",
        "--bad",
        "h:4",
        "--images",
        "h:2, h:3",
        "--clause",
        "c6.3",
        "--test",
        "runs",
      ]),
    ).toEqual({
      help: false,
      source: { kind: "images", good: "h:1", bad: "h:4", between: ["h:2", "h:3"] },
      clauses: ["C6.3"],
      names: ["runs"],
      engine: undefined,
      artifacts: undefined,
      deviations: undefined,
    });
  });

  it("reads an images file, one a line, comments and blank lines left out", () => {
    const options = parseBisectOptions(
      ["--good", "a", "--bad", "d", "--images-file", "list"],
      () => "a\n# old\nb\n\nc # rc\nd\n",
    );
    expect(options.source).toEqual({ kind: "images", good: "a", bad: "d", between: ["b", "c"] });
  });

  it("reads the history form", () => {
    expect(parseBisectOptions(["--build", "../hermes", "--good", "v1", "--bad", "HEAD"]).source).toEqual({
      kind: "history",
      dir: "../hermes",
      good: "v1",
      bad: "HEAD",
    });
  });

  it("says what is missing or contradictory", () => {
    expect(() => parseBisectOptions(["--bad", "x", "--images", "a"])).toThrow(/needs --good and --bad/);
    expect(() => parseBisectOptions(["--good", "a", "--bad", "b"])).toThrow(/needs the candidates/);
    expect(() => parseBisectOptions(["--good", "a", "--bad", "b", "--build", ".", "--images", "c"])).toThrow(
      /give one/,
    );
    expect(() => parseBisectOptions(["--good", "a", "--bad", "b", "--images", "c", "--clause", "x"])).toThrow(
      /not a clause id/,
    );
    expect(() => parseBisectOptions(["--nope"])).toThrow(/see bisect --help/);
    expect(() =>
      parseBisectOptions(["--good", "a", "--bad", "b", "--images-file", "f"], () => {
        throw new Error("ENOENT");
      }),
    ).toThrow(/cannot read f: ENOENT/);
  });

  it("asks for nothing else with --help", () => {
    expect(parseBisectOptions(["--help"]).help).toBe(true);
  });
});

describe("imagesBetween", () => {
  it("cuts a list that holds the ends at them", () => {
    expect(imagesBetween(["a", "b", "c", "d", "e"], "b", "d")).toEqual(["c"]);
    expect(imagesBetween(["c"], "b", "d")).toEqual(["c"]);
  });

  it("refuses ends in the wrong order", () => {
    expect(() => imagesBetween(["d", "c", "b"], "b", "d")).toThrow(/--good must come before --bad/);
  });
});
