// npm run build:image: build (or confirm up to date) the reference image, as the test run would
// (flavour from HERMES_REFERENCE_GENERATION, g2 by default).

import { beginRun, ensureReference, exitWith } from "../../harness/lifecycle/setup/run-setup.js";

const log = (line: string) => console.log(`[hermes-harness] ${line}`);

try {
  const run = await beginRun();
  const started = Date.now();
  const image = await ensureReference(run, log);
  log(
    `reference image (${image.generation}) ready: ${image.ref} (also :latest), ${image.id}, ${Date.now() - started} ms`,
  );
} catch (error) {
  exitWith(error);
}
