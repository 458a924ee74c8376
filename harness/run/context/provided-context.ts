import type { RunContext } from "./run-context.js";

declare module "vitest" {
  export interface ProvidedContext {
    hermesRun: RunContext;
  }
}
