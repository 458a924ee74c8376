import type { RunIdentity } from "../../engine/labels.js";
import { imageDeadline } from "../../run/context/deadline-scale.js";
import { runOnce } from "./run-once.js";

/** `hermes --version` of an image, for the run header; a failure is reported, not fatal. */
export async function hermesVersionOf(image: string, run: RunIdentity): Promise<string> {
  try {
    const result = await runOnce({ image, command: ["--version"], timeoutMs: imageDeadline(60_000) }, run);
    const text = versionLine(result.stdout);
    return result.exitCode === 0 && text
      ? text
      : `unknown (--version exited ${result.exitCode}: ${result.stderr.trim().slice(0, 200)})`;
  } catch (error) {
    return `unknown (${(error as Error).message.split("\n")[0]})`;
  }
}

/**
 * The version line of `--version` output. Boot steps may print before the program does, and the
 * program may print more after it (a build line): take the line upstream's format starts with
 * ("Hermes Agent vX.Y.Z ..."), else the first line with a version number.
 */
export function versionLine(stdout: string): string | undefined {
  const lines = stdout.split("\n").map((line) => line.trim());
  return (
    lines.find((line) => /^Hermes Agent\b/.test(line)) ?? lines.find((line) => /\bv?\d+\.\d+\.\d+/.test(line))
  );
}
