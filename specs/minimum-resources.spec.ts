import { expect, it } from "vitest";
import { DASHBOARD_DEFAULT_PORT, onlyWhereEngine, startHermes } from "../harness/index.js";
import { waitForStatusInside } from "./support/spec-helpers.js";

// Contract C1.8: upstream's docs (website/docs/user-guide/docker.md, "Resource limits",
// NousResearch/hermes-agent@00067189) give 1 GB of memory and 1 CPU as the minimum, and 1 GB as
// enough without browser tools. The deployment of that page (`gateway run` with the dashboard) must
// boot and serve inside those limits, with nothing in the container killed for memory.

const GIB = 1024 ** 3;

/**
 * The container's own view of its memory cgroup, read as hermes: the limit and how many processes
 * the kernel killed for memory (cgroup v2 `memory.max`/`memory.events`, v1 `memory.limit_in_bytes`/
 * `memory.oom_control`; oom_kill needs Linux >= 4.13).
 */
const CGROUP_MEMORY = `if [ -f /sys/fs/cgroup/memory.max ]; then
  echo "@limit=$(cat /sys/fs/cgroup/memory.max)"
  echo "@oom_kill=$(awk '$1 == "oom_kill" { print $2 }' /sys/fs/cgroup/memory.events)"
else
  echo "@limit=$(cat /sys/fs/cgroup/memory/memory.limit_in_bytes)"
  echo "@oom_kill=$(awk '$1 == "oom_kill" { print $2 }' /sys/fs/cgroup/memory/memory.oom_control)"
fi`;

it("C1.8: with the documented minimum (1 GB memory, 1 CPU) the image boots and the dashboard serves", async (ctx) => {
  onlyWhereEngine(
    ctx,
    (engine) => engine.appliesResourceLimits,
    "C1.8",
    "an engine that applies memory and CPU limits (a rootless one on cgroup v1 does not)",
  );
  const hermes = await startHermes({
    nameHint: "min-resources",
    command: ["gateway", "run"],
    // Loopback: the default host differs across versions (C5.2), and a published dashboard is C7.9's.
    env: { HERMES_DASHBOARD: "1", HERMES_DASHBOARD_HOST: "127.0.0.1" },
    memoryBytes: GIB,
    cpus: 1,
  });
  const host = (await hermes.container.inspect()).HostConfig;
  expect({ memory: host.Memory, swap: host.MemorySwap, nanoCpus: host.NanoCpus }).toEqual({
    memory: GIB,
    swap: GIB,
    nanoCpus: 1_000_000_000,
  });

  const slot = await hermes.waitForSlot("gateway-default", (s) => s.state === "up", "up");
  expect(slot.state, slot.raw).toBe("up");
  const response = await waitForStatusInside(hermes, DASHBOARD_DEFAULT_PORT);
  expect(response.status, response.body).toBe(200);

  // Inside the limit, not beside it: the container sees 1 GiB, and the boot and the services it
  // started needed no OOM kill (a boot step killed for memory may be retried or ignored).
  const out = await hermes.shOk(CGROUP_MEMORY);
  const field = (name: string) => out.match(new RegExp(`^@${name}=(.*)$`, "m"))?.[1]?.trim();
  expect({ limit: field("limit"), oomKill: field("oom_kill") }, out).toEqual({
    limit: String(GIB),
    oomKill: "0",
  });
});
