// The harness's public surface for spec authors.

export { dockerClient } from "./engine/docker-client.js";
export {
  DASHBOARD_DEFAULT_PORT,
  HERMES_GID,
  HERMES_HOME,
  HERMES_UID,
  PROFILES_DIR,
  SCANDIR,
  VENV_PYTHON,
} from "./image-facts.js";
export {
  onlyInGeneration,
  onlySinceVersion,
  onlyWhereEngine,
  onlyWhereImageHas,
} from "./run/context/applicability.js";
export { imageDeadline } from "./run/context/deadline-scale.js";
export { runContext } from "./run/context/run-context.js";
export {
  type ComposeClient,
  ComposeProject,
  type ComposeService,
  findComposeClient,
  NO_COMPOSE_SKIP_REASON,
} from "./spec-api/container/compose-project.js";
export {
  createHostDir,
  createVolume,
  HOST_BIND_SKIP_REASON,
  hostBindMountsWork,
  hostOwner,
} from "./spec-api/container/data-volumes.js";
export { buildDerivedImage, type DerivedFile } from "./spec-api/container/derived-image.js";
export {
  type ExecOptions,
  HermesContainer,
  type HttpResponse,
  type SlotWaitOptions,
} from "./spec-api/container/hermes-container.js";
export { type RecreateOptions, recreateOnVolume } from "./spec-api/container/recreate-on-volume.js";
export { type RunOnceOptions, type RunOnceResult, runOnce } from "./spec-api/container/run-once.js";
export { seedDataAsRoot } from "./spec-api/container/seed-data-as-root.js";
export { startHermes } from "./spec-api/container/start-hermes.js";
export type { StartOptions } from "./spec-api/container/start-options.js";
export { describeExec, type ExecResult } from "./spec-api/exec/exec-result.js";
export type { ExecUser } from "./spec-api/exec/exec-user.js";
export { appendedLines } from "./spec-api/read/appended-lines.js";
export { BOOT_LOG, type BootRecord, parseBootLog, readinessSince } from "./spec-api/read/boot-log.js";
export { describeElf, type ElfTarget, elfMatches, expectedElfFor } from "./spec-api/read/elf-header.js";
export type { FileStat } from "./spec-api/read/file-stat.js";
export { parseStats, STAT_FORMAT } from "./spec-api/read/file-stat.js";
export {
  type ImageElfFile,
  type ImageElfFiles,
  imageElfFiles,
} from "./spec-api/read/image-elf-files.js";
export { type ProcessRow, zombies } from "./spec-api/read/process-table.js";
export { resolveSymlinks } from "./spec-api/read/resolve-symlinks.js";
export type { SlotStatus } from "./spec-api/read/svstat.js";
export { TIMEOUTS } from "./spec-api/wait/timeouts.js";
export { waitFor } from "./spec-api/wait/wait-for.js";
export { WaitTimeoutError } from "./spec-api/wait/wait-timeout-error.js";
