import { execa } from "execa";
import { runContext } from "../../run/context/run-context.js";
import { runOnce } from "./run-once.js";
import type { StartOptions } from "./start-options.js";

/**
 * Prepares /opt/data before a container starts, as root, the way a host or an older image leaves it
 * (root-owned files, symlinks). `script` runs under `sh -c` with `$1` = the data directory: on this
 * host for a host folder when the harness is root (and the engine rootful), else as root in a throwaway container of the image
 * under test, its entrypoint replaced so nothing of the image's boot runs.
 */
export async function seedDataAsRoot(data: NonNullable<StartOptions["data"]>, script: string): Promise<void> {
  // Under a rootless engine, root in the container is not root on the host: only a container's root
  // makes the files a container sees as root's.
  if ("hostDir" in data && process.getuid?.() === 0 && !runContext().engine.idMapping) {
    const result = await execa("sh", ["-c", script, "seed", data.hostDir], { reject: false });
    if (result.exitCode !== 0) {
      throw new Error(`seeding ${data.hostDir} failed (exit ${result.exitCode}): ${result.stderr}`);
    }
    return;
  }
  const result = await runOnce({ user: "0:0", entrypoint: ["sh", "-c", script, "seed", "/opt/data"], data });
  if (result.exitCode !== 0) {
    throw new Error(
      `seeding /opt/data failed (exit ${result.exitCode}): ${result.commandLine}\n${result.stderr}`,
    );
  }
}
