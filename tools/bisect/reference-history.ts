import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { REFERENCE_DOCKERFILE } from "../../harness/image/reference-image.js";

/** A made-up history of the reference image's sources, and where its landmarks are. */
export interface ReferenceHistory {
  dir: string;
  /** Every commit's full sha, oldest first; the first is the good end, the last the bad end. */
  commits: string[];
  regressing: string;
  unbuildable: string;
}

const WRAPPER = "fixtures/reference-image/docker/main-wrapper.sh";
const HOME_LINE = "export HOME=/opt/data\n";
const UNBUILDABLE_STEP = "RUN test -e /opt/hermes/a-tool-this-commit-forgot\n";

/**
 * A git repository in a temporary folder, made of the reference image's own sources with Dockerfile.test
 * as its `Dockerfile` (its base defaulting to `base`, so no registry is asked), then `after` commits
 * on top: at `regressAt`, the catalogue's wrapper-changes-directory bug put into the sources
 * themselves (the wrapper changes into hermes's home, C3.12); at `unbuildableAt` a Dockerfile step
 * that fails, undone by the next commit; elsewhere a line in a notes file no build reads.
 * Commit dates are fixed, so the same sources give the same commits.
 */
export async function makeReferenceHistory(
  packageRoot: string,
  base: string,
  layout: { after: number; regressAt: number; unbuildableAt: number },
): Promise<ReferenceHistory> {
  const dir = await mkdtemp(join(tmpdir(), "hermes-bisect-history-"));
  const dockerfile = (await readFile(join(packageRoot, REFERENCE_DOCKERFILE), "utf8")).replace(
    /^ARG BASE_IMAGE=.*$/m,
    `ARG BASE_IMAGE=${base}`,
  );
  await writeFile(join(dir, "Dockerfile"), dockerfile);
  await cp(join(packageRoot, ".dockerignore"), join(dir, ".dockerignore"));
  await cp(join(packageRoot, "fixtures/reference-image"), join(dir, "fixtures/reference-image"), {
    recursive: true,
  });

  let clock = Date.parse("2026-01-01T00:00:00Z") / 1000;
  const git = (args: string[]) => {
    clock += 60;
    const date = `${clock} +0000`;
    return execa("git", args, {
      cwd: dir,
      env: {
        GIT_AUTHOR_NAME: "bisect test",
        GIT_AUTHOR_EMAIL: "bisect@test.invalid",
        GIT_COMMITTER_NAME: "bisect test",
        GIT_COMMITTER_EMAIL: "bisect@test.invalid",
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    });
  };
  const commit = async (subject: string) => {
    await git(["add", "-A"]);
    await git(["commit", "-q", "-m", subject]);
    return (await git(["rev-parse", "HEAD"])).stdout.trim();
  };
  await git(["init", "-q", "-b", "main"]);
  const commits = [await commit("reference image sources")];
  let regressing = "";
  let unbuildable = "";
  for (let i = 1; i <= layout.after; i++) {
    if (i === layout.regressAt) {
      const wrapper = await readFile(join(dir, WRAPPER), "utf8");
      if (!wrapper.includes(HOME_LINE))
        throw new Error(`${WRAPPER} no longer has the line the regression edits`);
      await writeFile(join(dir, WRAPPER), wrapper.replace(HOME_LINE, 'export HOME=/opt/data; cd "$HOME"\n'));
      regressing = await commit("wrapper: start in hermes's home");
    } else if (i === layout.unbuildableAt) {
      await writeFile(join(dir, "Dockerfile"), dockerfile + UNBUILDABLE_STEP);
      unbuildable = await commit("Dockerfile: check for a tool");
    } else if (i === layout.unbuildableAt + 1) {
      await writeFile(join(dir, "Dockerfile"), dockerfile);
      commits.push(await commit("Dockerfile: drop the tool check"));
      continue;
    } else {
      await writeFile(join(dir, "NOTES.md"), `note ${i}\n`, { flag: "a" });
      commits.push(await commit(`notes: entry ${i}`));
      continue;
    }
    commits.push(i === layout.regressAt ? regressing : unbuildable);
  }
  return { dir, commits, regressing, unbuildable };
}
