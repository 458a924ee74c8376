import { describe, expect, it } from "vitest";
import { pinnedReference, repositoryOf } from "./pinned-reference.js";

const DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

describe("pinnedReference", () => {
  it("picks the digest of the tag's repository", () => {
    expect(
      pinnedReference("nousresearch/hermes-agent:latest", [
        `mirror.example/other@sha256:${"f".repeat(64)}`,
        `nousresearch/hermes-agent@${DIGEST}`,
      ]),
    ).toBe(`nousresearch/hermes-agent@${DIGEST}`);
  });

  it("ignores Docker Hub's implicit docker.io/ and library/", () => {
    expect(pinnedReference("docker.io/library/debian:trixie-slim", [`debian@${DIGEST}`])).toBe(
      `debian@${DIGEST}`,
    );
  });

  it("keeps a reference that is already a digest", () => {
    expect(pinnedReference(`nousresearch/hermes-agent@${DIGEST}`, [])).toBe(
      `nousresearch/hermes-agent@${DIGEST}`,
    );
  });

  it("says why when the image has no digest of that repository", () => {
    expect(() => pinnedReference("hermes-harness/reference:latest", [])).toThrow(/never pushed or pulled/);
  });
});

describe("repositoryOf", () => {
  it("does not take a registry port for a tag", () => {
    expect(repositoryOf("localhost:5000/hermes:1")).toBe("localhost:5000/hermes");
    expect(repositoryOf("localhost:5000/hermes")).toBe("localhost:5000/hermes");
    expect(repositoryOf("hermes")).toBe("hermes");
  });
});
