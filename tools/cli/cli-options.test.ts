import { describe, expect, it } from "vitest";
import { HarnessSetupError } from "../../harness/harness-setup-error.js";
import { parseCliOptions } from "./cli-options.js";

describe("parseCliOptions", () => {
  it("reads every option; clauses from commas and repeats, upper-cased", () => {
    expect(
      parseCliOptions([
        "--image",
        "nousresearch/hermes-agent:latest",
        "--clause",
        "c4, C5.3",
        "--clause=C6",
        "--junit",
        "j.xml",
        "--artifacts",
        "out",
        "--deviations",
        "d.json",
        "--summary",
        "s.md",
        "--engine",
        "podman-rootless",
      ]),
    ).toEqual({
      help: false,
      list: false,
      image: "nousresearch/hermes-agent:latest",
      build: undefined,
      generation: undefined,
      engine: "podman-rootless",
      clauses: ["C4", "C5.3", "C6"],
      junit: "j.xml",
      artifacts: "out",
      deviations: "d.json",
      summary: "s.md",
    });
  });

  it("has no clause filter, no image and no reports by default", () => {
    expect(parseCliOptions([])).toMatchObject({
      clauses: [],
      image: undefined,
      build: undefined,
      junit: undefined,
    });
  });

  it.each([
    [["--imge", "x"], /Unknown option '--imge'/],
    [["stray"], /positional/],
    [["--clause", "C4.x"], /"C4.X" is not a clause id/],
    [["--clause", "4"], /"4" is not a clause id/],
    [["--image", "a", "--build", "b"], /give one/],
    [["--generation", "g3"], /must be g1 or g2/],
    [["--generation", "g1", "--image", "a"], /does not go with --image/],
    [["--engine", "lxc"], /must be one of docker, podman, podman-rootless/],
    [["--platform", "linux/sparc"], /not a platform the harness knows/],
  ])("refuses %j with one clear line (a setup error: exit 2)", (argv, message) => {
    expect(() => parseCliOptions(argv)).toThrow(HarnessSetupError);
    expect(() => parseCliOptions(argv)).toThrow(message);
  });
});

describe("--platform", () => {
  it("takes a platform or an architecture alone, in the engine's terms", () => {
    expect(parseCliOptions(["--platform", "aarch64"]).platform).toBe("linux/arm64");
    expect(parseCliOptions(["--platform", "linux/amd64"]).platform).toBe("linux/amd64");
    expect(parseCliOptions([]).platform).toBeUndefined();
  });
});
