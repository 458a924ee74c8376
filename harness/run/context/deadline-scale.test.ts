import { describe, expect, it } from "vitest";
import { HarnessSetupError } from "../../harness-setup-error.js";
import { deadlineScale, EMULATION_DEADLINE_SCALE, hostArchitecture } from "./deadline-scale.js";

describe("deadlineScale", () => {
  it("is 1 natively and the emulation factor under emulation, unless declared", () => {
    expect(deadlineScale({}, false)).toBe(1);
    expect(deadlineScale({}, true)).toBe(EMULATION_DEADLINE_SCALE);
    expect(deadlineScale({ HERMES_DEADLINE_SCALE: " 2.5 " }, true)).toBe(2.5);
    expect(deadlineScale({ HERMES_DEADLINE_SCALE: "" }, false)).toBe(1);
  });

  it("refuses a factor that would shorten deadlines or wait forever", () => {
    for (const value of ["0.5", "abc", "100"])
      expect(() => deadlineScale({ HERMES_DEADLINE_SCALE: value }, false)).toThrow(HarnessSetupError);
  });
});

describe("hostArchitecture", () => {
  it("speaks the engine's names", () => {
    expect(hostArchitecture("x64")).toBe("amd64");
    expect(hostArchitecture("arm64")).toBe("arm64");
  });
});
