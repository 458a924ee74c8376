// Nightly: pull a tag once and print the digest reference it resolved to (repo@sha256:...), so that
// every shard tests exactly that image even if the tag moves during the run.
//   npx tsx tools/nightly/pin-image.ts nousresearch/hermes-agent:latest
import { execa } from "execa";
import { withDefaultTag } from "../../harness/image/target-selection.js";
import { pinnedReference } from "./pinned-reference.js";

const [tag] = process.argv.slice(2);
if (!tag) {
  console.error("usage: pin-image.ts IMAGE:TAG");
  process.exit(2);
}
const ref = withDefaultTag(tag);
const pull = await execa("docker", ["pull", "--quiet", ref], { reject: false, all: true });
if (pull.exitCode !== 0) {
  console.error(`docker pull ${ref} failed (exit ${pull.exitCode}): ${`${pull.all}`.trim()}`);
  process.exit(1);
}
const inspect = await execa("docker", ["image", "inspect", "--format", "{{json .RepoDigests}}", ref]);
try {
  console.log(pinnedReference(ref, JSON.parse(inspect.stdout) as string[]));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
