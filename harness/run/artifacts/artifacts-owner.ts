import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The file that says the harness made this artifacts folder (and so may clear it). */
export const OWNER_MARK = ".hermes-harness";

/**
 * Creates `dir` if needed and says whether a run may clear earlier runs' files from it: only a
 * folder the harness made (new or empty, then marked) or the repository's own `artifacts/`, never a
 * folder someone else filled (`--artifacts .` must not empty the caller's directory).
 */
export async function claimArtifactsDir(dir: string, isRepositoryDefault: boolean): Promise<boolean> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  if (entries.includes(OWNER_MARK)) return true;
  if (entries.length > 0 && !isRepositoryDefault) return false;
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, OWNER_MARK), "Written by hermes-image-harness: each run replaces this folder's contents.\n");
  return true;
}
