import { execa } from "execa";
import { HarnessSetupError } from "../../harness/harness-setup-error.js";

export interface Commit {
  sha: string;
  subject: string;
}

/**
 * The commits a history bisect chooses from, oldest first: `good`, then every commit on a path from
 * it to `bad` (`git rev-list --ancestry-path`), `bad` last. Reads the repository, changes nothing.
 */
export async function commitRange(dir: string, good: string, bad: string): Promise<Commit[]> {
  const git = (args: string[]) => execa("git", ["-C", dir, ...args], { reject: false });
  const resolveCommit = async (option: string, ref: string) => {
    const result = await git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    if (result.exitCode !== 0)
      throw new HarnessSetupError(`--${option} ${ref}: not a commit of the git repository at ${dir}`);
    return result.stdout.trim();
  };
  const goodSha = await resolveCommit("good", good);
  const badSha = await resolveCommit("bad", bad);
  if (goodSha === badSha) throw new HarnessSetupError(`--good and --bad are the same commit (${goodSha})`);
  if ((await git(["merge-base", "--is-ancestor", goodSha, badSha])).exitCode !== 0)
    throw new HarnessSetupError(
      `--good ${good} is not an ancestor of --bad ${bad}: there is no history between them`,
    );
  const listed = await git([
    "rev-list",
    "--ancestry-path",
    "--reverse",
    "--format=%H %s",
    "--no-commit-header",
    `${goodSha}..${badSha}`,
  ]);
  if (listed.exitCode !== 0)
    throw new HarnessSetupError(`git rev-list failed in ${dir}: ${listed.stderr.trim()}`);
  const subject = await git(["log", "-1", "--format=%s", goodSha]);
  return [
    { sha: goodSha, subject: subject.stdout.trim() },
    ...listed.stdout
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => ({ sha: line.slice(0, 40), subject: line.slice(41) })),
  ];
}
