import { HarnessSetupError } from "../harness-setup-error.js";

/**
 * Which engine a run talks to, by name (HERMES_ENGINE, or the CLI's --engine); without one, DOCKER_HOST
 * or Docker's default socket decides, as for the docker CLI. Every engine is reached through its
 * Docker-compatible API, so a choice is only a socket.
 */
export type EngineChoice = "docker" | "podman" | "podman-rootless";
export const ENGINE_CHOICES: readonly EngineChoice[] = ["docker", "podman", "podman-rootless"];

/** The user whose rootless Podman a run as root talks to (scripts/provision-podman.sh makes it). */
export const DEFAULT_ROOTLESS_USER = "hermes-rootless";

export function parseEngineChoice(text: string | undefined): EngineChoice | undefined {
  if (text === undefined || text === "") return undefined;
  const value = text.trim().toLowerCase();
  if ((ENGINE_CHOICES as readonly string[]).includes(value)) return value as EngineChoice;
  throw new HarnessSetupError(
    `HERMES_ENGINE / --engine must be one of ${ENGINE_CHOICES.join(", ")}, got "${text}"`,
  );
}

export interface EngineLookup {
  /** This process's UID. */
  uid: number;
  env: NodeJS.ProcessEnv;
  /** A user's UID by name, or undefined when there is no such user. */
  uidOf: (user: string) => number | undefined;
}

/**
 * The socket of a chosen engine. Rootless Podman's belongs to a user: one's own when the run is not
 * root, else HERMES_ROOTLESS_USER's (default hermes-rootless), whose socket root may open.
 */
export function engineSocket(choice: EngineChoice, lookup: EngineLookup): string {
  if (choice === "docker") return "unix:///var/run/docker.sock";
  if (choice === "podman") return "unix:///run/podman/podman.sock";
  if (lookup.uid !== 0) {
    const runtimeDir = lookup.env.XDG_RUNTIME_DIR || `/run/user/${lookup.uid}`;
    return `unix://${runtimeDir}/podman/podman.sock`;
  }
  const user = lookup.env.HERMES_ROOTLESS_USER || DEFAULT_ROOTLESS_USER;
  const uid = lookup.uidOf(user);
  if (uid === undefined)
    throw new HarnessSetupError(
      `--engine podman-rootless as root needs a rootless user: there is no user "${user}" (set HERMES_ROOTLESS_USER, or run scripts/provision-podman.sh)`,
    );
  return `unix:///run/user/${uid}/podman/podman.sock`;
}

/**
 * The DOCKER_HOST a run uses: the chosen engine's socket, or DOCKER_HOST as given. A choice and a
 * different DOCKER_HOST name two engines: refused rather than guessed.
 */
export function engineHost(choice: EngineChoice | undefined, lookup: EngineLookup): string | undefined {
  const given = lookup.env.DOCKER_HOST || undefined;
  if (choice === undefined) return given;
  const socket = engineSocket(choice, lookup);
  if (given !== undefined && given !== socket)
    throw new HarnessSetupError(
      `HERMES_ENGINE=${choice} means ${socket}, but DOCKER_HOST is ${given}: unset one of them`,
    );
  return socket;
}
