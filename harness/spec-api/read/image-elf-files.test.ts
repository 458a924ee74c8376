import { PassThrough, type Readable } from "node:stream";
import { pack } from "tar-stream";
import { describe, expect, it } from "vitest";
import { scanTar } from "./image-elf-files.js";

const X86_64 = Buffer.from("7f454c4602010100000000000000000003003e00", "hex");
const AARCH64 = Buffer.from("7f454c460201010000000000000000000300b700", "hex");

type Entry =
  | { name: string; type: "file"; body: Buffer }
  | { name: string; type: "directory" }
  | { name: string; type: "symlink" | "link"; linkname: string };

/** A tar as `docker export` writes it: relative names, folders with a trailing slash. */
function tarOf(entries: Entry[]): Readable {
  const tar = pack();
  for (const entry of entries) {
    if (entry.type === "file") tar.entry({ name: entry.name, type: "file" }, entry.body);
    else if (entry.type === "directory") tar.entry({ name: entry.name, type: "directory" });
    else tar.entry({ name: entry.name, type: entry.type, linkname: entry.linkname });
  }
  tar.finalize();
  return tar;
}

/** Re-chunks a stream into pieces of `size` bytes, so a header arrives split across chunks. */
function inPiecesOf(size: number, source: Readable): Readable {
  const out = new PassThrough();
  (async () => {
    for await (const chunk of source) {
      const bytes = chunk as Buffer;
      for (let at = 0; at < bytes.length; at += size) out.write(bytes.subarray(at, at + size));
    }
    out.end();
  })().catch((error: Error) => out.destroy(error));
  return out;
}

const SAMPLE: Entry[] = [
  { name: "usr/", type: "directory" },
  { name: "usr/bin/", type: "directory" },
  { name: "usr/bin/python3.13", type: "file", body: Buffer.concat([X86_64, Buffer.alloc(4096, 1)]) },
  { name: "usr/bin/python3", type: "symlink", linkname: "python3.13" },
  { name: "usr/bin/python3.13-hardlink", type: "link", linkname: "usr/bin/python3.13" },
  {
    name: "opt/hermes/.venv/bin/hermes",
    type: "file",
    body: Buffer.from("#!/opt/hermes/.venv/bin/python\n"),
  },
  { name: "opt/hermes/.venv/lib/x.cpython-313-aarch64-linux-gnu.so", type: "file", body: AARCH64 },
  { name: "opt/hermes/empty", type: "file", body: Buffer.alloc(0) },
  { name: "opt/hermes/short-elf", type: "file", body: X86_64.subarray(0, 10) },
  { name: "command/s6-svscan", type: "symlink", linkname: "/usr/bin/s6-svscan" },
  { name: "bin", type: "symlink", linkname: "usr/bin" },
];

describe("scanTar", () => {
  it("keeps the ELF files with their headers, hard links included, as absolute paths", async () => {
    const scan = await scanTar(tarOf(SAMPLE));
    const machines = Object.fromEntries(scan.elfFiles.map((file) => [file.path, file.header.machine]));
    expect(machines).toEqual({
      "/usr/bin/python3.13": 62,
      "/usr/bin/python3.13-hardlink": 62,
      "/opt/hermes/.venv/lib/x.cpython-313-aarch64-linux-gnu.so": 183,
    });
    // Every regular file and hard link was read, ELF or not.
    expect(scan.regularFiles).toBe(6);
  });

  it("keeps every symlink with its target as stored", async () => {
    const scan = await scanTar(tarOf(SAMPLE));
    expect(Object.fromEntries(scan.symlinks)).toEqual({
      "/usr/bin/python3": "python3.13",
      "/command/s6-svscan": "/usr/bin/s6-svscan",
      "/bin": "usr/bin",
    });
  });

  it("reads a header that arrives split across stream chunks", async () => {
    const scan = await scanTar(inPiecesOf(7, tarOf(SAMPLE)));
    expect(scan.elfFiles.map((file) => file.path)).toContain(
      "/opt/hermes/.venv/lib/x.cpython-313-aarch64-linux-gnu.so",
    );
    expect(scan.elfFiles).toHaveLength(3);
  });

  it("takes names with a leading ./ as docker's own", async () => {
    const scan = await scanTar(tarOf([{ name: "./usr/lib/libz.so.1", type: "file", body: AARCH64 }]));
    expect(scan.elfFiles.map((file) => file.path)).toEqual(["/usr/lib/libz.so.1"]);
  });

  it("rejects a stream that is not a tar", async () => {
    const garbage = new PassThrough();
    garbage.end(Buffer.alloc(1024, 0x41));
    await expect(scanTar(garbage)).rejects.toThrow();
  });
});
