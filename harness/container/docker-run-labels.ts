import type { RunIdentity } from "../run/labels.js";
import { runLabels } from "../run/labels.js";
import type { RunContext } from "../run/run-context.js";

/** `--label k=v` pairs for docker CLI runs, so CLI-made containers are cleaned up like API-made ones. */
export function labelArgs(run: RunIdentity | RunContext): string[] {
  return Object.entries(runLabels(run)).flatMap(([key, value]) => ["--label", `${key}=${value}`]);
}
