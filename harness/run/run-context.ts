import type { RunIdentity } from "./labels.js";

/** What global setup decided for the whole run, handed to every worker (vitest provide/inject). */
export interface RunContext extends RunIdentity {
  /** The image under test, as an immutable reference (content tag or image id). */
  image: string;
  imageSource: "published" | "checkout" | "reference";
  artifactsDir: string;
  repoRoot: string;
  /** True when the daemon shares this host's filesystem (host bind mounts work). */
  localDaemon: boolean;
  profiling: boolean;
}

let current: RunContext | undefined;

export function setRunContext(context: RunContext): void {
  current = context;
}

export function runContext(): RunContext {
  if (!current) {
    throw new Error(
      "The harness has no run context: run specs through vitest's image project (npm run test:image), " +
        "whose setup provides it, or call setRunContext() in a script.",
    );
  }
  return current;
}
