import { describe, expect, it } from "vitest";
import { startHermes } from "../harness/index.js";

describe("smoke", () => {
  it("C2.1: PID 1 is s6-svscan, read as hermes", async () => {
    const hermes = await startHermes({ nameHint: "smoke" });
    const whoami = await hermes.ok(["id", "-un"]);
    expect(whoami.trim()).toBe("hermes");
    const comm = await hermes.ok(["cat", "/proc/1/comm"]);
    expect(comm.trim()).toBe("s6-svscan");
  });
});
