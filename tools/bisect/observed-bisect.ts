import { join } from "node:path";
import { repoRoot, runArtifactsDir } from "../../harness/lifecycle/setup/run-setup.js";
import { parseBisectOptions } from "./bisect-options.js";
import { summaryLines } from "./bisect-report.js";
import { type BisectResult, runBisect } from "./run-bisect.js";

/**
 * The Docker tests' bisect: run as the CLI would (argv), off a terminal, its output kept line by line
 * (and shown); the summary and wall time logged under `name`, artifacts in a folder of that name.
 */
export async function observedBisect(
  name: string,
  argv: string[],
): Promise<{ result: BisectResult; lines: string[] }> {
  const options = parseBisectOptions(argv);
  options.artifacts = join(runArtifactsDir(), name);
  const lines: string[] = [];
  const started = Date.now();
  const result = await runBisect(options, repoRoot, {
    write: (text) => lines.push(text) && process.stdout.write(text),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`[${name}] ${summaryLines(result).join("\n")}\nwall time ${seconds} s`);
  return { result, lines };
}
