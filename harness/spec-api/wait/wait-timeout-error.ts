/** Longest description of a value kept in the error; keeps failure messages readable. */
export const MAX_DESCRIBED_VALUE = 2000;

export interface WaitTimeoutDetails {
  description: string;
  timeoutMs: number;
  elapsedMs: number;
  /** The last value the probe returned, already described and truncated. */
  lastValue?: string | undefined;
  /** The last error the probe threw (probe errors count as "not yet"). */
  lastError?: unknown;
  /** Which of the two the probe produced most recently; "none" if no probe ever completed. */
  lastOutcome: "value" | "error" | "none";
  /** True when the final probe was still running at the deadline. */
  lastProbePending: boolean;
}

/** Thrown by waitFor when the condition did not hold before the deadline. */
export class WaitTimeoutError extends Error {
  override readonly name = "WaitTimeoutError";
  readonly description: string;
  readonly timeoutMs: number;
  readonly elapsedMs: number;
  readonly lastValue: string | undefined;
  readonly lastError: unknown;

  constructor(details: WaitTimeoutDetails) {
    super(buildMessage(details), details.lastError === undefined ? undefined : { cause: details.lastError });
    this.description = details.description;
    this.timeoutMs = details.timeoutMs;
    this.elapsedMs = details.elapsedMs;
    this.lastValue = details.lastValue;
    this.lastError = details.lastError;
  }
}

export function truncate(text: string, max = MAX_DESCRIBED_VALUE): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more chars]`;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function buildMessage(d: WaitTimeoutDetails): string {
  const head = `Timed out after ${d.timeoutMs} ms waiting for ${d.description}`;
  const seen = d.lastValue !== undefined ? `last seen: ${d.lastValue}` : undefined;
  const failed = d.lastError !== undefined ? `last error: ${truncate(errorMessage(d.lastError))}` : undefined;
  // Most recent outcome first: that is the one a reader of a failed test needs.
  let parts: string[];
  if (d.lastOutcome === "value" && seen !== undefined) {
    parts = [seen, ...(failed ? [`earlier ${failed}`] : [])];
  } else if (d.lastOutcome === "error" && failed !== undefined) {
    parts = [failed, ...(seen ? [`earlier ${seen}`] : [])];
  } else {
    parts = ["the probe never completed"];
  }
  if (d.lastProbePending && d.lastOutcome !== "none") parts.push("the final probe was still running");
  return `${head}; ${parts.join("; ")}`;
}
