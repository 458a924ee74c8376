import { describe, expect, it } from "vitest";
import { HarnessSetupError } from "../harness-setup-error.js";
import { imageMatchesPlatform, parsePlatform, platformName } from "./platform.js";

describe("parsePlatform", () => {
  it("reads os/arch[/variant] and the architecture alone, in OCI and uname names", () => {
    expect(parsePlatform("linux/arm64")).toEqual({ os: "linux", architecture: "arm64" });
    expect(parsePlatform(" linux/arm64/v8 ")).toEqual({ os: "linux", architecture: "arm64", variant: "v8" });
    expect(parsePlatform("aarch64")).toEqual({ os: "linux", architecture: "arm64" });
    expect(parsePlatform("x86_64")).toEqual({ os: "linux", architecture: "amd64" });
  });

  it("takes unset or blank as the engine's own platform", () => {
    expect(parsePlatform(undefined)).toBeUndefined();
    expect(parsePlatform("  ")).toBeUndefined();
  });

  it("refuses what no engine would run, naming the form it wants", () => {
    expect(() => parsePlatform("windows/amd64")).toThrow(HarnessSetupError);
    expect(() => parsePlatform("linux/sparc")).toThrow(/linux\/ARCH/);
    expect(() => parsePlatform("linux/arm64/v8/x")).toThrow(HarnessSetupError);
  });
});

describe("platformName", () => {
  it("joins what is known", () => {
    expect(platformName({ os: "linux", architecture: "arm64" })).toBe("linux/arm64");
    expect(platformName({ os: "linux", architecture: "arm64", variant: "v8" })).toBe("linux/arm64/v8");
  });
});

describe("imageMatchesPlatform", () => {
  const arm64 = { os: "linux", architecture: "arm64" };
  it("compares os and architecture, and a variant only when both say one", () => {
    expect(imageMatchesPlatform(arm64, arm64)).toBe(true);
    expect(imageMatchesPlatform({ os: "linux", architecture: "amd64" }, arm64)).toBe(false);
    expect(imageMatchesPlatform({ ...arm64, variant: "v8" }, { ...arm64, variant: "v8" })).toBe(true);
    expect(imageMatchesPlatform(arm64, { ...arm64, variant: "v8" })).toBe(true);
    expect(imageMatchesPlatform({ ...arm64, variant: "v7" }, { ...arm64, variant: "v8" })).toBe(false);
    expect(imageMatchesPlatform({ os: "windows", architecture: "arm64" }, arm64)).toBe(false);
  });
});
