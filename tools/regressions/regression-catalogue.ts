import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { ENGINE_CHOICES, type EngineChoice } from "../../harness/engine/engine-choice.js";
import { parsePlatform, platformName } from "../../harness/engine/platform.js";
import { parseUpstreamReports, type UpstreamReports } from "./upstream-reports.js";

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
  /**
   * Exact `it` titles of the tests that must fail; no other test in those files may fail. Empty for a
   * new entry: `npm run repro -- NAME` then prints the titles that fail, ready to paste.
   */
  failingTests: string[];
  /**
   * The engine whose run catches it (a bug only rootless Podman shows); unset: Docker, the default.
   * The check runs an entry only on its engine (regression-engine.ts).
   */
  engine?: EngineChoice;
  /**
   * The platform whose image shows it (`linux/arm64`); unset: the host's own. Built FROM that
   * platform's reference and checked only by a run for it (regression-platform.ts).
   */
  platform?: string;
  /** The upstream bug reports it puts back, for an entry named after one (`gh-42675-...`). */
  upstream?: UpstreamReports;
}

/** An entry that could not be read: reported on its own, never in the way of the others. */
export interface CatalogueProblem {
  name: string;
  message: string;
}

export interface Catalogue {
  regressions: Regression[];
  problems: CatalogueProblem[];
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Reads and validates every regression; a malformed entry becomes a problem naming its file. */
export async function loadCatalogue(root: string): Promise<Catalogue> {
  const names = (await readdir(root, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const catalogue: Catalogue = { regressions: [], problems: [] };
  for (const name of names.sort()) {
    const dir = join(root, name);
    const file = relative(process.cwd(), join(dir, "regression.json"));
    try {
      catalogue.regressions.push(parseRegression(name, dir, await readFile(file, "utf8"), file));
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      catalogue.problems.push({ name, message: code === "ENOENT" ? `${file}: missing` : message });
    }
  }
  return catalogue;
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
  const list = (key: string, { mayBeEmpty = false } = {}) => {
    const value = data[key] ?? (mayBeEmpty ? [] : undefined);
    if (
      !Array.isArray(value) ||
      (value.length === 0 && !mayBeEmpty) ||
      value.some((v) => typeof v !== "string" || v.trim() === "")
    ) {
      fail(`"${key}" must be a ${mayBeEmpty ? "" : "non-empty "}list of strings`);
    }
    return (value as string[]).map((v) => v.trim());
  };
  const clause = text("clause");
  if (!/^C[1-9](\.\d+)?$/.test(clause))
    fail(`"clause" must be a contract clause id like C8.3, got "${clause}"`);
  const specs = list("specs");
  for (const spec of specs)
    if (!/^specs\/[\w.-]+\.spec\.ts$/.test(spec)) fail(`spec "${spec}" is not a specs/*.spec.ts path`);
  const engine = data.engine;
  if (engine !== undefined && !(ENGINE_CHOICES as readonly unknown[]).includes(engine))
    fail(`"engine" must be one of ${ENGINE_CHOICES.join(", ")}, got ${JSON.stringify(engine)}`);
  let platform: string | undefined;
  if (data.platform !== undefined) {
    const given = typeof data.platform === "string" ? data.platform : "";
    try {
      const parsed = parsePlatform(given);
      if (parsed) platform = platformName(parsed);
    } catch {
      // Reported below, naming the file.
    }
    if (!platform || platform !== given)
      fail(`"platform" must be a platform such as linux/arm64, got ${JSON.stringify(data.platform)}`);
  }
  const upstream = parseUpstreamReports(data.upstream, name, fail);
  return {
    name,
    dir,
    summary: text("summary"),
    clause,
    specs,
    failingTests: list("failingTests", { mayBeEmpty: true }),
    ...(engine === undefined ? {} : { engine: engine as EngineChoice }),
    ...(platform === undefined ? {} : { platform }),
    ...(upstream === undefined ? {} : { upstream }),
  };
}
