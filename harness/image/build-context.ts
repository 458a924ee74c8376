import { randomBytes } from "node:crypto";
import { lstat, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { type Readable, Transform } from "node:stream";
import { execa } from "execa";
import {
  type IgnoreRule,
  isIgnored,
  keepBuildFiles,
  mayHoldExceptions,
  parseDockerignore,
} from "./docker-ignore.js";

// The build context as the docker CLI sends it: a tar of the context folder minus what its
// .dockerignore excludes, owned by root, with the Dockerfile added under a generated name when
// it lives outside the folder.

export interface PackedContext {
  /** The tar to upload. It errors instead of ending when tar failed, so no half context builds. */
  tar: Readable;
  /** The Dockerfile's path inside the tar, for the API's `dockerfile` parameter. */
  dockerfile: string;
  /** Stops tar if the daemon stopped reading, and removes what packing staged. */
  close(): Promise<void>;
}

/** The Dockerfile's `/`-separated path inside the context, or undefined when it lies outside it. */
export function dockerfileInContext(contextDir: string, dockerfile: string): string | undefined {
  const path = relative(resolve(contextDir), resolve(dockerfile));
  if (path === "" || path === ".." || path.startsWith(`..${sep}`) || isAbsolute(path)) return undefined;
  return path.split(sep).join("/");
}

/**
 * What goes into the tar, in the order Docker walks it: folders, regular files and symlinks (not
 * followed). An ignored folder is skipped whole unless an exception names something inside it;
 * then its kept contents go in without the folder's own entry, as with Docker.
 */
export async function contextEntries(root: string, rules: readonly IgnoreRule[]): Promise<string[]> {
  const entries: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const names = (await readdir(join(root, dir))).sort();
    for (const name of names) {
      const path = dir === "" ? name : `${dir}/${name}`;
      const info = await lstat(join(root, path));
      const ignored = isIgnored(path, rules);
      if (info.isDirectory()) {
        if (!ignored) entries.push(path);
        if (!ignored || mayHoldExceptions(path, rules)) await walk(path);
      } else if (!ignored && (info.isFile() || info.isSymbolicLink())) {
        entries.push(path);
      }
    }
  };
  await walk("");
  return entries;
}

export async function packContext(contextDir: string, dockerfilePath: string): Promise<PackedContext> {
  const root = resolve(contextDir);
  const inside = dockerfileInContext(root, dockerfilePath);
  const ignoreText = await readIfPresent(join(root, ".dockerignore"));
  const dockerfile = inside ?? `.dockerfile.${randomBytes(10).toString("hex")}`;
  const rules = keepBuildFiles(parseDockerignore(ignoreText ?? ""), dockerfile);
  let entries = await contextEntries(root, rules);

  // A Dockerfile from elsewhere goes in beside the context, and the .dockerignore names it, so
  // that the daemon drops it from what `COPY .` sees (what the CLI does).
  let staging: string | undefined;
  if (!inside) {
    const text = await readFile(dockerfilePath);
    staging = await mkdtemp(join(tmpdir(), "hermes-harness-dockerfile-"));
    await writeFile(join(staging, dockerfile), text);
    await writeFile(join(staging, ".dockerignore"), `${ignoreText ?? ".dockerignore"}\n${dockerfile}\n`);
    entries = entries.filter((entry) => entry !== ".dockerignore");
  }

  // Owned by root, as the CLI sends them: the same context hits the same cached layers.
  const args = ["-c", "--null", "--no-recursion", "--owner=0", "--group=0", "--numeric-owner"];
  args.push("-C", root, "--files-from=-");
  if (staging) args.push("-C", staging, dockerfile, ".dockerignore");
  const child = execa("tar", args, {
    input: entries.map((entry) => `${entry}\0`).join(""),
    buffer: { stdout: false },
    reject: false,
  });
  const tar = new Transform({
    transform: (chunk, _encoding, done) => done(null, chunk),
    // Ending only once tar exited well: an upload cut short fails at the daemon instead.
    flush: (done) => {
      void child.then((result) =>
        done(
          result.exitCode === 0
            ? null
            : new Error(`packing ${root} failed: ${result.stderr || result.shortMessage}`),
        ),
      );
    },
  });
  child.stdout?.pipe(tar);
  return {
    tar,
    dockerfile,
    close: async () => {
      child.kill();
      await child;
      if (staging) await rm(staging, { recursive: true, force: true });
    },
  };
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
