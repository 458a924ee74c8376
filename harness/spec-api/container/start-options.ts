import type Docker from "dockerode";

/** How to start a Hermes container. Every field maps to one `docker run` flag. */
export interface StartOptions {
  /** Environment variables (`-e`). */
  env?: Record<string, string>;
  /**
   * Arguments after the image (the wrapper routes them, contract C3). Default: `sleep infinity`,
   * so the container stays up to be probed (without a TTY, plain `hermes` exits at once).
   */
  command?: string[];
  /** `--entrypoint` override (for C8 states where PID 1 is not s6-svscan). */
  entrypoint?: string[];
  /** `--user U:G`. */
  user?: string;
  /** `--init` (then the image's /init is not PID 1, C3.9). */
  init?: boolean;
  capAdd?: string[];
  capDrop?: string[];
  /** What is mounted at /opt/data: a harness volume (see createVolume) or a host folder (see createHostDir). */
  data?: { volume: string } | { hostDir: string };
  /** Container ports to publish on 127.0.0.1 (random host ports). */
  ports?: number[];
  /** `-t`. */
  tty?: boolean;
  /** `-w DIR`: the main program's working directory (C3.12). */
  workdir?: string;
  /**
   * `--memory N --memory-swap N`: N bytes of memory, swap included, so that the limit means the same
   * on hosts with and without swap (the documented minimum resources, C1.8).
   */
  memoryBytes?: number;
  /** `--cpus N`: at most N CPUs' worth of time (Docker's NanoCpus). */
  cpus?: number;
  /**
   * What "started" means: `boot` (default) waits for this boot's `profile=default` readiness line
   * (C4.9); `running` only for the container to run (for images or entrypoints that never boot).
   */
  waitFor?: "boot" | "running";
  startupTimeoutMs?: number;
  /** A readable hint in the container name (`hermes-harness-<hint>-<random>`). */
  nameHint?: string;
  /** Another image than the one under test: one built FROM it (see buildDerivedImage). */
  image?: string;
}

const KNOWN_KEYS = new Set<keyof StartOptions>([
  "env",
  "command",
  "entrypoint",
  "user",
  "init",
  "capAdd",
  "capDrop",
  "data",
  "ports",
  "tty",
  "workdir",
  "memoryBytes",
  "cpus",
  "waitFor",
  "startupTimeoutMs",
  "nameHint",
  "image",
]);

/** Catches what TypeScript cannot when options are built dynamically: typos and bad values. */
export function validateStartOptions(options: StartOptions): void {
  const unknown = Object.keys(options).filter((key) => !KNOWN_KEYS.has(key as keyof StartOptions));
  if (unknown.length > 0) {
    throw new Error(
      `startHermes: unknown option(s) ${unknown.join(", ")}; known: ${[...KNOWN_KEYS].join(", ")}`,
    );
  }
  for (const port of options.ports ?? []) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`startHermes: bad port ${port}`);
  }
  if (options.waitFor !== undefined && options.waitFor !== "boot" && options.waitFor !== "running") {
    throw new Error(`startHermes: waitFor must be "boot" or "running", got "${options.waitFor}"`);
  }
  if (options.data && "volume" in options.data && "hostDir" in options.data) {
    throw new Error("startHermes: data takes a volume or a hostDir, not both");
  }
  // Docker's own floor for a memory limit is 6 MiB; a CPU limit is counted in billionths.
  if (
    options.memoryBytes !== undefined &&
    (!Number.isSafeInteger(options.memoryBytes) || options.memoryBytes < 6 * 1024 * 1024)
  ) {
    throw new Error(
      `startHermes: memoryBytes must be a whole number of bytes >= 6 MiB, got ${options.memoryBytes}`,
    );
  }
  if (
    options.cpus !== undefined &&
    (typeof options.cpus !== "number" ||
      !Number.isFinite(options.cpus) ||
      Math.round(options.cpus * 1e9) < 1e7)
  ) {
    throw new Error(`startHermes: cpus must be a number >= 0.01, got ${options.cpus}`);
  }
  if (options.image !== undefined && (typeof options.image !== "string" || !/^[^\s]+$/.test(options.image))) {
    throw new Error(`startHermes: image must be an image reference without spaces, got "${options.image}"`);
  }
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
      throw new Error(`startHermes: bad environment variable name "${key}"`);
    if (typeof value !== "string") throw new Error(`startHermes: env ${key} must be a string`);
  }
}

/** The options that shape the container itself (the rest say how to start or wait for it). */
export type ContainerOptions = Omit<StartOptions, "waitFor" | "startupTimeoutMs" | "nameHint" | "image">;

/**
 * The one mapping from options to a container, in the Docker API's own terms: startHermes hands it
 * to the API (through testcontainers) and runOnce renders it as `docker run` flags. An entrypoint's
 * arguments go ahead of the command, since `--entrypoint` takes a program alone; ports are published
 * on 127.0.0.1 only; Init and Tty are set only when asked, so the daemon's default holds on both paths.
 */
export function containerSettings(options: ContainerOptions, image: string): Docker.ContainerCreateOptions {
  const [entrypoint, ...entrypointArgs] = options.entrypoint ?? [];
  if (options.entrypoint && entrypoint === undefined) throw new Error("entrypoint must not be empty");
  const data = options.data && ("volume" in options.data ? options.data.volume : options.data.hostDir);
  const ports = (options.ports ?? []).map((port) => `${port}/tcp`);
  return {
    Image: image,
    Env: Object.entries(options.env ?? {}).map(([key, value]) => `${key}=${value}`),
    ...(entrypoint !== undefined ? { Entrypoint: [entrypoint] } : {}),
    Cmd: [...entrypointArgs, ...(options.command ?? [])],
    ...(options.user ? { User: options.user } : {}),
    ...(options.tty ? { Tty: true } : {}),
    ...(options.workdir ? { WorkingDir: options.workdir } : {}),
    ExposedPorts: Object.fromEntries(ports.map((port) => [port, {}])),
    HostConfig: {
      ...(options.init ? { Init: true } : {}),
      ...(options.memoryBytes !== undefined
        ? { Memory: options.memoryBytes, MemorySwap: options.memoryBytes }
        : {}),
      ...(options.cpus !== undefined ? { NanoCpus: Math.round(options.cpus * 1e9) } : {}),
      CapAdd: options.capAdd ?? [],
      CapDrop: options.capDrop ?? [],
      Binds: data ? [`${data}:/opt/data`] : [],
      PortBindings: Object.fromEntries(ports.map((port) => [port, [{ HostIp: "127.0.0.1", HostPort: "" }]])),
    },
  };
}

/** The same settings as `docker run` arguments (after `run` and its own flags): flags, image, command. */
export function dockerRunArgs(settings: Docker.ContainerCreateOptions): string[] {
  const host = settings.HostConfig ?? {};
  const flags = (settings.Env ?? []).flatMap((pair) => ["-e", pair]);
  if (settings.User) flags.push("--user", settings.User);
  if (host.Init) flags.push("--init");
  if (host.Memory !== undefined) flags.push("--memory", String(host.Memory));
  if (host.MemorySwap !== undefined) flags.push("--memory-swap", String(host.MemorySwap));
  if (host.NanoCpus !== undefined) flags.push("--cpus", String(host.NanoCpus / 1e9));
  for (const cap of host.CapAdd ?? []) flags.push("--cap-add", cap);
  for (const cap of host.CapDrop ?? []) flags.push("--cap-drop", cap);
  for (const bind of host.Binds ?? []) flags.push("-v", bind);
  for (const port of Object.keys(settings.ExposedPorts ?? {}))
    flags.push("-p", `127.0.0.1::${port.split("/")[0]}`);
  if (settings.Tty) flags.push("-t");
  if (settings.WorkingDir) flags.push("-w", settings.WorkingDir);
  const entrypoint = [settings.Entrypoint ?? []].flat();
  if (entrypoint[0] !== undefined) flags.push("--entrypoint", entrypoint[0]);
  return [...flags, settings.Image ?? "", ...[settings.Cmd ?? []].flat()];
}
