import { randomBytes } from "node:crypto";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { LABEL_CONTENT_HASH, LABEL_IMAGE_KIND, runLabels } from "../../engine/labels.js";
import { dockerBuild } from "../../image/docker-build.js";
import { sanitiseSegment } from "../../run/artifacts/artifact-path.js";
import { tracker } from "../../run/context/resource-tracker.js";
import { runContext } from "../../run/context/run-context.js";

export interface DerivedFile {
  text: string;
  mode: number;
}

export interface DerivedImageOptions {
  /**
   * A `/bin/sh -c` command run once at build, after the files are added, for what adding files
   * cannot do (say, remove a program). It runs as the image's own user: root, since the image sets
   * no `USER` (C1.6); an image that broke that fails the build here, loudly.
   */
  rootShell?: string;
}

/**
 * The Dockerfile of a derived image. The command goes in RUN's JSON form, so quotes, `$` and line
 * breaks in it reach `/bin/sh -c` as written, and the Dockerfile stays one instruction a line.
 */
export function derivedDockerfile(
  baseImage: string,
  { withFiles, rootShell }: { withFiles: boolean; rootShell?: string },
): string {
  if (rootShell !== undefined && rootShell.trim() === "")
    throw new Error("buildDerivedImage: rootShell must not be empty");
  return [
    `FROM ${baseImage}`,
    // COPY of a folder the context lacks would fail the build.
    ...(withFiles ? ["COPY files/ /"] : []),
    ...(rootShell !== undefined ? [`RUN ${JSON.stringify(["/bin/sh", "-c", rootShell])}`] : []),
    "",
  ].join("\n");
}

/**
 * A tiny image built now, `FROM` the image under test, that adds files (say, one boot step) and,
 * with `rootShell`, runs one command. It works the same on the reference, a checkout or a
 * published tag: nothing in the image under test needs a switch for it. Labelled with the run and
 * removed with the test that built it (with the file, when built in `beforeAll`).
 */
export async function buildDerivedImage(
  nameHint: string,
  files: Record<string, DerivedFile>,
  options: DerivedImageOptions = {},
): Promise<string> {
  const run = runContext();
  const dockerfile = derivedDockerfile(run.image, {
    withFiles: Object.keys(files).length > 0,
    rootShell: options.rootShell,
  });
  const tag = `hermes-harness/derived-${sanitiseSegment(nameHint).toLowerCase()}:${randomBytes(4).toString("hex")}`;
  const contextDir = await mkdtemp(join(tmpdir(), "hermes-harness-derived-"));
  try {
    for (const [path, file] of Object.entries(files)) {
      const target = join(contextDir, "files", path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.text);
      // The legacy builder's COPY keeps the mode the file has in the context.
      await chmod(target, file.mode);
    }
    await writeFile(join(contextDir, "Dockerfile"), dockerfile);
    tracker.addImage(tag);
    await dockerBuild({
      contextDir,
      dockerfile: join(contextDir, "Dockerfile"),
      tags: [tag],
      // Labels are inherited from the base: say what this one is, so no cache pruning takes it
      // for a reference image.
      labels: { ...runLabels(run), [LABEL_IMAGE_KIND]: "derived", [LABEL_CONTENT_HASH]: "none" },
      logFile: join(run.artifactsDir, "derived-images", `${sanitiseSegment(tag)}.log`),
    });
    return tag;
  } finally {
    await rm(contextDir, { recursive: true, force: true });
  }
}
