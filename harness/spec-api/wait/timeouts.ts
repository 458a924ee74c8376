import { imageDeadline } from "../../run/context/deadline-scale.js";

/**
 * How long the harness waits, named once. A spec that needs longer says why next to its own number
 * (through imageDeadline); everything else uses these names. The image's own work stretches with the
 * run's deadline scale (deadline-scale.ts: emulation); the engine's answers (queryMs) do not.
 */
const BASE = {
  bootMs: 30_000,
  conditionMs: 10_000,
  slotGraceMs: 2_000,
  execMs: 30_000,
} as const;

export const TIMEOUTS = {
  /** A container's boot until its readiness line (C4.9), a `docker restart`, a one-shot `docker run`. */
  get bootMs() {
    return imageDeadline(BASE.bootMs);
  },
  /** A condition inside a running container: a slot's state, a file, a log line, an HTTP answer. */
  get conditionMs() {
    return imageDeadline(BASE.conditionMs);
  },
  /**
   * How long a slot waited on may not exist before the wait gives up: slots are made at boot (before
   * the readiness line) or by the CLI before it returns, so one still missing after this never comes.
   */
  get slotGraceMs() {
    return imageDeadline(BASE.slotGraceMs);
  },
  /** One `docker exec`, and the docker queries made for a failure's diagnostics. */
  get execMs() {
    return imageDeadline(BASE.execMs);
  },
  queryMs: 10_000,
} as const;
