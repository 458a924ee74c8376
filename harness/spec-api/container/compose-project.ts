import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type Docker from "dockerode";
import { execa } from "execa";
import { dockerClient } from "../../engine/docker-client.js";
import { LABEL_RUN_ID, runLabels } from "../../engine/labels.js";
import { removeContainer } from "../../engine/remove-owned.js";
import { tracker } from "../../run/context/resource-tracker.js";
import { runContext } from "../../run/context/run-context.js";
import { recordTiming } from "../../run/profiling/recorder.js";
import { TIMEOUTS } from "../wait/timeouts.js";
import { waitForBootReadiness } from "./boot-readiness-wait-strategy.js";
import { createHostDir } from "./data-volumes.js";
import { HermesContainer } from "./hermes-container.js";

/** How the Compose CLI is reached on this host: the v2 plugin (`docker compose`) or v1 (`docker-compose`). */
export interface ComposeClient {
  argv: readonly string[];
  version: string;
}

const CANDIDATES: readonly (readonly string[])[] = [["docker", "compose"], ["docker-compose"]];

let found: Promise<ComposeClient | undefined> | undefined;

/**
 * The first Compose client that answers `version --short`, looked up once per worker. Debian 12's
 * `docker-compose` package is v1 (1.29.2); Docker's own packages ship the v2 plugin. Both take the
 * arguments used here (`-p`, `-f`, `up -d`, `--force-recreate`, `down -v -t`).
 */
export function findComposeClient(): Promise<ComposeClient | undefined> {
  found ??= (async () => {
    for (const argv of CANDIDATES) {
      const [file = "", ...args] = argv;
      const result = await execa(file, [...args, "version", "--short"], { reject: false, timeout: 20_000 });
      if (result.exitCode === 0 && result.stdout.trim() !== "")
        return { argv, version: result.stdout.trim() };
    }
    return undefined;
  })();
  return found;
}

export const NO_COMPOSE_SKIP_REASON =
  "needs a Compose client (`docker compose` or `docker-compose`), and neither answers on this host";

/** One service of a Compose file, as the harness writes it (JSON, which Compose reads as YAML). */
export type ComposeService = Record<string, unknown> & {
  labels?: Record<string, string>;
  /** Required: the harness's cleanup removes containers and volumes by label, never networks. */
  network_mode: string;
};

/**
 * The Compose file with every service labelled with the run (harness/engine/labels.ts), so that
 * cleanup finds its containers like any other. Compose makes a network for services that name
 * none, and the harness removes no network: every service must say `network_mode`, and a file
 * with top-level `networks` or `volumes` is refused.
 */
export function labelledComposeFile(
  services: Record<string, ComposeService>,
  labels: Record<string, string>,
): { services: Record<string, ComposeService> } {
  const out: Record<string, ComposeService> = {};
  for (const [name, service] of Object.entries(services)) {
    if (typeof service.network_mode !== "string" || service.network_mode === "") {
      throw new Error(
        `compose service ${name}: network_mode is required (a Compose-made network is not removed by cleanup)`,
      );
    }
    if ("networks" in service || "volumes_from" in service) {
      throw new Error(`compose service ${name}: networks and volumes_from are not supported`);
    }
    out[name] = { ...service, labels: { ...(service.labels ?? {}), ...labels } };
  }
  return { services: out };
}

/** The host ports Docker published for a container's TCP ports on 127.0.0.1. */
export function loopbackHostPorts(
  ports: Docker.ContainerInspectInfo["NetworkSettings"]["Ports"] | undefined,
): Map<number, number> {
  const map = new Map<number, number>();
  for (const [key, bindings] of Object.entries(ports ?? {})) {
    const [port, proto] = key.split("/");
    const binding = (bindings ?? []).find((b) => b.HostIp === "127.0.0.1");
    if (proto === "tcp" && binding) map.set(Number(port), Number(binding.HostPort));
  }
  return map;
}

/**
 * A Compose project of the run: its file in a harness host folder, a unique project name, and its
 * containers adopted as HermesContainers (tracked, so a failing test's diagnostics cover them and
 * the test's end removes them). `down()` belongs in an afterAll or a finally.
 */
export class ComposeProject {
  private constructor(
    readonly client: ComposeClient,
    readonly name: string,
    readonly file: string,
  ) {}

  /** Writes the file (labelled, see labelledComposeFile) under a new harness host folder. */
  static async create(
    client: ComposeClient,
    name: string,
    services: Record<string, ComposeService>,
  ): Promise<ComposeProject> {
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(name)) throw new Error(`bad compose project name "${name}"`);
    const dir = await createHostDir("compose");
    const file = join(dir, "compose.yaml");
    const content = labelledComposeFile(services, runLabels(runContext()));
    await writeFile(file, `${JSON.stringify(content, null, 2)}\n`);
    return new ComposeProject(client, name, file);
  }

  /** Runs the client with `-p NAME -f FILE` and these arguments; a non-zero exit is an error with its output. */
  async compose(args: readonly string[], timeoutMs = 120_000): Promise<string> {
    const [file = "", ...prefix] = this.client.argv;
    const argv = [...prefix, "-p", this.name, "-f", this.file, ...args];
    const started = Date.now();
    const result = await execa(file, argv, { reject: false, timeout: timeoutMs, all: true });
    recordTiming("docker", `compose ${args.join(" ")}`, Date.now() - started);
    if (result.exitCode !== 0) {
      throw new Error(
        `${[file, ...argv].join(" ")} exited ${result.exitCode ?? "(killed)"}${result.timedOut ? " (timed out)" : ""}\n${result.all ?? ""}`,
      );
    }
    return result.all ?? "";
  }

  /** The running container of a service, adopted (tracked) as a HermesContainer. */
  async adopt(service: string): Promise<HermesContainer> {
    const list = await dockerClient().listContainers({
      all: true,
      filters: JSON.stringify({
        label: [`com.docker.compose.project=${this.name}`, `com.docker.compose.service=${service}`],
      }),
    });
    if (list.length !== 1) {
      throw new Error(
        `compose project ${this.name}: expected one container of ${service}, found ${list.length}`,
      );
    }
    const id = list[0]?.Id ?? "";
    const info = await dockerClient().getContainer(id).inspect();
    if (info.Config.Labels?.[LABEL_RUN_ID] !== runContext().runId) {
      throw new Error(`compose project ${this.name}: container ${id.slice(0, 12)} lacks this run's labels`);
    }
    const name = info.Name.replace(/^\//, "");
    const tracked = tracker.addContainer(id, name);
    return new HermesContainer(
      dockerClient().getContainer(id),
      name,
      tracked,
      loopbackHostPorts(info.NetworkSettings.Ports),
    );
  }

  /**
   * `up -d` (plus `extra`), then the service's container once this boot wrote its readiness line
   * (C4.9) past `sinceBytes` of the boot log: 0 for fresh data.
   */
  async up(service: string, extra: readonly string[] = [], sinceBytes = 0): Promise<HermesContainer> {
    const started = Date.now();
    await this.compose(["up", "-d", ...extra]);
    const hermes = await this.adopt(service);
    await waitForBootReadiness(hermes.container, sinceBytes, TIMEOUTS.bootMs);
    recordTiming("docker", `compose up ${service} until ready`, Date.now() - started);
    return hermes;
  }

  /**
   * `up -d --force-recreate`, the documented upgrade path: Compose stops and removes the old
   * container and makes a new one on the same data. Only a readiness line written after the old
   * boot log's length counts.
   */
  async recreate(service: string, old: HermesContainer): Promise<HermesContainer> {
    const before = await old.bootLogBytes();
    tracker.forget({ containers: [old.id] });
    return this.up(service, ["--force-recreate"], before);
  }

  /**
   * `down -v`, then whatever still carries the project's label is removed through the harness's
   * ownership check (Compose v1 leaves a container's anonymous volumes behind; `rm -v` takes them).
   */
  async down(): Promise<void> {
    const left = await dockerClient().listContainers({
      all: true,
      filters: JSON.stringify({ label: [`com.docker.compose.project=${this.name}`] }),
    });
    const runId = runContext().runId;
    await Promise.all(left.map((c) => removeContainer(c.Id, runId)));
    await this.compose(["down", "-v", "-t", "10"]);
  }
}
