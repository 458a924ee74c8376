import { describe, expect, it } from "vitest";
import { versionLine } from "./hermes-version.js";

describe("versionLine", () => {
  it("takes the Hermes Agent line, not boot output before it or a build line after it", () => {
    const stdout = [
      "[boot] remapping hermes to 10000:10000",
      "Hermes Agent v0.9.1 (2026.11.20)",
      "build: 3f2c1a9 python 3.13.5 2026-11-20T10:00:00Z",
    ].join("\n");
    expect(versionLine(stdout)).toBe("Hermes Agent v0.9.1 (2026.11.20)");
  });

  it("falls back to the first line with a version number", () => {
    expect(versionLine("booting\nhermes 1.2.3\n")).toBe("hermes 1.2.3");
  });

  it("is undefined when no line names a version", () => {
    expect(versionLine("[boot] ready\n")).toBeUndefined();
  });
});
