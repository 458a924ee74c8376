// npm run bench: start the reference image 10 times each way and compare the medians.
//   raw:     docker run -d, then docker exec (as hermes) polling for the readiness line
//   harness: startHermes() until its readiness wait strategy returns
// Also: how long after the readiness line was written the harness noticed it.
import { execa } from "execa";
import { removeRun } from "../../harness/engine/remove-run.js";
import {
  beginRun,
  ensureReference,
  exitWith,
  runContextOf,
} from "../../harness/lifecycle/setup/run-setup.js";
import { tracker } from "../../harness/run/context/resource-tracker.js";
import { setRunContext } from "../../harness/run/context/run-context.js";
import { labelArgs } from "../../harness/spec-api/container/run-once.js";
import { startHermes } from "../../harness/spec-api/container/start-hermes.js";
import { BOOT_LOG } from "../../harness/spec-api/read/boot-log.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 10);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

async function rawStart(image: string, labels: string[]): Promise<number> {
  const started = performance.now();
  const { stdout: id } = await execa("docker", ["run", "-d", ...labels, image, "sleep", "infinity"]);
  const probe = ["exec", "-u", "hermes", id, "grep", "-q", "profile=default", BOOT_LOG];
  while ((await execa("docker", probe, { reject: false })).exitCode !== 0) {}
  const ms = performance.now() - started;
  await execa("docker", ["rm", "-fv", id]);
  return ms;
}

async function harnessStart(): Promise<{ ms: number; noticeMs: number }> {
  const started = performance.now();
  const hermes = await startHermes({ nameHint: "bench" });
  const returnedAt = Date.now();
  const ms = performance.now() - started;
  // The log's mtime (ns precision) is when the readiness line was written; same kernel clock.
  const mtime = Number((await hermes.ok(["stat", "-c", "%.9Y", BOOT_LOG])).trim()) * 1000;
  await execa("docker", ["rm", "-fv", hermes.id]);
  tracker.forget({ containers: [hermes.id] });
  return { ms, noticeMs: returnedAt - mtime };
}

async function main(): Promise<void> {
  const run = await beginRun();
  const image = await ensureReference(run, (line) => console.log(`[bench] ${line}`), "g2");
  setRunContext(runContextOf(run, image, { generation: "g2" }));
  const labels = labelArgs(run.identity);
  try {
    // One warm-up of each, not counted: the first start pays for page cache and image layers.
    await rawStart(image.ref, labels);
    await harnessStart();
    const raw: number[] = [];
    const harness: number[] = [];
    const notice: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      raw.push(await rawStart(image.ref, labels));
      const h = await harnessStart();
      harness.push(h.ms);
      notice.push(h.noticeMs);
    }
    const ratio = median(harness) / median(raw);
    console.log(`\n${RUNS} starts each of ${image.ref}`);
    console.log(`raw docker run -d + exec polling   median ${median(raw).toFixed(0)} ms`);
    console.log(`startHermes until ready            median ${median(harness).toFixed(0)} ms`);
    console.log(`ratio harness/raw                  ${ratio.toFixed(2)} (target <= 1.15)`);
    console.log(
      `readiness noticed after the line   median ${median(notice).toFixed(0)} ms, max ${Math.max(...notice).toFixed(0)} ms (target < 100)`,
    );
  } finally {
    await removeRun(run.identity.runId);
  }
}

main().catch(exitWith);
