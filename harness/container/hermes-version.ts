import { execa } from "execa";
import type { RunIdentity } from "../run/labels.js";
import { labelArgs } from "./docker-run-labels.js";

/** `hermes --version` of an image, for the run header; a failure is reported, not fatal. */
export async function hermesVersionOf(image: string, run: RunIdentity): Promise<string> {
  const result = await execa("docker", ["run", "--rm", ...labelArgs(run), image, "--version"], {
    reject: false,
    timeout: 60_000,
  });
  const text = `${result.stdout}`.trim().split("\n").at(-1)?.trim();
  return result.exitCode === 0 && text
    ? text
    : `unknown (--version exited ${result.exitCode}: ${`${result.stderr}`.trim().slice(0, 200)})`;
}
