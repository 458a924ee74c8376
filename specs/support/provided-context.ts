import type { RunContext } from "../../harness/run/run-context.js";

declare module "vitest" {
  export interface ProvidedContext {
    hermesRun: RunContext;
  }
}
