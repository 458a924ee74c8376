import { readFile } from "node:fs/promises";
import type { JsonReport } from "../../harness/lifecycle/reports/vitest-report.js";
import { outcomeOf, type RunOutcome } from "./regression-verdict.js";

/** The image a run tested, from its run header (setup/run-header.ts): the `target image` line. */
export function testedImage(header: string): string | undefined {
  return /^target image\s+(\S+)/m.exec(header)?.[1];
}

/** The engine a run talked to, from its run header: the `engine` line, e.g. "Podman 4.3.1, rootless (...)". */
export function testedEngine(header: string): string | undefined {
  return /^engine {2,}(.+)$/m.exec(header)?.[1]?.trim();
}

/** What this check's reference pass runs on: the image, and the engine line its own header would have. */
export interface ReferenceRun {
  image: string;
  engine: string;
}

/**
 * The reference pass of the regression check, taken from a run that already ran the spec files on
 * the same reference image and engine (CI's `npm test`), instead of running them again. Each engine
 * has its own store and results, so one engine's report never stands in for another's. Only the
 * files the catalogue lists count, and every one of them must be in the report; else the reason it
 * cannot serve.
 */
export function referenceOutcomeFrom(
  report: JsonReport,
  header: string,
  reference: ReferenceRun,
  specs: readonly string[],
): RunOutcome | string {
  const tested = testedImage(header);
  if (tested !== reference.image) return `it tested ${tested ?? "an unnamed image"}, not ${reference.image}`;
  const engine = testedEngine(header);
  if (engine !== reference.engine)
    return `it ran on ${engine ?? "an unnamed engine"}, not ${reference.engine}`;
  const files = report.testResults.filter((file) => specs.some((spec) => file.name.endsWith(`/${spec}`)));
  const missing = specs.filter((spec) => !files.some((file) => file.name.endsWith(`/${spec}`)));
  if (missing.length > 0) return `it has no results for ${missing.join(", ")}`;
  return outcomeOf({ testResults: files });
}

/** Reads the report and header named by --reference-report and --reference-header. */
export async function loadEarlierReferencePass(
  paths: { report: string; header: string },
  reference: ReferenceRun,
  specs: readonly string[],
): Promise<RunOutcome | string> {
  try {
    const [report, header] = await Promise.all([
      readFile(paths.report, "utf8"),
      readFile(paths.header, "utf8"),
    ]);
    return referenceOutcomeFrom(JSON.parse(report) as JsonReport, header, reference, specs);
  } catch (error) {
    return `it could not be read (${(error as Error).message.split("\n")[0]})`;
  }
}
