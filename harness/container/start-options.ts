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
  /**
   * What "started" means: `boot` (default) waits for this boot's `profile=default` readiness line
   * (C4.9); `running` only for the container to run (for images or entrypoints that never boot).
   */
  waitFor?: "boot" | "running";
  startupTimeoutMs?: number;
  /** A readable hint in the container name (`hermes-harness-<hint>-<random>`). */
  nameHint?: string;
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
  "waitFor",
  "startupTimeoutMs",
  "nameHint",
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
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
      throw new Error(`startHermes: bad environment variable name "${key}"`);
    if (typeof value !== "string") throw new Error(`startHermes: env ${key} must be a string`);
  }
}

/**
 * `docker run` arguments (after `run`) for these options: flags, the image, then the command.
 * docker run has no flag for entrypoint arguments, so they go first in the command.
 */
export function dockerRunArgs(
  options: Omit<StartOptions, "ports" | "waitFor" | "startupTimeoutMs" | "nameHint">,
  image: string,
): string[] {
  const flags: string[] = [];
  for (const [key, value] of Object.entries(options.env ?? {})) flags.push("-e", `${key}=${value}`);
  if (options.user) flags.push("--user", options.user);
  if (options.init) flags.push("--init");
  for (const cap of options.capAdd ?? []) flags.push("--cap-add", cap);
  for (const cap of options.capDrop ?? []) flags.push("--cap-drop", cap);
  if (options.data)
    flags.push("-v", `${"volume" in options.data ? options.data.volume : options.data.hostDir}:/opt/data`);
  if (options.tty) flags.push("-t");
  const [entrypoint, ...entrypointArgs] = options.entrypoint ?? [];
  if (options.entrypoint && entrypoint === undefined) throw new Error("entrypoint must not be empty");
  if (entrypoint !== undefined) flags.push("--entrypoint", entrypoint);
  return [...flags, image, ...entrypointArgs, ...(options.command ?? [])];
}
