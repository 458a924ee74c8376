import { execa } from "execa";
import type { RunIdentity } from "../run/labels.js";
import { labelArgs } from "./docker-run-labels.js";

/** `hermes --version` of an image, for the run header; a failure is reported, not fatal. */
export async function hermesVersionOf(image: string, run: RunIdentity): Promise<string> {
  const result = await execa("docker", ["run", "--rm", ...labelArgs(run), image, "--version"], {
    reject: false,
    timeout: 60_000,
  });
  // Boot steps may print to stdout before the program does: pick the version line itself
  // (upstream's reads "Hermes Agent vX.Y.Z ..."), else any line with a version number.
  const lines = `${result.stdout}`.split("\n").map((line) => line.trim());
  const text =
    lines.find((line) => /^Hermes Agent\b/.test(line)) ??
    lines.find((line) => /\bv?\d+\.\d+\.\d+/.test(line));
  return result.exitCode === 0 && text
    ? text
    : `unknown (--version exited ${result.exitCode}: ${`${result.stderr}`.trim().slice(0, 200)})`;
}
