import { describe, expect, it } from "vitest";
import type { Regression } from "./regression-catalogue.js";
import { engineOf, leftToEngineLine, reproEngine, scopeToEngine } from "./regression-engine.js";

const entry = (name: string, engine?: Regression["engine"]): Regression => ({
  name,
  dir: `/d/${name}`,
  summary: "s",
  clause: "C1.1",
  specs: ["specs/a.spec.ts"],
  failingTests: ["t"],
  ...(engine ? { engine } : {}),
});
const catalogue = [
  entry("plain"),
  entry("rootless-a", "podman-rootless"),
  entry("explicit-docker", "docker"),
  entry("rootless-b", "podman-rootless"),
];

describe("engineOf", () => {
  it("is Docker for an entry bound to no engine", () => {
    expect(engineOf(entry("x"))).toBe("docker");
    expect(engineOf(entry("x", "podman"))).toBe("podman");
  });
});

describe("scopeToEngine", () => {
  it("keeps this engine's entries and names the others by engine", () => {
    expect(scopeToEngine(catalogue, "docker")).toEqual({
      here: [catalogue[0], catalogue[2]],
      elsewhere: [{ engine: "podman-rootless", names: ["rootless-a", "rootless-b"] }],
    });
    const rootful = scopeToEngine(catalogue, "podman");
    expect(rootful.here).toEqual([]);
    expect(rootful.elsewhere.map((group) => group.engine)).toEqual(["docker", "podman-rootless"]);
  });
});

describe("leftToEngineLine", () => {
  it("names the entries and the command that checks them", () => {
    expect(leftToEngineLine({ engine: "podman-rootless", names: ["a", "b"] })).toBe(
      "left to podman-rootless: 2 regressions (a, b), checked by HERMES_ENGINE=podman-rootless npm run test:regressions",
    );
    expect(leftToEngineLine({ engine: "docker", names: ["a"] })).toMatch(
      /^left to docker: 1 regression \(a\),/,
    );
  });

  it("names the first few of a long list and counts the rest", () => {
    const names = Array.from({ length: 10 }, (_, i) => `r${i}`);
    expect(leftToEngineLine({ engine: "docker", names })).toBe(
      "left to docker: 10 regressions (r0, r1, r2, r3, r4, r5, r6, r7 and 2 more), checked by HERMES_ENGINE=docker npm run test:regressions",
    );
  });
});

describe("reproEngine", () => {
  it("picks the entry's engine when none is chosen, and leaves a matching choice or a free entry alone", () => {
    expect(reproEngine(entry("r", "podman-rootless"), undefined)).toBe("podman-rootless");
    expect(reproEngine(entry("r", "podman-rootless"), "podman-rootless")).toBeUndefined();
    expect(reproEngine(entry("plain"), undefined)).toBeUndefined();
    expect(reproEngine(entry("plain"), "podman")).toBeUndefined();
  });

  it("refuses another engine than the entry's", () => {
    expect(() => reproEngine(entry("r", "podman-rootless"), "docker")).toThrow(
      '[regressions] r runs on podman-rootless (its regression.json\'s "engine"), but HERMES_ENGINE=docker: unset HERMES_ENGINE or set it to podman-rootless',
    );
  });
});
