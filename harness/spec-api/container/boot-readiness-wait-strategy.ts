import type Dockerode from "dockerode";
import { execInContainer } from "../exec/exec-in-container.js";
import { BOOT_LOG, readinessSince } from "../read/boot-log.js";
import { waitFor } from "../wait/wait-for.js";
import { HarnessWaitStrategy } from "./harness-wait-strategy.js";

/**
 * In-container watcher: polls the boot log `$1` every 50 ms and, once a `profile=default` line appears
 * after byte `$2`, prints all written after that byte: readiness is seen within ~50 ms, with no docker
 * round trip per poll. A log shorter than the offset was rotated: all of it is new. A watcher gives up
 * after `$3` polls (exit 1) and a new exec takes over: docker resolves `hermes` to a UID when an exec
 * starts, and a boot that remaps the UID (C4.1) can make /opt/data unreadable to an early watcher.
 * The log is searched only when its size changed: a poll then costs two processes, not five, and a
 * boot polls some twenty times while the machine is busy booting others.
 */
const WATCH_POLLS = 40;
const WATCH_SCRIPT = `f="$1"; off="$2"; polls="$3"; seen=
while [ "$polls" -gt 0 ]; do
  polls=$((polls - 1))
  if [ -f "$f" ]; then
    size=$(wc -c < "$f")
    if [ "$size" != "$seen" ]; then
      seen=$size
      [ "$size" -lt "$off" ] && off=0
      if tail -c +"$((off + 1))" "$f" | grep -qE '(^| )profile=default( |$)'; then
        tail -c +"$((off + 1))" "$f"; exit 0
      fi
    fi
  fi
  sleep 0.05
done
exit 1`;

/**
 * Ready = this boot wrote its `profile=default` line (C4.9). `sinceBytes` is the log's byte length
 * before this boot (startHermes measures it once the container is created), so a line from an
 * earlier boot never counts.
 */
export class BootReadinessWaitStrategy extends HarnessWaitStrategy {
  sinceBytes = 0;

  async waitUntilReady(container: Dockerode.Container): Promise<void> {
    await waitForBootReadiness(container, this.sinceBytes, this.startupTimeoutMs);
  }
}

/** Waits like every other wait (waitFor): a timeout is a WaitTimeoutError; an exit ends it at once. */
export async function waitForBootReadiness(
  container: Dockerode.Container,
  sinceBytes: number,
  timeoutMs: number,
): Promise<void> {
  const description = `this boot's profile=default line in ${BOOT_LOG} (past byte ${sinceBytes})`;
  const exited = new AbortController();
  const deadline = Date.now() + timeoutMs;
  let lastSeen = "(nothing yet)";
  await waitFor(
    async () => {
      const state = (await container.inspect()).State;
      if (!state.Running) {
        exited.abort(
          new Error(
            `container exited (code ${state.ExitCode}) before ${description}; last seen: ${lastSeen}`,
          ),
        );
        return undefined;
      }
      const result = await execInContainer(container, {
        argv: ["sh", "-c", WATCH_SCRIPT, "watch-boot-log", BOOT_LOG, String(sinceBytes), String(WATCH_POLLS)],
        user: "hermes",
        timeoutMs: Math.max(1, deadline - Date.now()),
      });
      lastSeen = `watcher exit ${result.exitCode}: ${(result.stdout + result.stderr).trim().slice(-400) || "(no output)"}`;
      return result;
    },
    {
      description,
      timeoutMs,
      signal: exited.signal,
      // The watcher printed the tail after the offset; the exact rule lives in readinessSince.
      until: (result) => result?.exitCode === 0 && readinessSince(result.stdout, 0) !== undefined,
      describeValue: () => lastSeen,
    },
  );
}
