import { randomBytes } from "node:crypto";
import type { HermesContainer } from "../../harness/index.js";

// Contract C9: secrets stay secret. Every value is a sentinel made here, never a real key:
// `harness-sentinel-<purpose>-<16 random hex digits>`. What is searched for is the random part, so a
// quoted, escaped or re-prefixed copy still counts; a failure names the secret, never its value.

export interface Secret {
  /** What it is and how it got in: what a failure shows instead of the value. */
  label: string;
  value: string;
  /** The text searched for. */
  needle: string;
}

/** The sentinels one spec file makes, so that a check can look for every one of them. */
export class Sentinels {
  readonly all: Secret[] = [];

  make(label: string, purpose: string): Secret {
    const token = randomBytes(8).toString("hex");
    const secret = { label, value: `harness-sentinel-${purpose}-${token}`, needle: token };
    this.all.push(secret);
    return secret;
  }

  /** A secret the image made itself (say, a generated API_SERVER_KEY). */
  add(secret: Secret): void {
    this.all.push(secret);
  }
}

export const authJson = (token: string) =>
  JSON.stringify({ providers: { harness: { access_token: token } } });

/** Appends a line as hermes; the line travels on stdin, so no value is in any command line. */
export async function appendLine(hermes: HermesContainer, path: string, line: string): Promise<void> {
  await hermes.ok(["sh", "-c", 'echo >> "$1" && cat >> "$1" && echo >> "$1"', "append", path], {
    stdin: line,
  });
}
