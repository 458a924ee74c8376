import { describe, expect, it } from "vitest";
import { HarnessSetupError } from "../harness-setup-error.js";
import { DEFAULT_BASE_IMAGE, selectTarget, withDefaultTag } from "./target-selection.js";

describe("selectTarget", () => {
  it("uses the reference image with the default base when nothing is set", () => {
    expect(selectTarget({})).toEqual({ kind: "reference", baseImage: DEFAULT_BASE_IMAGE, generation: "g2" });
  });

  it("takes the reference flavour from HERMES_REFERENCE_GENERATION and refuses others", () => {
    expect(selectTarget({ HERMES_REFERENCE_GENERATION: " G1 " })).toMatchObject({ generation: "g1" });
    expect(selectTarget({ HERMES_REFERENCE_GENERATION: "g2" })).toMatchObject({ generation: "g2" });
    expect(() => selectTarget({ HERMES_REFERENCE_GENERATION: "g3" })).toThrow(/must be g1 or g2.*"g3"/);
  });

  it("takes BASE_IMAGE for the reference image", () => {
    expect(selectTarget({ BASE_IMAGE: "my/base:13" })).toEqual({
      kind: "reference",
      baseImage: "my/base:13",
      generation: "g2",
    });
  });

  it("prefers HERMES_IMAGE over HERMES_BUILD_CONTEXT", () => {
    expect(
      selectTarget({ HERMES_IMAGE: "nousresearch/hermes-agent:latest", HERMES_BUILD_CONTEXT: "/src" }),
    ).toEqual({
      kind: "published",
      tag: "nousresearch/hermes-agent:latest",
    });
  });

  it("builds a checkout when only HERMES_BUILD_CONTEXT is set", () => {
    expect(selectTarget({ HERMES_BUILD_CONTEXT: " /src/hermes " })).toEqual({
      kind: "checkout",
      contextDir: "/src/hermes",
    });
  });

  it("treats blank values as unset", () => {
    expect(selectTarget({ HERMES_IMAGE: "  ", HERMES_BUILD_CONTEXT: "" }).kind).toBe("reference");
  });

  it("rejects an invalid image reference in one line that says why", () => {
    expect(() => selectTarget({ HERMES_IMAGE: "a b" })).toThrow(
      "HERMES_IMAGE=a b is not a valid image reference: it contains whitespace (give one reference)",
    );
    expect(() => selectTarget({ HERMES_IMAGE: "NousResearch/Hermes-Agent:latest" })).toThrow(
      HarnessSetupError,
    );
    expect(() => selectTarget({ HERMES_IMAGE: "NousResearch/Hermes-Agent:latest" })).toThrow(
      /^HERMES_IMAGE=NousResearch\/Hermes-Agent:latest is not a valid image reference: repository names must be lowercase/,
    );
  });
});

describe("withDefaultTag", () => {
  it("adds :latest to a bare name", () => {
    expect(withDefaultTag("nousresearch/hermes-agent")).toBe("nousresearch/hermes-agent:latest");
  });
  it("keeps an explicit tag", () => {
    expect(withDefaultTag("no-such/image:tag")).toBe("no-such/image:tag");
  });
  it("does not mistake a registry port for a tag", () => {
    expect(withDefaultTag("localhost:5000/hermes")).toBe("localhost:5000/hermes:latest");
  });
  it("keeps a digest reference", () => {
    expect(withDefaultTag("hermes@sha256:abc")).toBe("hermes@sha256:abc");
  });
});
