import { parseArgs } from "node:util";
import { type EngineChoice, parseEngineChoice } from "../../harness/engine/engine-choice.js";
import { parsePlatform, platformName } from "../../harness/engine/platform.js";
import { HarnessSetupError } from "../../harness/harness-setup-error.js";

/** What `hermes-image-harness` was asked to do, from its argv (pure; cli-options.test.ts). */
export interface CliOptions {
  help: boolean;
  list: boolean;
  image?: string;
  build?: string;
  generation?: string;
  engine?: EngineChoice;
  /** `linux/arm64`: normalised (platform.ts). */
  platform?: string;
  clauses: string[];
  junit?: string;
  artifacts?: string;
  deviations?: string;
  summary?: string;
}

export const USAGE = `Usage: hermes-image-harness [options]
       hermes-image-harness bisect --help   (find the image or commit that broke a promise)

Checks a Hermes Agent image against its runtime contract (clauses C1..C9), as the runtime user.
With neither --image nor --build it tests the reference image, built from the package's sources.

  --image REF        test this image (pulled when not local)
  --build DIR        build DIR's Dockerfile (a Hermes checkout, or a wrapper image) and test that
  --generation g1|g2 flavour of the reference image (default g2)
  --engine NAME      docker, podman or podman-rootless: the engine's usual socket (default:
                     DOCKER_HOST, else Docker's)
  --platform P       linux/amd64 or linux/arm64: that build of a multi-arch tag, or the reference
                     built for it; another architecture than the host's runs under emulation
  --clause LIST      only these clauses, comma-separated: C4 (all of C4), C5.3
  --junit FILE       also write a JUnit report to FILE
  --artifacts DIR    diagnostics, build logs and results.json (default ./hermes-harness-artifacts)
  --deviations FILE  more declared deviations (docs/deviations.json's format), for what an image
                     changes on purpose; upstream's own list always applies
  --summary FILE     also write the clause table (kept / broken / expected deviation) as Markdown
  --list             print the clauses and their tests, run nothing
  --help             this text

Exit codes: 0 every promise tested is kept, 1 a promise is broken, 2 the run could not be made.`;

const CLAUSE = /^C[1-9]\d*(\.[1-9]\d*)?$/;

/** Throws a HarnessSetupError (exit 2) for anything it cannot use; one line says what. */
export function parseCliOptions(argv: string[]): CliOptions {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new HarnessSetupError(`${(error as Error).message} (see --help)`);
  }
  const clauses = (values.clause ?? [])
    .flatMap((list) => list.split(","))
    .map((c) => c.trim().toUpperCase())
    .filter((c) => c !== "");
  const bad = clauses.filter((c) => !CLAUSE.test(c));
  if (bad.length > 0)
    throw new HarnessSetupError(`--clause: "${bad.join('", "')}" is not a clause id like C4 or C5.3`);
  if (values.image && values.build)
    throw new HarnessSetupError("--image and --build name two images: give one");
  if (values.generation && !["g1", "g2"].includes(values.generation))
    throw new HarnessSetupError(`--generation must be g1 or g2, got "${values.generation}"`);
  if (values.generation && (values.image || values.build))
    throw new HarnessSetupError(
      "--generation picks the reference image's flavour: it does not go with --image or --build",
    );
  const engine = parseEngineChoice(values.engine);
  const platform = parsePlatform(values.platform);
  return {
    help: values.help ?? false,
    list: values.list ?? false,
    image: values.image,
    build: values.build,
    generation: values.generation,
    engine,
    ...(platform ? { platform: platformName(platform) } : {}),
    clauses,
    junit: values.junit,
    artifacts: values.artifacts,
    deviations: values.deviations,
    summary: values.summary,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: "boolean", short: "h" },
      list: { type: "boolean" },
      image: { type: "string" },
      build: { type: "string" },
      generation: { type: "string" },
      engine: { type: "string" },
      platform: { type: "string" },
      clause: { type: "string", multiple: true },
      junit: { type: "string" },
      artifacts: { type: "string" },
      deviations: { type: "string" },
      summary: { type: "string" },
    },
  });
}
