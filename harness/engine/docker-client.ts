import Docker from "dockerode";

let client: Docker | undefined;

/**
 * One dockerode client per process. docker-modem reads DOCKER_HOST (and DOCKER_TLS_VERIFY,
 * DOCKER_CERT_PATH) itself, so a remote engine works with no extra wiring.
 */
export function dockerClient(): Docker {
  client ??= new Docker();
  return client;
}

/** Where the daemon is, as the user would recognise it. */
export function daemonAddress(): string {
  return process.env.DOCKER_HOST ?? "unix:///var/run/docker.sock";
}

/**
 * A daemon is "local" when it shares this host's filesystem, so bind mounts of host folders work.
 * Unix sockets (and npipes) are local; tcp/ssh endpoints are treated as remote, even on localhost,
 * because Docker-in-Docker typically listens on tcp and has its own filesystem.
 */
export function isLocalDaemon(address: string = daemonAddress()): boolean {
  return address.startsWith("unix://") || address.startsWith("npipe://") || address.startsWith("/");
}
