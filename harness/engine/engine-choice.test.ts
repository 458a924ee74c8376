import { describe, expect, it } from "vitest";
import { engineHost, engineSocket, parseEngineChoice } from "./engine-choice.js";

const asRoot = { uid: 0, env: {}, uidOf: (user: string) => (user === "hermes-rootless" ? 999 : undefined) };

describe("engine choice", () => {
  it("reads the three names, case-insensitively, and refuses others", () => {
    expect(parseEngineChoice(undefined)).toBeUndefined();
    expect(parseEngineChoice("Podman")).toBe("podman");
    expect(parseEngineChoice("podman-rootless")).toBe("podman-rootless");
    expect(() => parseEngineChoice("containerd")).toThrow(/one of docker, podman, podman-rootless/);
  });

  it("finds each engine's socket; rootless Podman's belongs to a user", () => {
    expect(engineSocket("docker", asRoot)).toBe("unix:///var/run/docker.sock");
    expect(engineSocket("podman", asRoot)).toBe("unix:///run/podman/podman.sock");
    expect(engineSocket("podman-rootless", asRoot)).toBe("unix:///run/user/999/podman/podman.sock");
    const user = { uid: 1000, env: { XDG_RUNTIME_DIR: "/run/user/1000" }, uidOf: () => undefined };
    expect(engineSocket("podman-rootless", user)).toBe("unix:///run/user/1000/podman/podman.sock");
    const elsewhere = { ...asRoot, env: { HERMES_ROOTLESS_USER: "nobody-here" } };
    expect(() => engineSocket("podman-rootless", elsewhere)).toThrow(/no user "nobody-here"/);
  });

  it("keeps DOCKER_HOST without a choice, and refuses a choice that contradicts it", () => {
    expect(engineHost(undefined, asRoot)).toBeUndefined();
    const remote = { ...asRoot, env: { DOCKER_HOST: "tcp://10.0.0.2:2375" } };
    expect(engineHost(undefined, remote)).toBe("tcp://10.0.0.2:2375");
    expect(() => engineHost("podman", remote)).toThrow(/unset one of them/);
    const same = { ...asRoot, env: { DOCKER_HOST: "unix:///run/podman/podman.sock" } };
    expect(engineHost("podman", same)).toBe("unix:///run/podman/podman.sock");
  });
});
