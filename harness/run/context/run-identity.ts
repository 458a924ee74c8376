import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { RunIdentity } from "../../engine/labels.js";

/** A new run: a short random id, owned by the process that runs global setup (vitest's main). */
export function newRunIdentity(): RunIdentity {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15);
  return {
    runId: `${stamp}-${randomBytes(3).toString("hex")}`,
    ownerPid: process.pid,
    ownerHost: hostname(),
  };
}
