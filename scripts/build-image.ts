// npm run build:image: build (or confirm up to date) the reference image, as the test run would
// (flavour from HERMES_REFERENCE_GENERATION, g2 by default).

import { fileURLToPath } from "node:url";
import { artifactsRoot } from "../harness/artifacts/artifacts-root.js";
import { checkDaemon } from "../harness/docker/daemon-check.js";
import { HarnessSetupError } from "../harness/errors/harness-setup-error.js";
import { ensureReferenceImage } from "../harness/image/reference-image.js";
import { selectTarget } from "../harness/image/target-selection.js";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const log = (line: string) => console.log(`[hermes-harness] ${line}`);

try {
  await checkDaemon();
  const started = Date.now();
  const target = selectTarget({
    BASE_IMAGE: process.env.BASE_IMAGE,
    HERMES_REFERENCE_GENERATION: process.env.HERMES_REFERENCE_GENERATION,
  });
  if (target.kind !== "reference") throw new Error("unreachable: only the reference image is built here");
  const image = await ensureReferenceImage({
    repoRoot,
    baseImage: target.baseImage,
    generation: target.generation,
    logDir: artifactsRoot(repoRoot, process.env),
    log,
  });
  log(
    `reference image (${target.generation}) ready: ${image.ref} (also :latest), ${image.id}, ${Date.now() - started} ms`,
  );
} catch (error) {
  console.error(error instanceof HarnessSetupError ? error.message : error);
  process.exit(1);
}
