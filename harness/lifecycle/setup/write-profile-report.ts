import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { TimingEntry } from "../../run/profiling/profile-report.js";
import { slowestTable, summarise } from "../../run/profiling/profile-report.js";
import { SecretRedactor } from "../diagnostics/redact-secrets.js";

const PARTS_DIR = "profile-parts";

/** Each worker drops its timings here; the main process merges them at teardown. */
export async function writeWorkerTimings(artifactsDir: string, entries: TimingEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const dir = join(artifactsDir, PARTS_DIR);
  await mkdir(dir, { recursive: true });
  // Labels hold exec command lines (redact-secrets.ts).
  const redacted = SecretRedactor.fromEnvironment().redactDeep(entries);
  await writeFile(join(dir, `${process.pid}-${Date.now()}.json`), JSON.stringify(redacted));
}

/** HERMES_HARNESS_PROFILE=1: artifacts/profile.json plus a ten-slowest table on the console. */
export async function writeProfileReport(artifactsDir: string, log: (line: string) => void): Promise<void> {
  const dir = join(artifactsDir, PARTS_DIR);
  const files = await readdir(dir).catch(() => [] as string[]);
  const entries: TimingEntry[] = [];
  for (const file of files)
    entries.push(...(JSON.parse(await readFile(join(dir, file), "utf8")) as TimingEntry[]));
  const report = join(artifactsDir, "profile.json");
  await writeFile(report, JSON.stringify({ entries, perTest: summarise(entries) }, null, 2));
  log(`profile: ${entries.length} timed docker calls and waits, written to ${report}`);
  console.log(slowestTable(entries, 10));
}
