import type { DeviationMeta } from "./declared-deviations.js";

// What a test carries to vitest's reporters (the JSON report's `meta`), read by the run summary.
declare module "vitest" {
  interface TaskMeta {
    /** Set on a test whose failure is a declared upstream deviation in this generation. */
    deviation?: DeviationMeta;
    /** Set on a test skipped because its clause is not a promise of the image's generation. */
    notApplicable?: string;
  }
}
