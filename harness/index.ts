// The harness's public surface for spec authors.

export {
  type ComposeClient,
  ComposeProject,
  type ComposeService,
  findComposeClient,
  NO_COMPOSE_SKIP_REASON,
} from "./container/compose-project.js";
export {
  createHostDir,
  createVolume,
  HOST_BIND_SKIP_REASON,
  hostBindMountsWork,
} from "./container/data-volumes.js";
export { buildDerivedImage, type DerivedFile } from "./container/derived-image.js";
export {
  type ExecOptions,
  HermesContainer,
  type HttpResponse,
  type SlotWaitOptions,
} from "./container/hermes-container.js";
export { type RecreateOptions, recreateOnVolume } from "./container/recreate-on-volume.js";
export { type RunOnceOptions, type RunOnceResult, runOnce } from "./container/run-once.js";
export { seedDataAsRoot } from "./container/seed-data-as-root.js";
export { startHermes } from "./container/start-hermes.js";
export type { StartOptions } from "./container/start-options.js";
export { dockerClient } from "./docker/docker-client.js";
export { describeExec, type ExecResult } from "./exec/exec-result.js";
export type { ExecUser } from "./exec/exec-user.js";
export {
  DASHBOARD_DEFAULT_PORT,
  HERMES_GID,
  HERMES_HOME,
  HERMES_UID,
  PROFILES_DIR,
  SCANDIR,
  VENV_PYTHON,
} from "./image-facts.js";
export { appendedLines } from "./read/appended-lines.js";
export { BOOT_LOG, type BootRecord, parseBootLog, readinessSince } from "./read/boot-log.js";
export type { FileStat } from "./read/file-stat.js";
export { parseStats, STAT_FORMAT } from "./read/file-stat.js";
export { type ProcessRow, zombies } from "./read/process-table.js";
export type { SlotStatus } from "./read/svstat.js";
export { onlyInGeneration } from "./run/generation-gate.js";
export { runContext } from "./run/run-context.js";
export { onlySinceVersion } from "./run/version-gate.js";
export { TIMEOUTS } from "./wait/timeouts.js";
export { waitFor } from "./wait/wait-for.js";
export { WaitTimeoutError } from "./wait/wait-timeout-error.js";
