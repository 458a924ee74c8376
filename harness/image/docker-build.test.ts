import Docker from "dockerode";
import { describe, expect, it } from "vitest";
import { buildOptions, readBuildLine } from "./docker-build.js";

describe("buildOptions", () => {
  const options = buildOptions(
    {
      tags: ["a:1", "a:latest"],
      buildArgs: { BASE_IMAGE: "debian:trixie-slim" },
      labels: { "org.hermes-harness.image-kind": "reference" },
    },
    "Dockerfile.test",
  );

  it("removes intermediate containers also when a step fails", () => {
    expect(options).toMatchObject({ rm: true, forcerm: true, dockerfile: "Dockerfile.test" });
  });

  it("reaches the API as one `t` per tag, and build args and labels as JSON", () => {
    // docker-modem's own encoding, private in its typings: what the daemon will read.
    const modem = new Docker().modem as unknown as { buildQuerystring(options: object): string };
    const query = new URLSearchParams(modem.buildQuerystring(options));
    expect(query.getAll("t")).toEqual(["a:1", "a:latest"]);
    expect(JSON.parse(query.get("buildargs") ?? "")).toEqual({ BASE_IMAGE: "debian:trixie-slim" });
    expect(JSON.parse(query.get("labels") ?? "")).toEqual({ "org.hermes-harness.image-kind": "reference" });
    expect(query.get("forcerm")).toBe("true");
  });
});

describe("readBuildLine", () => {
  it("logs the builder's output as it is", () => {
    expect(readBuildLine('{"stream":"Step 1/9 : FROM x\\n"}')).toEqual({ text: "Step 1/9 : FROM x\n" });
    expect(readBuildLine('{"stream":" ---> 1234\\n"}')).toEqual({ text: " ---> 1234\n" });
  });

  it("takes an error message for the build's failure, and logs it last as the CLI did", () => {
    const line =
      '{"errorDetail":{"code":1,"message":"The command \'/bin/sh -c false\' returned a non-zero code: 1"},' +
      '"error":"The command \'/bin/sh -c false\' returned a non-zero code: 1"}';
    expect(readBuildLine(line)).toEqual({
      text: "The command '/bin/sh -c false' returned a non-zero code: 1\n",
      error: "The command '/bin/sh -c false' returned a non-zero code: 1",
    });
    expect(readBuildLine('{"error":"no such image"}')).toEqual({
      text: "no such image\n",
      error: "no such image",
    });
  });

  it("logs a pull's status lines without their progress bars", () => {
    expect(readBuildLine('{"status":"Downloading","progress":"[==>  ]","id":"abc"}')).toEqual({
      text: "abc: Downloading\n",
    });
  });

  it("keeps a line that is not JSON, and skips what has nothing to log", () => {
    expect(readBuildLine("plain text")).toEqual({ text: "plain text\n" });
    expect(readBuildLine('{"aux":{"ID":"sha256:1"}}')).toEqual({});
    expect(readBuildLine("  ")).toEqual({});
  });
});
