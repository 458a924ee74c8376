import { describe, expect, it } from "vitest";
import {
  type ContainerOptions,
  containerSettings,
  dockerRunArgs,
  type StartOptions,
  validateStartOptions,
} from "./start-options.js";

const runArgs = (options: ContainerOptions) => dockerRunArgs(containerSettings(options, "img"));

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

  it("takes memory and CPU limits and refuses ones Docker would not", () => {
    expect(() => validateStartOptions({ memoryBytes: 1024 ** 3, cpus: 1 })).not.toThrow();
    expect(() => validateStartOptions({ cpus: 0.5 })).not.toThrow();
    expect(() => validateStartOptions({ memoryBytes: 1024 })).toThrow(
      /memoryBytes must be .* >= 6 MiB, got 1024/,
    );
    expect(() => validateStartOptions({ memoryBytes: 1.5 * 1024 ** 3 + 0.5 })).toThrow(/memoryBytes/);
    expect(() => validateStartOptions({ cpus: 0 })).toThrow(/cpus must be a number >= 0.01, got 0/);
    expect(() => validateStartOptions({ cpus: Number.NaN })).toThrow(/cpus must be/);
    expect(() => validateStartOptions({ cpus: "1" as unknown as number })).toThrow(/cpus must be/);
  });

  it("takes another image by reference and refuses an empty or spaced one", () => {
    expect(() => validateStartOptions({ image: "hermes-harness/derived-x:0a1b2c3d" })).not.toThrow();
    expect(() => validateStartOptions({ image: "" })).toThrow(/image must be an image reference/);
    expect(() => validateStartOptions({ image: "a b" })).toThrow(/image must be an image reference/);
  });
});

describe("dockerRunArgs", () => {
  it("puts flags before the image and the command after it", () => {
    expect(
      runArgs({
        env: { PUID: "1000" },
        user: "10000:10000",
        init: true,
        capDrop: ["CHOWN"],
        data: { volume: "v1" },
        command: ["sh", "-c", "exit 3"],
      }),
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
    expect(runArgs({ entrypoint: ["sleep", "infinity"], tty: true })).toEqual([
      "-t",
      "--entrypoint",
      "sleep",
      "img",
      "infinity",
    ]);
  });

  it("mounts a host folder at /opt/data", () => {
    expect(runArgs({ data: { hostDir: "/tmp/x" } })).toEqual(["-v", "/tmp/x:/opt/data", "img"]);
  });

  it("gives the working directory with -w, and sets it in the API settings", () => {
    expect(runArgs({ workdir: "/tmp", command: ["pwd"] })).toEqual(["-w", "/tmp", "img", "pwd"]);
    expect(containerSettings({ workdir: "/tmp" }, "img").WorkingDir).toBe("/tmp");
  });

  it("limits memory (swap included) and CPUs with --memory, --memory-swap and --cpus", () => {
    expect(runArgs({ memoryBytes: 1024 ** 3, cpus: 1 })).toEqual([
      "--memory",
      "1073741824",
      "--memory-swap",
      "1073741824",
      "--cpus",
      "1",
      "img",
    ]);
    expect(runArgs({ cpus: 1.5 })).toEqual(["--cpus", "1.5", "img"]);
    expect(containerSettings({ memoryBytes: 1024 ** 3, cpus: 2 }, "img").HostConfig).toMatchObject({
      Memory: 1024 ** 3,
      MemorySwap: 1024 ** 3,
      NanoCpus: 2_000_000_000,
    });
  });

  it("publishes ports on loopback only", () => {
    expect(runArgs({ ports: [9119] })).toEqual(["-p", "127.0.0.1::9119", "img"]);
  });
});

describe("containerSettings", () => {
  it("is what both paths apply: entrypoint program apart, its arguments ahead of the command", () => {
    expect(
      containerSettings(
        { entrypoint: ["sh", "-c", "id"], command: ["x"], data: { volume: "v" }, ports: [1], capAdd: ["A"] },
        "img",
      ),
    ).toEqual({
      Image: "img",
      Env: [],
      Entrypoint: ["sh"],
      Cmd: ["-c", "id", "x"],
      ExposedPorts: { "1/tcp": {} },
      HostConfig: {
        CapAdd: ["A"],
        CapDrop: [],
        Binds: ["v:/opt/data"],
        PortBindings: { "1/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] },
      },
    });
  });

  it("refuses an empty entrypoint", () => {
    expect(() => containerSettings({ entrypoint: [] }, "img")).toThrow(/entrypoint must not be empty/);
  });
});
