import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buffer } from "node:stream/consumers";
import { execa } from "execa";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { contextEntries, dockerfileInContext, packContext } from "./build-context.js";
import { parseDockerignore } from "./docker-ignore.js";

describe("dockerfileInContext", () => {
  it("gives the path inside the context, or undefined for one outside it", () => {
    expect(dockerfileInContext("/repo", "/repo/Dockerfile.test")).toBe("Dockerfile.test");
    expect(dockerfileInContext("/repo/", "/repo/fixtures/x/Dockerfile")).toBe("fixtures/x/Dockerfile");
    expect(dockerfileInContext("/repo", "/repo/..Dockerfile")).toBe("..Dockerfile");
    expect(dockerfileInContext("/repo", "/elsewhere/Dockerfile")).toBeUndefined();
    expect(dockerfileInContext("/repo", "/repo")).toBeUndefined();
  });
});

describe("the packed build context", () => {
  let root: string;
  let outside: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "build-context-"));
    outside = await mkdtemp(join(tmpdir(), "build-context-dockerfile-"));
    // Modes set explicitly: what the tar must keep, whatever this machine's umask.
    const put = async (path: string, text: string, mode = 0o644) => {
      await writeFile(join(root, path), text);
      await chmod(join(root, path), mode);
    };
    await put("Dockerfile", "FROM scratch\n");
    await put(".dockerignore", "skip\n*.log\n!keep.log\nDockerfile\n");
    await put("run.sh", "#!/bin/sh\n", 0o755);
    await put("data", "data\n", 0o640);
    await symlink("data", join(root, "link"));
    await mkdir(join(root, "skip"));
    await put("skip/inner", "x\n");
    await put("a.log", "x\n");
    await put("keep.log", "x\n");
    await mkdir(join(root, "sub"));
    await chmod(join(root, "sub"), 0o750);
    await put("sub/nested.txt", "x\n");
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  /** `tar -tv` of what packContext streams: one "mode owner name" line per entry. */
  async function listing(dockerfile: string): Promise<{ dockerfile: string; lines: string[]; dir: string }> {
    const context = await packContext(root, dockerfile);
    const bytes = await buffer(context.tar);
    await context.close();
    const dir = await mkdtemp(join(tmpdir(), "build-context-tar-"));
    await writeFile(join(dir, "context.tar"), bytes);
    const { stdout } = await execa("tar", ["-tvf", join(dir, "context.tar"), "--numeric-owner"]);
    const lines = stdout.split("\n").map((line) => {
      const [mode, owner, , , , name, ...link] = line.split(/\s+/);
      return [mode, owner, name, ...link].join(" ");
    });
    return { dockerfile: context.dockerfile, lines, dir };
  }

  it("walks in Docker's order and leaves out what .dockerignore excludes", async () => {
    const rules = parseDockerignore("skip\n*.log\n!keep.log\n");
    expect(await contextEntries(root, rules)).toEqual([
      ".dockerignore",
      "Dockerfile",
      "data",
      "keep.log",
      "link",
      "run.sh",
      "sub",
      "sub/nested.txt",
    ]);
  });

  it("keeps modes and symlinks, owns everything by root, and keeps an excluded Dockerfile", async () => {
    const { dockerfile, lines, dir } = await listing(join(root, "Dockerfile"));
    await rm(dir, { recursive: true, force: true });
    expect(dockerfile).toBe("Dockerfile");
    expect(lines).toEqual([
      "-rw-r--r-- 0/0 .dockerignore",
      "-rw-r--r-- 0/0 Dockerfile",
      "-rw-r----- 0/0 data",
      "-rw-r--r-- 0/0 keep.log",
      "lrwxrwxrwx 0/0 link -> data",
      "-rwxr-xr-x 0/0 run.sh",
      "drwxr-x--- 0/0 sub/",
      "-rw-r--r-- 0/0 sub/nested.txt",
    ]);
  });

  it("adds a Dockerfile from outside under a generated name that .dockerignore hides from COPY", async () => {
    await writeFile(join(outside, "Dockerfile"), "FROM scratch\n");
    const { dockerfile, lines, dir } = await listing(join(outside, "Dockerfile"));
    expect(dockerfile).toMatch(/^\.dockerfile\.[0-9a-f]{20}$/);
    expect(lines.filter((line) => line.endsWith(` ${dockerfile}`))).toHaveLength(1);
    expect(lines.filter((line) => line.endsWith(" .dockerignore"))).toHaveLength(1);
    await execa("tar", ["-xf", join(dir, "context.tar"), "-C", dir, ".dockerignore"]);
    const written = await readFile(join(dir, ".dockerignore"), "utf8");
    await rm(dir, { recursive: true, force: true });
    expect(written.split("\n")).toEqual(["skip", "*.log", "!keep.log", "Dockerfile", "", dockerfile, ""]);
  });
});
