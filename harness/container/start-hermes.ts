import { randomBytes } from "node:crypto";
import { GenericContainer, type StartedTestContainer } from "testcontainers";
import { dockerClient } from "../docker/docker-client.js";
import { recordTiming } from "../profiling/recorder.js";
import { runLabels } from "../run/labels.js";
import { tracker } from "../run/resource-tracker.js";
import { runContext } from "../run/run-context.js";
import { BootReadinessWaitStrategy } from "./boot-readiness-wait-strategy.js";
import { existingBootLogBytes } from "./existing-boot-log-bytes.js";
import { HermesContainer } from "./hermes-container.js";
import { type StartOptions, validateStartOptions } from "./start-options.js";

/**
 * testcontainers' GenericContainer, with the few docker run features it does not expose:
 * `--init`, named volumes and host folders at /opt/data, and ports published on 127.0.0.1 only.
 */
class HermesGenericContainer extends GenericContainer {
  constructor(
    image: string,
    private readonly options: StartOptions,
  ) {
    super(image);
  }

  protected override async beforeContainerCreated(): Promise<void> {
    if (this.options.init) this.hostConfig.Init = true;
    if (this.options.data) {
      const source = "volume" in this.options.data ? this.options.data.volume : this.options.data.hostDir;
      this.hostConfig.Binds = [...(this.hostConfig.Binds ?? []), `${source}:/opt/data`];
    }
    if (this.options.tty) this.createOpts.Tty = true;
    // Never reachable from other hosts: bind published ports to loopback.
    for (const bindings of Object.values(this.hostConfig.PortBindings ?? {})) {
      for (const binding of bindings as Array<{ HostIp?: string }>) binding.HostIp = "127.0.0.1";
    }
  }
}

/**
 * With no arguments the CLI exits at once when there is no TTY (C3.1), ending the container right
 * after boot; a container that is there to be probed runs this instead (a program on PATH, so the
 * wrapper runs it directly, C3.2).
 */
export const KEEP_ALIVE_COMMAND = ["sleep", "infinity"];

/** Starts the image under test and, by default, waits for this boot's readiness line (C4.9). */
export async function startHermes(options: StartOptions = {}): Promise<HermesContainer> {
  validateStartOptions(options);
  const run = runContext();
  const name = `hermes-harness-${options.nameHint ?? "c"}-${randomBytes(4).toString("hex")}`;
  let definition = new HermesGenericContainer(run.image, options)
    .withName(name)
    .withLabels(runLabels(run))
    .withEnvironment(options.env ?? {})
    .withStartupTimeout(options.startupTimeoutMs ?? 30_000);
  definition = definition.withCommand(options.command ?? (options.entrypoint ? [] : KEEP_ALIVE_COMMAND));
  if (options.entrypoint) definition = definition.withEntrypoint(options.entrypoint);
  if (options.user) definition = definition.withUser(options.user);
  if (options.capAdd?.length) definition = definition.withAddedCapabilities(...options.capAdd);
  if (options.capDrop?.length) definition = definition.withDroppedCapabilities(...options.capDrop);
  if (options.ports?.length) definition = definition.withExposedPorts(...options.ports);
  definition = definition.withWaitStrategy(
    options.waitFor === "running"
      ? new RunningWaitStrategy()
      : new BootReadinessWaitStrategy(await existingBootLogBytes(options.data)),
  );

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

/** For states that never boot (C8 probes with another PID 1): running is enough. */
class RunningWaitStrategy extends BootReadinessWaitStrategy {
  override async waitUntilReady(): Promise<void> {}
}
