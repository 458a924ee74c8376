import { describe, expect, it } from "vitest";
import { describeEngine, identifyEngine } from "./engine-identity.js";

describe("identifyEngine", () => {
  it("tells Docker from Podman by the version's components", () => {
    const docker = identifyEngine(
      { Version: "20.10.24", Arch: "amd64", Components: [{ Name: "Engine", Version: "20.10.24" }] },
      {},
    );
    expect(docker).toEqual({
      name: "Docker",
      version: "20.10.24",
      rootless: false,
      appliesResourceLimits: true,
      architecture: "amd64",
    });
    // Without /version's Arch, info's uname name.
    expect(identifyEngine({ Version: "4.3.1" }, { Architecture: "aarch64" }).architecture).toBe("arm64");
    const podman = identifyEngine(
      { Version: "4.3.1", Components: [{ Name: "Podman Engine", Version: "4.3.1" }] },
      { SecurityOptions: ["name=seccomp,profile=default"], Rootless: true },
    );
    expect(describeEngine(podman)).toBe("Podman 4.3.1, rootless");
    const rootlessDocker = identifyEngine({ Version: "28.2.2" }, { SecurityOptions: ["name=rootless"] });
    expect(rootlessDocker.rootless).toBe(true);
  });

  it("knows a rootless engine on cgroup v1 applies no resource limits", () => {
    const v1 = { Rootless: true, CgroupVersion: "1" };
    expect(identifyEngine({ Version: "4.3.1" }, v1).appliesResourceLimits).toBe(false);
    expect(identifyEngine({ Version: "4.3.1" }, { ...v1, CgroupVersion: "2" }).appliesResourceLimits).toBe(
      true,
    );
    expect(identifyEngine({ Version: "4.3.1" }, { CgroupVersion: "1" }).appliesResourceLimits).toBe(true);
  });

  it("reads rootless only from its own security option", () => {
    const info = { SecurityOptions: ["name=seccomp,profile=/etc/rootlessish.json"] };
    expect(identifyEngine({ Version: "28.2.2" }, info).rootless).toBe(false);
    expect(identifyEngine({ Version: "28.2.2" }, { SecurityOptions: null }).rootless).toBe(false);
  });
});
