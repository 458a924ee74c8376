import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadCatalogue, parseRegression } from "./regression-catalogue.js";

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

  it("takes a new entry with no failingTests yet (repro lists them)", () => {
    expect(parseRegression("x", "/d", JSON.stringify({ ...valid, failingTests: [] })).failingTests).toEqual(
      [],
    );
    const { failingTests: _, ...withoutTitles } = valid;
    expect(parseRegression("x", "/d", JSON.stringify(withoutTitles)).failingTests).toEqual([]);
  });

  it("reads the engine an entry is bound to, and has none for an entry without one (Docker)", () => {
    const bound = parseRegression("x", "/d", JSON.stringify({ ...valid, engine: "podman-rootless" }));
    expect(bound.engine).toBe("podman-rootless");
    expect(parseRegression("x", "/d", JSON.stringify(valid))).not.toHaveProperty("engine");
  });

  it("names the file and the field that is wrong", () => {
    expect(() =>
      parseRegression("x", "/d", JSON.stringify({ ...valid, engine: "Podman" }), "x/regression.json"),
    ).toThrow('x/regression.json: "engine" must be one of docker, podman, podman-rootless, got "Podman"');
    expect(() => parseRegression("x", "/d", JSON.stringify({ ...valid, engine: 1 }))).toThrow(
      /"engine" must be one of .*, got 1$/,
    );
    expect(() =>
      parseRegression("x", "/d", JSON.stringify({ ...valid, failingTests: [""] }), "x/regression.json"),
    ).toThrow('x/regression.json: "failingTests" must be a list of strings');
    expect(() => parseRegression("x", "/d", JSON.stringify({ ...valid, specs: [] }))).toThrow(
      '"specs" must be a non-empty list of strings',
    );
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

describe("loadCatalogue", () => {
  let root = "";
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("reads the good entries and reports each bad one on its own", async () => {
    root = mkdtempSync(join(tmpdir(), "catalogue-"));
    const entry = (name: string, json?: string) => {
      mkdirSync(join(root, name));
      if (json !== undefined) writeFileSync(join(root, name, "regression.json"), json);
    };
    entry("good", JSON.stringify(valid));
    entry("broken-json", "{");
    entry("no-json");
    entry("new-entry", JSON.stringify({ ...valid, failingTests: [] }));
    entry("unknown-engine", JSON.stringify({ ...valid, engine: "lxd" }));

    const catalogue = await loadCatalogue(root);
    expect(catalogue.regressions.map((r) => r.name)).toEqual(["good", "new-entry"]);
    expect(catalogue.problems).toEqual([
      {
        name: "broken-json",
        message: expect.stringMatching(/broken-json\/regression\.json: not valid JSON/),
      },
      { name: "no-json", message: expect.stringMatching(/no-json\/regression\.json: missing$/) },
      {
        name: "unknown-engine",
        message: expect.stringMatching(/unknown-engine\/regression\.json: "engine" must be one of/),
      },
    ]);
  });
});
