import { describe, expect, it } from "vitest";
import { artifactsRoot } from "./artifacts-root.js";

describe("artifactsRoot", () => {
  it("defaults to artifacts/ under the repository", () => {
    expect(artifactsRoot("/repo", {})).toBe("/repo/artifacts");
    expect(artifactsRoot("/repo/", { HERMES_HARNESS_ARTIFACTS: "  " })).toBe("/repo/artifacts");
  });

  it("uses an absolute path as given", () => {
    expect(artifactsRoot("/repo", { HERMES_HARNESS_ARTIFACTS: "/tmp/hermes-artifacts" })).toBe(
      "/tmp/hermes-artifacts",
    );
  });

  it("puts a relative path under the repository", () => {
    expect(artifactsRoot("/repo", { HERMES_HARNESS_ARTIFACTS: "out/diag" })).toBe("/repo/out/diag");
    expect(artifactsRoot("/repo", { HERMES_HARNESS_ARTIFACTS: "../elsewhere" })).toBe("/elsewhere");
  });
});
