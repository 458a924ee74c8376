import { describe, expect, it } from "vitest";
import { imageReferenceProblem } from "./image-reference.js";

const HEX = "0123456789abcdef".repeat(4);

describe("imageReferenceProblem", () => {
  it.each([
    "nousresearch/hermes-agent",
    "nousresearch/hermes-agent:latest",
    "hermes-harness/regression:exit-code-lost-0123abcd4567",
    "debian:trixie-slim",
    "localhost:5000/hermes:1.0",
    "registry.example.com/team/hermes_agent__x:v1.2.3",
    "Registry.Example.com/team/hermes:1",
    `nousresearch/hermes-agent@sha256:${HEX}`,
    `nousresearch/hermes-agent:latest@sha256:${HEX}`,
    `sha256:${HEX}`,
  ])("accepts %s", (ref) => {
    expect(imageReferenceProblem(ref)).toBeUndefined();
  });

  it("says an upper-case repository must be lowercase, and offers the lowercase one", () => {
    expect(imageReferenceProblem("NousResearch/Hermes-Agent:latest")).toBe(
      'repository names must be lowercase ("NousResearch/Hermes-Agent"); did you mean nousresearch/hermes-agent:latest?',
    );
    expect(imageReferenceProblem("nousresearch/Hermes-Agent")).toBe(
      'repository names must be lowercase ("nousresearch/Hermes-Agent"); did you mean nousresearch/hermes-agent?',
    );
  });

  it("names only the path when the first component is a real registry host", () => {
    expect(imageReferenceProblem("registry.example.com/Team/hermes")).toMatch(
      /^repository names must be lowercase \("Team\/hermes"\)/,
    );
  });

  it("names a bad tag, digest, component or host", () => {
    expect(imageReferenceProblem("hermes:-x")).toMatch(/^the tag "-x" may only hold/);
    expect(imageReferenceProblem("hermes@sha256:xyz")).toMatch(/^the digest "sha256:xyz" must look like/);
    expect(imageReferenceProblem("nous--/hermes")).toMatch(/^"nous--" is not a valid name component/);
    expect(imageReferenceProblem("nous//hermes")).toMatch(/empty path component/);
    expect(imageReferenceProblem("bad_host.example:5000/hermes")).toMatch(/is not a registry host/);
    expect(imageReferenceProblem("a b")).toMatch(/whitespace/);
    expect(imageReferenceProblem(`${"a".repeat(256)}:1`)).toMatch(/at most 255/);
  });
});
