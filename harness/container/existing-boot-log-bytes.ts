import { stat } from "node:fs/promises";
import { join } from "node:path";
import { BOOT_LOG } from "./boot-log-location.js";
import { runOnce } from "./run-once.js";
import type { StartOptions } from "./start-options.js";

/**
 * How much boot log the data already holds before a container starts on it. Reused data carries
 * earlier boots' `profile=default` lines; only lines past this offset belong to the new boot.
 * Fresh data (no `data` option: the image's anonymous volume) has none.
 */
export async function existingBootLogBytes(data: StartOptions["data"]): Promise<number> {
  if (!data) return 0;
  if ("hostDir" in data) {
    const info = await stat(join(data.hostDir, "logs", "container-boot.log")).catch(() => undefined);
    return info?.size ?? 0;
  }
  // Read inside a throwaway container as root (the log's owner may be any remapped uid); the
  // entrypoint is replaced, so nothing of the image's boot runs or writes.
  const result = await runOnce({
    user: "0:0",
    entrypoint: ["sh", "-c", `[ -f ${BOOT_LOG} ] && wc -c < ${BOOT_LOG} || echo 0`],
    data,
  });
  const bytes = Number(result.stdout.trim());
  if (result.exitCode !== 0 || !Number.isInteger(bytes)) {
    throw new Error(`could not measure the boot log on ${data.volume}: ${result.stderr || result.stdout}`);
  }
  return bytes;
}
