import { randomBytes } from "node:crypto";
import type Docker from "dockerode";
import { GenericContainer, type StartedTestContainer } from "testcontainers";
import { dockerClient } from "../../engine/docker-client.js";
import { runLabels } from "../../engine/labels.js";
import { tracker } from "../../run/context/resource-tracker.js";
import { runContext } from "../../run/context/run-context.js";
import { recordTiming } from "../../run/profiling/recorder.js";
import { TIMEOUTS } from "../wait/timeouts.js";
import { bootLogSize } from "./boot-log-size.js";
import { BootReadinessWaitStrategy } from "./boot-readiness-wait-strategy.js";
import { RunningWaitStrategy } from "./harness-wait-strategy.js";
import { HermesContainer } from "./hermes-container.js";
import { containerSettings, type StartOptions, validateStartOptions } from "./start-options.js";

/** testcontainers' GenericContainer, given the settings whole (containerSettings, as runOnce's `docker run`). */
class HermesGenericContainer extends GenericContainer {
  constructor(
    private readonly settings: Docker.ContainerCreateOptions,
    private readonly readiness: BootReadinessWaitStrategy | undefined,
  ) {
    super(settings.Image ?? "");
  }

  protected override async beforeContainerCreated(): Promise<void> {
    const { HostConfig, ...create } = this.settings;
    Object.assign(this.createOpts, create);
    Object.assign(this.hostConfig, HostConfig);
  }

  /** Created, not started: what the data already holds is an earlier boot's (C4.9). */
  protected override async containerCreated(containerId: string): Promise<void> {
    if (this.readiness)
      this.readiness.sinceBytes = await bootLogSize(dockerClient().getContainer(containerId));
  }
}

// Without a TTY the CLI given no arguments exits at once (C3.1), ending the container after boot; one
// there to be probed runs this instead (a program on PATH, so the wrapper runs it directly, C3.2).
export const KEEP_ALIVE_COMMAND = ["sleep", "infinity"];

/**
 * Starts the image under test (or `image`, one built FROM it) and, by default, waits for this boot's
 * readiness line (C4.9).
 */
export async function startHermes(options: StartOptions = {}): Promise<HermesContainer> {
  validateStartOptions(options);
  const run = runContext();
  const name = `hermes-harness-${options.nameHint ?? "c"}-${randomBytes(4).toString("hex")}`;
  const command = options.command ?? (options.entrypoint ? [] : KEEP_ALIVE_COMMAND);
  const readiness = options.waitFor === "running" ? undefined : new BootReadinessWaitStrategy();
  const definition = new HermesGenericContainer(
    containerSettings({ ...options, command }, options.image ?? run.image),
    readiness,
  )
    // testcontainers maps only the ports it was told of; containerSettings binds them to 127.0.0.1.
    .withExposedPorts(...(options.ports ?? []))
    .withName(name)
    .withLabels(runLabels(run))
    .withWaitStrategy(readiness ?? new RunningWaitStrategy())
    .withStartupTimeout(options.startupTimeoutMs ?? TIMEOUTS.bootMs);

  const started = Date.now();
  let testcontainer: StartedTestContainer;
  try {
    testcontainer = await definition.start();
  } catch (error) {
    // The container exists (and is tracked by its label); diagnostics and cleanup find it by name.
    const leftover = await findByName(name);
    if (leftover) tracker.addContainer(leftover, name);
    throw new Error(`startHermes (${name}) failed: ${(error as Error).message}`);
  } finally {
    recordTiming("docker", `start ${name}`, Date.now() - started);
  }
  const id = testcontainer.getId();
  const tracked = tracker.addContainer(id, name);
  const ports = new Map(
    (options.ports ?? []).map((port) => [port, testcontainer.getMappedPort(port)] as const),
  );
  return new HermesContainer(dockerClient().getContainer(id), name, tracked, ports);
}

async function findByName(name: string): Promise<string | undefined> {
  const list = await dockerClient().listContainers({ all: true, filters: JSON.stringify({ name: [name] }) });
  return list[0]?.Id;
}
