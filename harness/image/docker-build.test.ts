import { describe, expect, it } from "vitest";
import { dockerBuildArgs } from "./docker-build.js";

describe("dockerBuildArgs", () => {
  it("removes intermediate containers also when a step fails, and ends with the context", () => {
    const args = dockerBuildArgs({
      contextDir: "/ctx",
      dockerfile: "/ctx/Dockerfile",
      tags: ["a:1", "a:latest"],
      buildArgs: { BASE_IMAGE: "debian:trixie-slim" },
      labels: { "org.hermes-harness.image-kind": "reference" },
    });
    expect(args).toEqual([
      "build",
      "--force-rm",
      "-f",
      "/ctx/Dockerfile",
      "-t",
      "a:1",
      "-t",
      "a:latest",
      "--build-arg",
      "BASE_IMAGE=debian:trixie-slim",
      "--label",
      "org.hermes-harness.image-kind=reference",
      "/ctx",
    ]);
  });
});
