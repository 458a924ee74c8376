import { describe, expect, expectTypeOf, it } from "vitest";
import { type ExecUser, resolveExecUser } from "./exec-user.js";

describe("resolveExecUser", () => {
  it("defaults to hermes", () => {
    expect(resolveExecUser()).toEqual({ user: "hermes" });
    expect(resolveExecUser({})).toEqual({ user: "hermes" });
  });

  it("accepts a numeric non-root uid", () => {
    expect(resolveExecUser({ user: 2000 })).toEqual({ user: "2000" });
  });

  it("runs as root only with a reason, and keeps the reason", () => {
    expect(resolveExecUser({ root: { reason: "seed a root-owned file to test repair" } })).toEqual({
      user: "root",
      rootReason: "seed a root-owned file to test repair",
    });
  });

  it("refuses root with an empty or token reason", () => {
    expect(() => resolveExecUser({ root: { reason: "" } })).toThrow(/needs a reason/);
    expect(() => resolveExecUser({ root: { reason: " x " } })).toThrow(/needs a reason/);
  });

  it("refuses uid 0 and the name root through the user field", () => {
    expect(() => resolveExecUser({ user: 0 })).toThrow(/root: \{ reason/);
    expect(() => resolveExecUser({ user: "root" as "hermes" })).toThrow(/root: \{ reason/);
  });

  it("makes root without a reason a type error", () => {
    // @ts-expect-error root needs { reason }
    const noReason: ExecUser = { root: {} };
    // @ts-expect-error the user field does not take "root"
    const rootByName: ExecUser = { user: "root" };
    // @ts-expect-error root and user cannot be combined
    const both: ExecUser = { root: { reason: "because of something" }, user: "hermes" };
    expectTypeOf<{ root: { reason: string } }>().toExtend<ExecUser>();
    expect([noReason, rootByName, both]).toHaveLength(3);
  });
});
