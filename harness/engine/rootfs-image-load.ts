import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { execa } from "execa";
import { dockerClient } from "./docker-client.js";
import type { Platform } from "./platform.js";

export interface RootfsImageConfig {
  platform: Platform;
  cmd: string[];
  labels: Record<string, string>;
}

/**
 * A root filesystem tarball as a one-layer image that declares `platform`, through the API's
 * `docker load`: an import records the engine's own architecture (Docker 20.10 ignores the import's
 * platform), so a base for another architecture is loaded from an image archive made here instead.
 */
export async function loadRootfsImage(
  tarPath: string,
  ref: string,
  config: RootfsImageConfig,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "hermes-harness-load-"));
  try {
    const diffId = `sha256:${await sha256Of(tarPath)}`;
    const imageConfig = JSON.stringify({
      architecture: config.platform.architecture,
      ...(config.platform.variant ? { variant: config.platform.variant } : {}),
      os: config.platform.os,
      created: new Date().toISOString(),
      config: { Cmd: config.cmd, Labels: config.labels },
      rootfs: { type: "layers", diff_ids: [diffId] },
      history: [{ created_by: "hermes-image-harness: root filesystem tarball" }],
    });
    const configName = `${createHash("sha256").update(imageConfig).digest("hex")}.json`;
    await writeFile(join(dir, configName), imageConfig);
    await writeFile(
      join(dir, "manifest.json"),
      JSON.stringify([{ Config: configName, RepoTags: [ref], Layers: ["layer.tar"] }]),
    );
    await symlink(resolve(tarPath), join(dir, "layer.tar"));
    // -h: the layer goes in as the tarball's bytes, not as a link to it.
    const archive = execa("tar", ["-C", dir, "-chf", "-", "manifest.json", configName, "layer.tar"], {
      buffer: false,
      stdout: "pipe",
    });
    const output = await dockerClient().loadImage(archive.stdout as NodeJS.ReadableStream, { quiet: true });
    const answer = await readAll(output);
    await archive;
    const error = answer.match(/"(?:error|message)":\s*"([^"]*)"/);
    if (error || !/Loaded image/.test(answer))
      throw new Error(`loading ${ref} failed: ${error?.[1] ?? answer}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += String(chunk);
  return text;
}
