import { randomBytes } from "node:crypto";
import { posix } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { extract, type Headers } from "tar-stream";
import { dockerClient } from "../../engine/docker-client.js";
import { type RunIdentity, runLabels } from "../../engine/labels.js";
import { withTimeout } from "../../engine/with-timeout.js";
import { runContext } from "../../run/context/run-context.js";
import { recordTiming } from "../../run/profiling/recorder.js";
import { ELF_HEADER_BYTES, type ElfHeader, parseElfHeader } from "./elf-header.js";

export interface ImageElfFile {
  /** Absolute path inside the image, as the container would see it. */
  path: string;
  header: ElfHeader;
}

export interface ImageElfFiles {
  elfFiles: ImageElfFile[];
  /** Every symlink of the filesystem: absolute path -> target as stored (absolute or relative). */
  symlinks: Map<string, string>;
  /** Regular files read (hard links included), to show the scan saw a filesystem at all. */
  regularFiles: number;
  ms: number;
}

export interface ImageElfFilesOptions {
  /**
   * Default 5 minutes: the export streams the whole filesystem, and upstream's image is several GB;
   * past it the export is aborted, the container removed, and the call rejects.
   */
  timeoutMs?: number;
}

/**
 * Every ELF file of `image`'s filesystem with its header, and its symlinks, read without running
 * anything from the image: a container is created, never started, and its filesystem exported as a
 * tar stream, of which only the first bytes of each file are kept. So it works for an image of any
 * architecture on any host, with no emulation. The container carries the run's labels (the run's
 * cleanup finds it if this process dies) and is removed here in any case.
 */
export async function imageElfFiles(
  image: string,
  options: ImageElfFilesOptions = {},
  run: RunIdentity = runContext(),
): Promise<ImageElfFiles> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 300_000;
  const container = await dockerClient().createContainer({
    Image: image,
    name: `hermes-harness-export-${randomBytes(4).toString("hex")}`,
    Labels: runLabels(run),
    // Never started: a command of its own spares an image without ENTRYPOINT or CMD the engine's
    // "no command specified", and nothing of the image's would ever run anyway.
    Entrypoint: ["/harness-export-never-started"],
    Cmd: [],
  });
  const abort = new AbortController();
  try {
    const scan = container.export({ abortSignal: abort.signal }).then((tar) => scanTar(tar as Readable));
    const found = await withTimeout(
      scan,
      timeoutMs,
      () => `exporting ${image}'s filesystem took longer than ${timeoutMs} ms (aborted)`,
    ).catch((error: Error) => {
      abort.abort();
      // The scan's own rejection after the abort is expected; the timeout is the news.
      scan.catch(() => undefined);
      throw error;
    });
    const ms = Date.now() - started;
    recordTiming("docker", `export ${image}`.slice(0, 80), ms);
    return { ...found, ms };
  } finally {
    // v: the image may declare a VOLUME, whose anonymous volume would outlive the container.
    await container.remove({ force: true, v: true }).catch(() => undefined);
  }
}

/** Reads one `docker export` tar: the ELF headers of its regular files (hard links too) and its symlinks. */
export async function scanTar(tar: Readable): Promise<Omit<ImageElfFiles, "ms">> {
  const elf = new Map<string, ElfHeader>();
  const symlinks = new Map<string, string>();
  let regularFiles = 0;
  const extractor = extract();
  extractor.on("entry", (header: Headers, body: Readable, next: (error?: unknown) => void) => {
    const path = absolute(header.name);
    if (header.type === "symlink") symlinks.set(path, header.linkname ?? "");
    if (header.type === "link" && header.linkname) {
      // A hard link is the same file as its target, which the tar holds earlier.
      regularFiles += 1;
      const target = elf.get(absolute(header.linkname));
      if (target) elf.set(path, target);
    }
    const isFile = header.type === "file" || header.type === "contiguous-file";
    if (isFile) regularFiles += 1;
    const head: Buffer[] = [];
    let headBytes = 0;
    body.on("data", (chunk: Buffer) => {
      if (!isFile || headBytes >= ELF_HEADER_BYTES) return;
      // A copy, so the header does not keep the stream's whole chunk alive.
      const part = Buffer.from(chunk.subarray(0, ELF_HEADER_BYTES - headBytes));
      head.push(part);
      headBytes += part.length;
    });
    body.on("end", () => {
      const parsed = isFile ? parseElfHeader(Buffer.concat(head)) : undefined;
      if (parsed) elf.set(path, parsed);
      next();
    });
    body.on("error", next);
  });
  await pipeline(tar, extractor);
  const elfFiles = [...elf].map(([path, header]) => ({ path, header }));
  return { elfFiles, symlinks, regularFiles };
}

/** Tar names are relative (`usr/bin/env`, `./usr/bin/env`, `usr/` for a folder). */
function absolute(name: string): string {
  const normalised = posix.normalize(`/${name}`);
  return normalised.length > 1 ? normalised.replace(/\/$/, "") : normalised;
}
