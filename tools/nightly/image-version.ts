// Nightly: the image's `hermes --version` line, picked exactly as the run header picks it.
//   npx tsx tools/nightly/image-version.ts IMAGE

import { newRunIdentity } from "../../harness/run/context/run-identity.js";
import { hermesVersionOf } from "../../harness/spec-api/container/hermes-version.js";

const [image] = process.argv.slice(2);
if (!image) {
  console.error("usage: image-version.ts IMAGE");
  process.exit(2);
}
// Labelled like every container the harness makes, so a sweep would find it if `--rm` did not.
console.log(await hermesVersionOf(image, newRunIdentity()));
