import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ComposeClient,
  ComposeProject,
  type ComposeService,
  createHostDir,
  DASHBOARD_DEFAULT_PORT,
  findComposeClient,
  type HermesContainer,
  HOST_BIND_SKIP_REASON,
  hostBindMountsWork,
  NO_COMPOSE_SKIP_REASON,
  runContext,
  TIMEOUTS,
  waitFor,
} from "../harness/index.js";

// Contract C7.9: the Compose example of upstream's docs (website/docs/user-guide/docker.md,
// NousResearch/hermes-agent@00067189, "Docker Compose example" and "Upgrading"), run through a
// real Compose client. What the harness changes, and why:
// - image: the image under test; container_name: unique (two runs share a daemon);
// - ~/.hermes: a harness host folder (never the real one);
// - ports: the same container ports, published on 127.0.0.1 with random host ports;
// - network_mode: bridge, so Compose makes no network (harness cleanup removes none);
// - labels: the run's (harness/engine/labels.ts), so cleanup finds the container;
// - the dashboard's bind host and a basic-auth pair: the same page says a published dashboard
//   needs a non-loopback bind and that such a bind without an auth provider fails closed, while
//   upstream's run script binds loopback when HERMES_DASHBOARD_HOST is unset (C5.2). As written,
//   the file's 9119 therefore serves nothing on any upstream version; these two settings are the
//   docs' own fix, so the rest of the file is what is tested.
// `docker compose pull` is left out: the image under test is local.

const SERVICE = "hermes";
const GATEWAY_PORT = 8642;
const AUTH = { user: "harness", password: `compose-${randomBytes(6).toString("hex")}` };

/** The docs' service, in the docs' order, with the substitutions above. */
function docsService(image: string, containerName: string, dataDir: string): ComposeService {
  return {
    image,
    container_name: containerName,
    restart: "unless-stopped",
    command: "gateway run",
    network_mode: "bridge",
    ports: [`127.0.0.1::${GATEWAY_PORT}`, `127.0.0.1::${DASHBOARD_DEFAULT_PORT}`],
    volumes: [`${dataDir}:/opt/data`],
    environment: [
      "HERMES_DASHBOARD=1",
      "HERMES_DASHBOARD_HOST=0.0.0.0",
      `HERMES_DASHBOARD_BASIC_AUTH_USERNAME=${AUTH.user}`,
      `HERMES_DASHBOARD_BASIC_AUTH_PASSWORD=${AUTH.password}`,
    ],
    deploy: { resources: { limits: { memory: "4G", cpus: "2.0" } } },
  };
}

/** GET /api/status through the published port, from the host, without credentials, until it answers 200. */
async function statusFromHost(hermes: HermesContainer) {
  const url = `${hermes.hostUrl(DASHBOARD_DEFAULT_PORT)}/api/status`;
  return waitFor(
    async () => {
      try {
        const r = await fetch(url, { signal: AbortSignal.timeout(3_000) });
        return { status: r.status, body: await r.text() };
      } catch (error) {
        // Refused or reset while the dashboard starts (docker-proxy accepts before it serves).
        return { status: 0, body: String((error as Error).cause ?? error) };
      }
    },
    {
      description: `${url} to answer 200 without credentials`,
      timeoutMs: TIMEOUTS.conditionMs,
      until: (r) => r.status === 200,
      describeValue: (r) => `${r.status} ${r.body.slice(0, 200)}`,
    },
  );
}

/** What a deployer checks: the supervised gateway is up (C3.8, C6.6) and the dashboard serves (C5.3). */
async function expectServing(hermes: HermesContainer) {
  const slot = await hermes.waitForSlot("gateway-default", (s) => s.state === "up", "up");
  expect(slot.state, slot.raw).toBe("up");
  const response = await statusFromHost(hermes);
  expect(response.status, response.body).toBe(200);
  const payload: unknown = JSON.parse(response.body);
  expect(typeof payload === "object" && payload !== null && !Array.isArray(payload), response.body).toBe(
    true,
  );
  return slot;
}

describe("C7.9 the documented Compose service", () => {
  let client: ComposeClient | undefined;
  let project: ComposeProject | undefined;

  beforeAll(async () => {
    client = await findComposeClient();
    if (!client || !hostBindMountsWork()) return;
    const dataDir = await createHostDir("compose-data");
    const suffix = randomBytes(4).toString("hex");
    project = await ComposeProject.create(client, `hermes-harness-compose-${suffix}`, {
      [SERVICE]: docsService(runContext().image, `hermes-harness-compose-${suffix}`, dataDir),
    });
  });

  afterAll(async () => {
    await project?.down();
  });

  it("C7.9: the documented Compose service (gateway run, dashboard, restart: unless-stopped) boots, serves and survives an up -d re-create", async (ctx) => {
    if (!hostBindMountsWork()) ctx.skip(HOST_BIND_SKIP_REASON);
    if (!client || !project) return ctx.skip(NO_COMPOSE_SKIP_REASON);

    const first = await project.up(SERVICE);
    // The file took effect as the docs wrote it (a Compose client that dropped `deploy` or `restart`
    // would test another deployment).
    const host = (await first.container.inspect()).HostConfig;
    // A rootless engine on cgroup v1 cannot apply the limits (C1.8 is not applicable there): the rest
    // of the deployment still is.
    const limits = runContext().engine.appliesResourceLimits;
    expect({
      restart: host.RestartPolicy?.Name,
      ...(limits ? { memory: host.Memory, nanoCpus: host.NanoCpus } : {}),
    }).toEqual({
      restart: "unless-stopped",
      ...(limits ? { memory: 4 * 1024 ** 3, nanoCpus: 2_000_000_000 } : {}),
    });
    await expectServing(first);

    // The upgrade path the docs give (`up -d`; `--force-recreate` re-creates on the same image).
    const second = await project.recreate(SERVICE, first);
    expect(second.id).not.toBe(first.id);
    await expectServing(second);
    // The same ~/.hermes: both boots are in one boot log (C7.6, C7.7), and the stop Compose sent the
    // old container counted as "still running": the reconciler itself started the gateway again.
    const defaults = (await second.bootRecords()).filter((r) => r.profile === "default");
    expect(defaults, defaults.map((r) => r.line).join("\n")).toHaveLength(2);
    expect(defaults[1]?.action, defaults[1]?.line).toBe("started");
  });
});
