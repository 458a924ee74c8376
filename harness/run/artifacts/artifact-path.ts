import { createHash } from "node:crypto";
import path from "node:path";

const MAX_SEGMENT = 100;

/**
 * Makes one safe directory name: only [A-Za-z0-9._-], runs of anything else become one `_`, no leading
 * dots (so never `.`, `..` or a hidden directory), never empty, at most 100 chars. A name that had to be
 * cut keeps a short hash of the full text, so two long titles sharing a prefix do not collide.
 */
export function sanitiseSegment(name: string, fallback = "unnamed"): string {
  const cleaned = name
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^[._-]+/, "")
    .replace(/[_-]+$/, "");
  if (cleaned === "") return fallback;
  if (cleaned.length <= MAX_SEGMENT) return cleaned;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${cleaned.slice(0, MAX_SEGMENT - hash.length - 1)}-${hash}`;
}

/** `<root>/<spec base name without .spec.ts>/<sanitised test name>`. */
export function artifactDir(root: string, specFile: string, testName: string): string {
  const base = path.basename(specFile).replace(/\.(?:spec|test)\.[cm]?[jt]s$/, "").replace(/\.[cm]?[jt]s$/, "");
  return path.join(root, sanitiseSegment(base, "spec"), sanitiseSegment(testName, "test"));
}
