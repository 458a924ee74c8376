import { readFileSync } from "node:fs";
import { HarnessSetupError } from "../../harness-setup-error.js";
import { GENERATIONS, type ImageGeneration } from "../../image/image-generation.js";
import { type ImageLineage, LINEAGES } from "../../image/image-lineage.js";

/**
 * A place where upstream breaks a promise of its own (docs/contract.md). The spec stays strict; the
 * run reports the test as an expected failure, and reports it again if it starts to pass.
 */
export interface DeclaredDeviation {
  /** The bare `it` title, exactly as in the spec (no describe prefix). */
  test: string;
  generations: ImageGeneration[];
  /**
   * Whose images the entry applies to (RunContext.imageLineage); unset: every image. A deviation of
   * upstream's images need not hold for the reference, which keeps the clause, nor for what is
   * built FROM the reference (regression images, derived wrappers).
   */
  images?: ImageLineage[];
  /** Upstream file or seed that shows the behaviour. */
  evidence: string;
  reason: string;
}

/** What a declared test did in this run; carried in the test's `meta` to the reports. */
export type DeviationOutcome = "expected-failure" | "unexpected-pass";

export interface DeviationMeta {
  outcome?: DeviationOutcome;
  reason: string;
  evidence: string;
  /** The failure's first line, kept because vitest drops the error of an expected failure. */
  observed?: string;
}

export function parseDeviations(text: string, source: string): DeclaredDeviation[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source}: not valid JSON (${(error as Error).message})`);
  }
  const list = (data as { deviations?: unknown })?.deviations;
  if (!Array.isArray(list)) throw new Error(`${source}: expected {"deviations": [...]}`);
  return list.map((entry, index) => {
    const where = `${source}: deviations[${index}]`;
    const e = entry as Partial<Record<keyof DeclaredDeviation, unknown>>;
    for (const key of ["test", "evidence", "reason"] as const) {
      if (typeof e[key] !== "string" || (e[key] as string).trim() === "")
        throw new Error(`${where}.${key} must be a non-empty string`);
    }
    const generations = e.generations;
    if (
      !Array.isArray(generations) ||
      generations.length === 0 ||
      !generations.every((g) => GENERATIONS.includes(g as ImageGeneration))
    ) {
      throw new Error(`${where}.generations must list one or more of ${GENERATIONS.join(", ")}`);
    }
    const images = e.images;
    if (
      images !== undefined &&
      (!Array.isArray(images) ||
        images.length === 0 ||
        !images.every((lineage) => LINEAGES.includes(lineage as ImageLineage)))
    ) {
      throw new Error(`${where}.images, when given, must list one or more of ${LINEAGES.join(", ")}`);
    }
    return {
      test: e.test as string,
      generations: generations as ImageGeneration[],
      ...(images !== undefined ? { images: images as ImageLineage[] } : {}),
      evidence: e.evidence as string,
      reason: e.reason as string,
    };
  });
}

/** A bad file stops the run with one message (a setup error), never a half-applied list. */
export function loadDeviations(file: string): DeclaredDeviation[] {
  try {
    return parseDeviations(readFileSync(file, "utf8"), file);
  } catch (error) {
    throw new HarnessSetupError(`declared deviations: ${(error as Error).message}`);
  }
}

/** The entries that apply to an image of this generation and lineage. */
export function deviationsFor(
  list: readonly DeclaredDeviation[],
  generation: ImageGeneration,
  lineage: ImageLineage,
): DeclaredDeviation[] {
  return list.filter((d) => d.generations.includes(generation) && (d.images ?? LINEAGES).includes(lineage));
}

export function deviationFor(
  list: readonly DeclaredDeviation[],
  title: string,
  generation: ImageGeneration,
  lineage: ImageLineage,
): DeclaredDeviation | undefined {
  return deviationsFor(list, generation, lineage).find((d) => d.test === title);
}
