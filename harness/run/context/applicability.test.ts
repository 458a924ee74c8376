import { describe, expect, it } from "vitest";
import { parseHermesVersion, versionAtLeast } from "./applicability.js";

describe("parseHermesVersion", () => {
  it("reads the version of upstream's line and the reference's, ignoring the date in brackets", () => {
    expect(parseHermesVersion("Hermes Agent v0.18.0 (2026.7.1)")).toEqual([0, 18, 0]);
    expect(parseHermesVersion("Hermes Agent v0.20.1+reference (reference image)")).toEqual([0, 20, 1]);
    expect(parseHermesVersion("Hermes Agent v1.2 (2026.12.1)")).toEqual([1, 2, 0]);
  });

  it("has no version for a line without one", () => {
    expect(parseHermesVersion("unknown (--version exited 2: boom)")).toBeUndefined();
  });
});

describe("versionAtLeast", () => {
  it.each([
    ["Hermes Agent v0.16.0 (2026.6.5)", "0.16.0", true],
    ["Hermes Agent v0.17.3 (2026.6.19)", "0.18.0", false],
    ["Hermes Agent v0.18.0 (2026.7.1)", "0.16.0", true],
    ["Hermes Agent v0.9.12", "0.16.0", false],
    ["Hermes Agent v1.0.0", "0.18.0", true],
  ])("%s >= %s is %s", (version, since, expected) => {
    expect(versionAtLeast(version, since)).toBe(expected);
  });

  it("counts an unreadable version as new enough (the nightly judges latest)", () => {
    expect(versionAtLeast("unknown (no version line)", "0.18.0")).toBe(true);
  });

  it("refuses a threshold that is not a version", () => {
    expect(() => versionAtLeast("Hermes Agent v0.18.0", "latest")).toThrow(/not a version/);
  });
});
