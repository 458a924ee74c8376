import { describe, expect, it } from "vitest";
import { parseRegression } from "./regression-catalogue.js";

const valid = {
  summary: "probe read /proc/1/exe",
  clause: "C8.3",
  specs: ["specs/s6-probe.spec.ts"],
  failingTests: ["C8.1: a normal container is detected"],
};

describe("parseRegression", () => {
  it("reads a valid entry", () => {
    expect(parseRegression("probe-proc-exe", "/d", JSON.stringify(valid))).toEqual({
      name: "probe-proc-exe",
      dir: "/d",
      ...valid,
    });
  });

  it("names the file and the field that is wrong", () => {
    expect(() =>
      parseRegression("x", "/d", JSON.stringify({ ...valid, failingTests: [] }), "x/regression.json"),
    ).toThrow('x/regression.json: "failingTests" must be a non-empty list of strings');
    expect(() => parseRegression("x", "/d", JSON.stringify({ ...valid, clause: "8.3" }))).toThrow(
      /contract clause id/,
    );
    expect(() => parseRegression("x", "/d", JSON.stringify({ ...valid, specs: ["a.ts"] }))).toThrow(
      /specs\/\*\.spec\.ts/,
    );
    expect(() => parseRegression("Bad Name", "/d", JSON.stringify(valid))).toThrow(/folder name/);
    expect(() => parseRegression("x", "/d", "{")).toThrow(/not valid JSON/);
  });
});
