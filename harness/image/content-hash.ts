import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";

/**
 * A hash of what goes into an image build: each file's path, executable bit and bytes, in sorted
 * order, plus any extra strings (build args, the base image's id). Unchanged inputs give the same
 * hash, so the image is built once per content change.
 */
export async function contentHash(root: string, paths: string[], extra: string[] = []): Promise<string> {
  const files: string[] = [];
  for (const path of paths) files.push(...(await listFiles(join(root, path))));
  files.sort();
  const hash = createHash("sha256");
  for (const file of files) {
    const info = await stat(file);
    hash.update(`${relative(root, file)}\0${info.mode & 0o111 ? "x" : "-"}\0`);
    hash.update(await readFile(file));
    hash.update("\0");
  }
  for (const value of extra) hash.update(`extra\0${value}\0`);
  return hash.digest("hex");
}

// Made beside the sources by running their tests; never copied into an image, so never a rebuild.
const PYTHON_CACHES = new Set(["__pycache__", ".pytest_cache"]);

async function listFiles(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((entry) => !PYTHON_CACHES.has(entry.name) && !entry.name.endsWith(".pyc"))
      .map((entry) => listFiles(join(path, entry.name))),
  );
  return nested.flat();
}
