import { describe, expect, it } from "vitest";
import { type ComposeService, labelledComposeFile, loopbackHostPorts } from "./compose-project.js";

const LABELS = { "org.hermes-harness.run-id": "r1", "org.hermes-harness.managed": "true" };

describe("labelledComposeFile", () => {
  it("labels every service with the run, keeping its own labels and settings", () => {
    const services: Record<string, ComposeService> = {
      a: { image: "img", network_mode: "bridge", labels: { mine: "1" } },
      b: { image: "img", network_mode: "none" },
    };
    expect(labelledComposeFile(services, LABELS)).toEqual({
      services: {
        a: { image: "img", network_mode: "bridge", labels: { mine: "1", ...LABELS } },
        b: { image: "img", network_mode: "none", labels: LABELS },
      },
    });
  });

  it("the run's labels win over a service's own of the same name", () => {
    const out = labelledComposeFile(
      { a: { network_mode: "bridge", labels: { "org.hermes-harness.run-id": "other" } } },
      LABELS,
    );
    expect(out.services.a?.labels?.["org.hermes-harness.run-id"]).toBe("r1");
  });

  it("refuses a service that would get a Compose-made network", () => {
    expect(() => labelledComposeFile({ a: { image: "img" } as unknown as ComposeService }, LABELS)).toThrow(
      /compose service a: network_mode is required/,
    );
    expect(() => labelledComposeFile({ a: { network_mode: "bridge", networks: ["x"] } }, LABELS)).toThrow(
      /networks and volumes_from are not supported/,
    );
  });
});

describe("loopbackHostPorts", () => {
  it("maps each TCP port to its 127.0.0.1 host port and skips the rest", () => {
    expect(
      loopbackHostPorts({
        "9119/tcp": [
          { HostIp: "0.0.0.0", HostPort: "1" },
          { HostIp: "127.0.0.1", HostPort: "32771" },
        ],
        "8642/tcp": [{ HostIp: "127.0.0.1", HostPort: "32772" }],
        "53/udp": [{ HostIp: "127.0.0.1", HostPort: "32773" }],
        "7000/tcp": null as unknown as [],
      }),
    ).toEqual(
      new Map([
        [9119, 32771],
        [8642, 32772],
      ]),
    );
    expect(loopbackHostPorts(undefined)).toEqual(new Map());
  });
});
