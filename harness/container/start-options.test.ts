import { describe, expect, it } from "vitest";
import { dockerRunArgs, type StartOptions, validateStartOptions } from "./start-options.js";

describe("validateStartOptions", () => {
  it("accepts the documented options", () => {
    expect(() =>
      validateStartOptions({
        env: { HERMES_UID: "2000" },
        ports: [9119],
        capAdd: ["SYS_ADMIN"],
        waitFor: "running",
      }),
    ).not.toThrow();
  });

  it("names an unknown option and lists the known ones", () => {
    const options = { env: {}, volumes: ["x"] } as unknown as StartOptions;
    expect(() => validateStartOptions(options)).toThrow(/unknown option\(s\) volumes; known: env, command/);
  });

  it("rejects bad ports, bad waitFor and bad env names", () => {
    expect(() => validateStartOptions({ ports: [0] })).toThrow(/bad port 0/);
    expect(() => validateStartOptions({ waitFor: "ready" as "boot" })).toThrow(/waitFor must be/);
    expect(() => validateStartOptions({ env: { "A-B": "1" } })).toThrow(
      /bad environment variable name "A-B"/,
    );
  });
});

describe("dockerRunArgs", () => {
  it("puts flags before the image and the command after it", () => {
    expect(
      dockerRunArgs(
        {
          env: { PUID: "1000" },
          user: "10000:10000",
          init: true,
          capDrop: ["CHOWN"],
          data: { volume: "v1" },
          command: ["sh", "-c", "exit 3"],
        },
        "img",
      ),
    ).toEqual([
      "-e",
      "PUID=1000",
      "--user",
      "10000:10000",
      "--init",
      "--cap-drop",
      "CHOWN",
      "-v",
      "v1:/opt/data",
      "img",
      "sh",
      "-c",
      "exit 3",
    ]);
  });

  it("splits an entrypoint into --entrypoint and leading arguments", () => {
    expect(dockerRunArgs({ entrypoint: ["sleep", "infinity"], tty: true }, "img")).toEqual([
      "-t",
      "--entrypoint",
      "sleep",
      "img",
      "infinity",
    ]);
  });

  it("mounts a host folder at /opt/data", () => {
    expect(dockerRunArgs({ data: { hostDir: "/tmp/x" } }, "img")).toEqual(["-v", "/tmp/x:/opt/data", "img"]);
  });
});
