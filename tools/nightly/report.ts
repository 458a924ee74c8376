// Nightly, last job: judge the run from the merged JUnit report and the shards' blob files, write the
// job summary, and leave the verdict for the issue step. Exits 1 when the run is red.
// Environment: NIGHTLY_TAG, NIGHTLY_IMAGE (the pinned digest reference), NIGHTLY_VERSION,
// SHARD_COUNT, SHARD_JOBS (needs.<shards>.result), RUN_URL; GITHUB_STEP_SUMMARY when on GitHub.
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseJunit } from "./junit-results.js";
import { nightlyVerdict, summaryMarkdown } from "./nightly-verdict.js";
import { missingShards } from "./shard-blobs.js";

export const VERDICT_FILE = "reports/nightly-verdict.json";
const JUNIT_FILE = "reports/junit.xml";
const BLOB_DIR = ".vitest-reports";

const env = process.env;
const shardCount = Number(env.SHARD_COUNT);
if (!Number.isInteger(shardCount) || shardCount < 1) {
  console.error(`SHARD_COUNT must be a positive integer, got "${env.SHARD_COUNT}"`);
  process.exit(2);
}
const blobs = existsSync(BLOB_DIR) ? readdirSync(BLOB_DIR) : [];
const verdict = nightlyVerdict({
  tag: env.NIGHTLY_TAG ?? "",
  pinned: env.NIGHTLY_IMAGE ?? "",
  version: env.NIGHTLY_VERSION ?? "",
  shardCount,
  missingShards: missingShards(shardCount, blobs),
  junit: existsSync(JUNIT_FILE) ? parseJunit(readFileSync(JUNIT_FILE, "utf8")) : undefined,
  shardJobs: env.SHARD_JOBS ?? "unknown",
  runUrl: env.RUN_URL ?? "",
});
const markdown = summaryMarkdown(verdict);
if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown);
console.log(markdown);
mkdirSync(dirname(VERDICT_FILE), { recursive: true });
writeFileSync(VERDICT_FILE, JSON.stringify(verdict, null, 2));
process.exit(verdict.red ? 1 : 0);
