/**
 * How long the harness waits, named once. A spec that needs longer says why next to its own number;
 * everything else uses these names.
 */
export const TIMEOUTS = {
  /** A container's boot until its readiness line (C4.9), a `docker restart`, a one-shot `docker run`. */
  bootMs: 30_000,
  /** A condition inside a running container: a slot's state, a file, a log line, an HTTP answer. */
  conditionMs: 10_000,
  /**
   * How long a slot waited on may not exist before the wait gives up: slots are made at boot (before
   * the readiness line) or by the CLI before it returns, so one still missing after this never comes.
   */
  slotGraceMs: 2_000,
  /** One `docker exec`, and the docker queries made for a failure's diagnostics. */
  execMs: 30_000,
  queryMs: 10_000,
} as const;
