import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * One historical bug, put back into the reference image by a small Dockerfile in
 * fixtures/regressions/<name>/, with the tests that must catch it (regression.json).
 */
export interface Regression {
  name: string;
  dir: string;
  /** What broke and how users saw it, one line. */
  summary: string;
  /** The contract clause it violates, e.g. "C8.3". */
  clause: string;
  /** Spec files to run against the regression image. */
  specs: string[];
  /** Exact titles of the tests that must fail; no other test in those files may fail. */
  failingTests: string[];
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Reads and validates every regression; a malformed entry is an error naming its file. */
export async function loadCatalogue(root: string): Promise<Regression[]> {
  const names = (await readdir(root, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const regressions: Regression[] = [];
  for (const name of names.sort()) {
    const dir = join(root, name);
    const file = join(dir, "regression.json");
    regressions.push(parseRegression(name, dir, await readFile(file, "utf8"), file));
  }
  return regressions;
}

export function parseRegression(
  name: string,
  dir: string,
  json: string,
  file = "regression.json",
): Regression {
  const fail = (why: string): never => {
    throw new Error(`${file}: ${why}`);
  };
  if (!NAME.test(name)) fail(`folder name "${name}" must match ${NAME}`);
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(json) as Record<string, unknown>;
  } catch (error) {
    return fail(`not valid JSON (${(error as Error).message})`);
  }
  const text = (key: string) => {
    const value = data[key];
    if (typeof value !== "string" || value.trim() === "") fail(`"${key}" must be a non-empty string`);
    return (value as string).trim();
  };
  const list = (key: string) => {
    const value = data[key];
    if (
      !Array.isArray(value) ||
      value.length === 0 ||
      value.some((v) => typeof v !== "string" || v.trim() === "")
    ) {
      fail(`"${key}" must be a non-empty list of strings`);
    }
    return (value as string[]).map((v) => v.trim());
  };
  const clause = text("clause");
  if (!/^C[1-8](\.\d+)?$/.test(clause))
    fail(`"clause" must be a contract clause id like C8.3, got "${clause}"`);
  const specs = list("specs");
  for (const spec of specs)
    if (!/^specs\/[\w.-]+\.spec\.ts$/.test(spec)) fail(`spec "${spec}" is not a specs/*.spec.ts path`);
  return { name, dir, summary: text("summary"), clause, specs, failingTests: list("failingTests") };
}

export function hasDockerfile(regression: Regression): boolean {
  return existsSync(join(regression.dir, "Dockerfile"));
}
