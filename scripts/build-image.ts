// npm run build:image: build (or confirm up to date) the reference image, as the test run would.

import { fileURLToPath } from "node:url";
import { artifactsRoot } from "../harness/artifacts/artifacts-root.js";
import { checkDaemon } from "../harness/docker/daemon-check.js";
import { HarnessSetupError } from "../harness/errors/harness-setup-error.js";
import { ensureReferenceImage } from "../harness/image/reference-image.js";
import { DEFAULT_BASE_IMAGE } from "../harness/image/target-selection.js";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const log = (line: string) => console.log(`[hermes-harness] ${line}`);

try {
  await checkDaemon();
  const started = Date.now();
  const image = await ensureReferenceImage({
    repoRoot,
    baseImage: process.env.BASE_IMAGE?.trim() || DEFAULT_BASE_IMAGE,
    logDir: artifactsRoot(repoRoot, process.env),
    log,
  });
  log(
    `reference image ready: ${image.ref} (also hermes-harness/reference:latest), ${image.id}, ${Date.now() - started} ms`,
  );
} catch (error) {
  console.error(error instanceof HarnessSetupError ? error.message : error);
  process.exit(1);
}
