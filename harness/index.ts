// The harness's public surface for spec authors.
export { startHermes } from "./container/start-hermes.js";
export type { StartOptions } from "./container/start-options.js";
export { HermesContainer, type ExecOptions, type HttpResponse } from "./container/hermes-container.js";
export { runOnce, type RunOnceOptions, type RunOnceResult } from "./container/run-once.js";
export { createHostDir, createVolume, hostBindMountsWork, HOST_BIND_SKIP_REASON } from "./container/data-volumes.js";
export { BOOT_LOG } from "./container/boot-log-location.js";
export { describeExec, type ExecResult } from "./exec/exec-result.js";
export type { ExecUser } from "./exec/exec-user.js";
export { waitFor } from "./wait/wait-for.js";
export { WaitTimeoutError } from "./wait/wait-timeout-error.js";
export { parseBootLog, readinessSince, type BootRecord } from "./read/boot-log.js";
export { zombies, type ProcessRow } from "./read/process-table.js";
export type { SlotStatus } from "./read/svstat.js";
export type { FileStat } from "./read/file-stat.js";
export { runContext } from "./run/run-context.js";
