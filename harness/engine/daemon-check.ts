import { existsSync, readFileSync, statSync } from "node:fs";
import { HarnessSetupError } from "../harness-setup-error.js";
import { daemonAddress, dockerClient } from "./docker-client.js";
import { type EngineIdentity, identifyEngine } from "./engine-identity.js";
import { hostUsers } from "./host-users.js";
import { type IdMapping, subordinateRange } from "./id-mapping.js";
import { withTimeout } from "./with-timeout.js";

export interface DaemonInfo {
  version: string;
  apiVersion: string;
  os: string;
  address: string;
  engine: EngineIdentity;
}

const PING_TIMEOUT_MS = 4000;
const FACTS_TIMEOUT_MS = 30_000;

/** Fails fast (well inside 5 s) with one message that says how to get a daemon. */
export async function checkDaemon(): Promise<DaemonInfo> {
  const docker = dockerClient();
  const address = daemonAddress();
  try {
    await withTimeout(docker.ping(), PING_TIMEOUT_MS, `no answer within ${PING_TIMEOUT_MS} ms`);
    // An engine that answered the ping is there; Podman's version and info take over a second each
    // even when idle (it gathers them on every call), so they get a deadline of their own.
    const [version, info] = await Promise.all([
      withTimeout(docker.version(), FACTS_TIMEOUT_MS, `no version answer within ${FACTS_TIMEOUT_MS} ms`),
      withTimeout(docker.info(), FACTS_TIMEOUT_MS, `no info answer within ${FACTS_TIMEOUT_MS} ms`),
    ]);
    const engine = identifyEngine(version, info);
    const socket = address.replace(/^unix:\/\//, "");
    if (engine.rootless && socket.startsWith("/") && existsSync(socket))
      engine.idMapping = idMappingOf(socket);
    return { version: version.Version, apiVersion: version.ApiVersion, os: version.Os, address, engine };
  } catch (error) {
    throw new HarnessSetupError(
      [
        `No container engine answers at ${address} (${(error as Error).message}).`,
        "Start your Docker engine, or on a bare Debian host run (as root): bash scripts/provision-docker.sh",
        "(for Podman: bash scripts/provision-podman.sh, then HERMES_ENGINE=podman or podman-rootless).",
        "To use a remote engine, set DOCKER_HOST. Then run npm test again.",
      ].join("\n"),
    );
  }
}

/** A rootless engine's user owns its socket; that user's subordinate ranges complete the mapping. */
function idMappingOf(socket: string): IdMapping {
  const { uid, gid } = statSync(socket);
  const read = (path: string) => (existsSync(path) ? readFileSync(path, "utf8") : "");
  const name = hostUsers().find((user) => user.uid === uid)?.name;
  return {
    uid,
    gid,
    subuid: subordinateRange(read("/etc/subuid"), name ?? String(uid), uid),
    subgid: subordinateRange(read("/etc/subgid"), name ?? String(uid), uid),
  };
}
