import { describe, expect, it } from "vitest";
import { mainProgramGoneButContainerUp, parseDockerTop } from "./stuck-after-main-exit.js";

// As `docker top NAME -o pid,ppid,args` printed it for a container hung as in issue 17.
const HUNG = `PID                 PPID                COMMAND
31531               31421               /command/s6-svscan -d 3 /run/service
31734               31531               s6-supervise dashboard
32170               31531               s6-supervise gateway-default
32173               31531               s6-supervise gateway-default/log
32184               32173               s6-log 1 n10 s1000000 T /opt/data/logs/gateways/default
`;

// The same container while its main program still runs.
const RUNNING = `${HUNG}31728               31531               /bin/sh /etc/s6-init/stage2 /opt/hermes/docker/main-wrapper.sh sleep 60
32227               31728               sleep 60
`;

describe("parseDockerTop", () => {
  it("reads pid, ppid and the whole command line, skipping the header", () => {
    const rows = parseDockerTop(HUNG);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({ pid: 31531, ppid: 31421, args: "/command/s6-svscan -d 3 /run/service" });
    expect(rows[4]?.args).toBe("s6-log 1 n10 s1000000 T /opt/data/logs/gateways/default");
  });

  it("gives nothing for an error message or an empty table", () => {
    expect(parseDockerTop("Error response from daemon: No such container: x")).toEqual([]);
    expect(parseDockerTop("")).toEqual([]);
  });
});

describe("mainProgramGoneButContainerUp", () => {
  it("is true when only PID 1 and its supervision tree are left", () => {
    expect(mainProgramGoneButContainerUp(parseDockerTop(HUNG), 31531)).toBe(true);
  });

  it("counts services below a supervisor (a gateway) as part of the tree", () => {
    const withGateway = `${HUNG}40001               32170               /opt/hermes/.venv/bin/python hermes gateway run\n`;
    expect(mainProgramGoneButContainerUp(parseDockerTop(withGateway), 31531)).toBe(true);
  });

  it("is false while stage2 or the main program runs", () => {
    expect(mainProgramGoneButContainerUp(parseDockerTop(RUNNING), 31531)).toBe(false);
  });

  it("is false when an orphan outside the supervision tree is left (something else holds the container)", () => {
    const orphan = `${HUNG}40002               31531               sleep 1000\n`;
    expect(mainProgramGoneButContainerUp(parseDockerTop(orphan), 31531)).toBe(false);
  });

  it("is false when PID 1 is not in the table (gone, or the wrong PID)", () => {
    expect(mainProgramGoneButContainerUp(parseDockerTop(HUNG), 999)).toBe(false);
    expect(mainProgramGoneButContainerUp([], 31531)).toBe(false);
  });

  it("is true for s6-svscan alone, false for any other PID 1 alone (it may be the main program)", () => {
    expect(
      mainProgramGoneButContainerUp([{ pid: 7, ppid: 1, args: "/command/s6-svscan /run/service" }], 7),
    ).toBe(true);
    expect(mainProgramGoneButContainerUp([{ pid: 7, ppid: 1, args: "sleep 1000" }], 7)).toBe(false);
  });

  it("does not loop on a cyclic table", () => {
    const cyclic = [
      { pid: 7, ppid: 1, args: "s6-svscan /run/service" },
      { pid: 8, ppid: 9, args: "a" },
      { pid: 9, ppid: 8, args: "b" },
    ];
    expect(mainProgramGoneButContainerUp(cyclic, 7)).toBe(false);
  });
});
