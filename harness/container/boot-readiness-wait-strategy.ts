import type Dockerode from "dockerode";
import type { BoundPorts, WaitStrategy } from "testcontainers";
import { execInContainer } from "../exec/exec-in-container.js";
import { readinessSince } from "../read/boot-log.js";
import { BOOT_LOG } from "./boot-log-location.js";

/**
 * In-container watcher: polls the boot log every 50 ms and prints everything written after byte
 * `$1` once a `profile=default` line appears there, so readiness is seen within ~50 ms of the line
 * being written, without a docker round trip per poll. A log shorter than the offset was rotated:
 * then all of it is new. Each watcher gives up after `$3` polls (exit 1) and a new exec takes over:
 * docker resolves `hermes` to a UID when an exec starts, and a boot that remaps the UID (C4.1) can
 * make /opt/data unreadable to the UID an early watcher was started with.
 */
const WATCH_POLLS = 40;
const WATCH_SCRIPT = `f="$1"; off="$2"; polls="$3"
while [ "$polls" -gt 0 ]; do
  polls=$((polls - 1))
  if [ -f "$f" ]; then
    size=$(wc -c < "$f")
    [ "$size" -lt "$off" ] && off=0
    if tail -c +"$((off + 1))" "$f" | grep -qE '(^| )profile=default( |$)'; then
      tail -c +"$((off + 1))" "$f"; exit 0
    fi
  fi
  sleep 0.05
done
exit 1`;

/**
 * Ready = this boot wrote its `profile=default` line (C4.9). `sinceBytes` is the log's byte length
 * before a restart, so a line from the previous boot never counts.
 */
export class BootReadinessWaitStrategy implements WaitStrategy {
  private startupTimeoutMs = 30_000;
  private startupTimeoutSet = false;

  constructor(private readonly sinceBytes = 0) {}

  async waitUntilReady(container: Dockerode.Container, _ports?: BoundPorts): Promise<void> {
    await waitForBootReadiness(container, this.sinceBytes, this.startupTimeoutMs);
  }

  withStartupTimeout(startupTimeoutMs: number): this {
    this.startupTimeoutMs = startupTimeoutMs;
    this.startupTimeoutSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.startupTimeoutSet;
  }

  getStartupTimeout(): number {
    return this.startupTimeoutMs;
  }
}

export async function waitForBootReadiness(
  container: Dockerode.Container,
  sinceBytes: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastSeen = "(nothing yet)";
  while (Date.now() < deadline) {
    const state = (await container.inspect()).State;
    if (!state.Running) {
      throw new Error(
        `container exited (code ${state.ExitCode}) before the boot readiness line (profile=default in ${BOOT_LOG}); ` +
          `last seen: ${lastSeen}`,
      );
    }
    let result: Awaited<ReturnType<typeof execInContainer>>;
    try {
      result = await execInContainer(container, {
        argv: ["sh", "-c", WATCH_SCRIPT, "watch-boot-log", BOOT_LOG, String(sinceBytes), String(WATCH_POLLS)],
        user: "hermes",
        timeoutMs: Math.max(1, deadline - Date.now()),
      });
    } catch (error) {
      lastSeen = (error as Error).message.split("\n")[0] ?? lastSeen;
      continue;
    }
    // The watcher printed the tail after the offset; the exact rule lives in readinessSince.
    if (result.exitCode === 0 && readinessSince(result.stdout, 0)) return;
    lastSeen = `watcher exit ${result.exitCode}: ${(result.stdout + result.stderr).trim().slice(-400) || "(no output)"}`;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for this boot's profile=default line in ${BOOT_LOG}; last seen: ${lastSeen}`,
  );
}
