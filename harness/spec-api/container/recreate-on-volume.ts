import { removeContainer } from "../../engine/remove-owned.js";
import { tracker } from "../../run/context/resource-tracker.js";
import { runContext } from "../../run/context/run-context.js";
import { recordTiming } from "../../run/profiling/recorder.js";
import { TIMEOUTS } from "../wait/timeouts.js";
import { waitForBootReadiness } from "./boot-readiness-wait-strategy.js";
import type { HermesContainer } from "./hermes-container.js";
import { startHermes } from "./start-hermes.js";
import type { StartOptions } from "./start-options.js";

export type RecreateOptions = StartOptions & { data: NonNullable<StartOptions["data"]> };

/**
 * An image upgrade the way users do it (contract C7.7): `docker stop` and `docker rm` of the old
 * container, then `docker run` with the same options on the same /opt/data. The data already holds
 * the old boots' log lines, so the log's length is taken before the stop and only a readiness line
 * written after it counts. Removal goes through the harness's ownership check.
 */
export async function recreateOnVolume(
  old: HermesContainer,
  options: RecreateOptions,
): Promise<HermesContainer> {
  const timeoutMs = options.startupTimeoutMs ?? TIMEOUTS.bootMs;
  const before = await old.bootLogBytes();
  const started = Date.now();
  await old.stop();
  await removeContainer(old.id, runContext().runId);
  tracker.forget({ containers: [old.id] });
  const fresh = await startHermes({ ...options, waitFor: "running" });
  await waitForBootReadiness(fresh.container, before, timeoutMs);
  recordTiming("docker", "recreate on volume until ready", Date.now() - started);
  return fresh;
}
