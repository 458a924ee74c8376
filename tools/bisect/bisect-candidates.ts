import { resolve } from "node:path";
import type { BisectOptions } from "./bisect-options.js";
import { ensureCommitImage } from "./commit-image.js";
import { commitRange } from "./commit-range.js";

/** One candidate: how it is named, and how its image is had (built, for a commit). */
export interface Candidate {
  label: string;
  image: (log: (line: string) => void) => Promise<{ ref: string; built: boolean }>;
}

/** The ordered candidates, --good first and --bad last: the listed images, or the commits between. */
export async function candidatesOf(
  source: NonNullable<BisectOptions["source"]>,
  cwd: string,
  buildLogDir: string,
): Promise<Candidate[]> {
  if (source.kind === "images") {
    return [source.good, ...source.between, source.bad].map((ref) => ({
      label: ref,
      image: async () => ({ ref, built: false }),
    }));
  }
  const dir = resolve(cwd, source.dir);
  const commits = await commitRange(dir, source.good, source.bad);
  return commits.map((commit) => ({
    label: `${commit.sha.slice(0, 10)} ${commit.subject}`,
    image: async (log) => {
      const { image, built } = await ensureCommitImage(dir, commit.sha, buildLogDir, log);
      return { ref: image.ref, built };
    },
  }));
}
