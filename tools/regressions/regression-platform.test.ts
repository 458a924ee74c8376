import { describe, expect, it } from "vitest";
import type { Regression } from "./regression-catalogue.js";
import {
  leftToPlatformLine,
  reproPlatform,
  runPlatformName,
  scopeToPlatform,
} from "./regression-platform.js";

const entry = (name: string, platform?: string) =>
  ({ name, dir: name, summary: "s", clause: "C1.9", specs: [], failingTests: [], platform }) as Regression;

describe("runPlatformName", () => {
  it("is undefined for the host's own platform, set or not, and the name of another", () => {
    expect(runPlatformName({}, "amd64")).toBeUndefined();
    expect(runPlatformName({ HERMES_PLATFORM: "linux/amd64" }, "amd64")).toBeUndefined();
    expect(runPlatformName({ HERMES_PLATFORM: "arm64" }, "amd64")).toBe("linux/arm64");
  });
});

describe("scopeToPlatform", () => {
  const catalogue = [entry("a"), entry("b", "linux/arm64"), entry("c")];
  it("keeps the run's platform's entries and names the rest by platform", () => {
    const native = scopeToPlatform(catalogue, undefined);
    expect(native.here.map((r) => r.name)).toEqual(["a", "c"]);
    expect(native.elsewhere).toEqual([{ platform: "linux/arm64", names: ["b"] }]);
    expect(leftToPlatformLine(native.elsewhere[0] ?? { platform: "", names: [] })).toBe(
      "left to linux/arm64: 1 regression (b), checked by HERMES_PLATFORM=linux/arm64 npm run test:regressions",
    );
    const arm = scopeToPlatform(catalogue, "linux/arm64");
    expect(arm.here.map((r) => r.name)).toEqual(["b"]);
    expect(arm.elsewhere[0]?.names).toEqual(["a", "c"]);
  });
});

describe("reproPlatform", () => {
  it("sets an entry's platform when none is chosen, and refuses another", () => {
    expect(reproPlatform(entry("b", "linux/arm64"), undefined)).toBe("linux/arm64");
    expect(reproPlatform(entry("b", "linux/arm64"), "linux/arm64")).toBeUndefined();
    expect(reproPlatform(entry("a"), undefined)).toBeUndefined();
    expect(() => reproPlatform(entry("a"), "linux/arm64")).toThrow(/unset HERMES_PLATFORM/);
  });
});
