import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { type EngineChoice, parseEngineChoice } from "../../harness/engine/engine-choice.js";
import { HarnessSetupError } from "../../harness/harness-setup-error.js";

/** Where the candidates come from: an ordered list of images, or a checkout's history. */
export type BisectSource =
  | { kind: "images"; good: string; bad: string; between: string[] }
  | { kind: "history"; dir: string; good: string; bad: string };

/** What `hermes-image-harness bisect` was asked to do (pure but for reading --images-file). */
export interface BisectOptions {
  help: boolean;
  source?: BisectSource;
  clauses: string[];
  /** `--test`: pieces of test titles. */
  names: string[];
  engine?: EngineChoice;
  artifacts?: string;
  deviations?: string;
}

export const BISECT_USAGE = `Usage: hermes-image-harness bisect --good REF --bad REF (--images A,B,C | --images-file FILE) [options]
       hermes-image-harness bisect --build DIR --good COMMIT --bad COMMIT [options]

Finds the first candidate between a good and a bad one where the chosen tests fail, by binary search.
Candidates are images in the order given (tags or digests, between --good and --bad), or the commits
of DIR's history from --good to --bad (git rev-list --ancestry-path), each built from a temporary
export of the commit with DIR's Dockerfile, as --build does, tagged hermes-harness/bisect:<commit>.
A candidate that does not build, cannot be had or does not start is skipped, as git bisect skip.

  --good REF         the last known good image or commit
  --bad REF          the known bad one
  --images LIST      the images between them, oldest first, comma-separated (may include the ends)
  --images-file FILE the same, one a line (# comments and blank lines ignored)
  --build DIR        bisect DIR's git history instead
  --clause LIST      what "bad" means: these clauses' tests fail (C4, C6.3)
  --test TEXT        ... or the tests whose title contains TEXT (repeatable)
                     Neither: every test that fails on --bad and passes on --good.
  --engine NAME      docker, podman or podman-rootless
  --artifacts DIR    build logs, each step's output and diagnostics (default ./hermes-harness-artifacts/bisect)
  --deviations FILE  more declared deviations, as for a test run
  --help             this text

Exit codes: 0 the first bad candidate is found, 1 skipped candidates hide which of several it is
(they are listed), 2 the bisect could not be made (a bad option, an end that cannot be tested,
--good already bad or --bad not bad).`;

export function parseBisectOptions(
  argv: string[],
  readFile: (path: string) => string = (path) => readFileSync(path, "utf8"),
): BisectOptions {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new HarnessSetupError(`${(error as Error).message} (see bisect --help)`);
  }
  const options: BisectOptions = {
    help: values.help ?? false,
    clauses: (values.clause ?? [])
      .flatMap((list) => list.split(","))
      .map((c) => c.trim().toUpperCase())
      .filter((c) => c !== ""),
    names: (values.test ?? []).filter((name) => name.trim() !== ""),
    engine: parseEngineChoice(values.engine),
    artifacts: values.artifacts,
    deviations: values.deviations,
  };
  if (options.help) return options;
  const bad = options.clauses.filter((c) => !/^C[1-9]\d*(\.[1-9]\d*)?$/.test(c));
  if (bad.length > 0)
    throw new HarnessSetupError(`--clause: "${bad.join('", "')}" is not a clause id like C4 or C5.3`);
  if (!values.good || !values.bad)
    throw new HarnessSetupError("bisect needs --good and --bad (see bisect --help)");
  const lists = [values.images, values["images-file"]].filter((v) => v !== undefined).length;
  if (values.build && lists > 0)
    throw new HarnessSetupError("--build bisects a checkout's history; --images lists images: give one");
  if (values.build) return { ...options, source: { kind: "history", dir: values.build, ...ends(values) } };
  if (lists !== 1)
    throw new HarnessSetupError(
      "bisect needs the candidates: --images A,B,C or --images-file FILE, or --build DIR",
    );
  const listed =
    values.images !== undefined
      ? values.images.split(",")
      : imagesFile(values["images-file"] ?? "", readFile);
  const { good, bad: badEnd } = ends(values);
  return {
    ...options,
    source: { kind: "images", good, bad: badEnd, between: imagesBetween(listed, good, badEnd) },
  };
}

const ends = (values: { good?: string; bad?: string }) => ({
  good: values.good ?? "",
  bad: values.bad ?? "",
});

function imagesFile(path: string, readFile: (path: string) => string): string[] {
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    throw new HarnessSetupError(`--images-file: cannot read ${path}: ${(error as Error).message}`);
  }
  return text.split("\n").map((line) => line.replace(/#.*/, ""));
}

/** The listed images strictly between the ends; a list that holds the ends themselves is cut at them. */
export function imagesBetween(listed: readonly string[], good: string, bad: string): string[] {
  const images = listed.map((image) => image.trim()).filter((image) => image !== "");
  const from = images.indexOf(good);
  const to = images.indexOf(bad);
  if (to >= 0 && from > to)
    throw new HarnessSetupError("--images: --good must come before --bad in the list");
  return images.slice(from + 1, to >= 0 ? to : images.length);
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: "boolean", short: "h" },
      good: { type: "string" },
      bad: { type: "string" },
      images: { type: "string" },
      "images-file": { type: "string" },
      build: { type: "string" },
      clause: { type: "string", multiple: true },
      test: { type: "string", multiple: true },
      engine: { type: "string" },
      artifacts: { type: "string" },
      deviations: { type: "string" },
    },
  });
}
