import { beforeAll, expect, it } from "vitest";
import {
  describeElf,
  dockerClient,
  type ElfTarget,
  elfMatches,
  expectedElfFor,
  type ImageElfFiles,
  imageElfFiles,
  resolveSymlinks,
  runContext,
  VENV_PYTHON,
} from "../harness/index.js";

// Contract C1.9: upstream builds one image per architecture (its Dockerfile picks s6-overlay's
// tarball by TARGETARCH; linux/amd64 and linux/arm64 are published, #38322), and every native file in
// it must be of that architecture: #74554's arm64 image shipped x86_64 wheels in the venv, so every
// hermes command failed on ImportError while the container still reported healthy. Read from the
// exported filesystem, nothing of the image runs: an arm64 image is judged on an amd64 host as well.

const S6_SVSCAN = "/command/s6-svscan";
/** Never more: only the first ones and the count go into a failure message. */
const LISTED = 20;
// The export streams the whole filesystem, and upstream's image is several GB.
const SCAN_TIMEOUT_MS = 300_000;

let architecture: string;
let scan: ImageElfFiles;

beforeAll(async () => {
  const image = runContext().image;
  architecture = (await dockerClient().getImage(image).inspect()).Architecture;
  scan = await imageElfFiles(image, { timeoutMs: SCAN_TIMEOUT_MS });
}, SCAN_TIMEOUT_MS + 30_000);

/** The image's declared architecture as an ELF target; a name the harness cannot map fails the test. */
function declared(): ElfTarget {
  const target = expectedElfFor(architecture);
  expect(
    target,
    `the image declares Architecture "${architecture}", which has no ELF machine here`,
  ).toBeDefined();
  return target as ElfTarget;
}

it("C1.9: the image has ELF files, and /command/s6-svscan and the venv's python resolve to ones of its declared architecture", () => {
  const wanted = describeElf(declared());
  expect(scan.elfFiles.length, `${scan.regularFiles} regular files were read`).toBeGreaterThan(0);
  const byPath = new Map(scan.elfFiles.map((file) => [file.path, file.header]));
  // Both are symlinks in the reference (absolute, and relative then absolute): a scan that did not
  // follow them inside the image's own filesystem would find nothing there.
  const seen = [S6_SVSCAN, VENV_PYTHON].map((path) => {
    const target = resolveSymlinks(path, scan.symlinks);
    const header = byPath.get(target);
    return { path, target, elf: header ? describeElf(header) : "not an ELF file of the image" };
  });
  expect(seen, `image Architecture ${architecture}`).toEqual(seen.map((s) => ({ ...s, elf: wanted })));
});

it("C1.9: every ELF file in the image is built for its declared architecture (no wheel or library of another one)", () => {
  const target = declared();
  const wrong = scan.elfFiles
    .filter((file) => !elfMatches(file.header, target))
    .sort((a, b) => a.path.localeCompare(b.path));
  const listed = wrong.slice(0, LISTED).map((file) => `${file.path}: ${describeElf(file.header)}`);
  expect(
    listed,
    `${wrong.length} of ${scan.elfFiles.length} ELF files are not ${describeElf(target)} (image Architecture ${architecture}); the first ${listed.length}`,
  ).toEqual([]);
});
