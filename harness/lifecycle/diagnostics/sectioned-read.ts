import { randomBytes } from "node:crypto";
import type Docker from "dockerode";
import { execInContainer } from "../../spec-api/exec/exec-in-container.js";

/** Named shell snippets, each read with its stderr; the name keys its output. */
export type Sections = Readonly<Record<string, string>>;

/**
 * One shell script that runs every section in turn, each behind a line `\n<marker> <name>`, each
 * cut off after `sectionSeconds` where the image has `timeout` (a hung read cannot take the others
 * with it). The marker is a fresh random word per read, so no file's content can forge one. Meant
 * for `sh -s MARKER` with the script on stdin (off the process table the read records), so no
 * section reads stdin.
 */
export function sectionedScript(sections: Sections, sectionSeconds: number): string {
  const limit = `if command -v timeout >/dev/null 2>&1; then t="timeout ${sectionSeconds}"; else t=; fi`;
  const runs = Object.entries(sections).map(
    ([name, script]) =>
      `printf '\\n%s %s\\n' "$1" '${name}'; $t sh -c '${script.replaceAll("'", `'\\''`)}' </dev/null 2>&1`,
  );
  return [limit, ...runs, "exit 0"].join("\n");
}

/** Splits what sectionedScript printed back into its sections, each exactly as the snippet wrote it. */
export function parseSections(output: string, marker: string): Map<string, string> {
  const parsed = new Map<string, string>();
  for (const piece of output.split(`\n${marker} `).slice(1)) {
    const newline = piece.indexOf("\n");
    // No newline: the output ends inside the marker line, so that section never began.
    if (newline >= 0) parsed.set(piece.slice(0, newline), piece.slice(newline + 1));
  }
  return parsed;
}

/** What one sectioned read gave: the sections read, and why any other is missing. */
export interface SectionedRead {
  sections: Map<string, string>;
  /** Stands in for a section the output lacks (the exec timed out, failed or was cut short). */
  missing: string;
}

/**
 * Every section in ONE root `docker exec` (a failure's diagnostics read six things; six execs cost a
 * second of CPU and of wall time per failing test). Root because diagnostics are not the test: a
 * broken image may have made these files unreadable to hermes.
 */
export async function readSections(
  container: Docker.Container,
  sections: Sections,
  timeoutMs: number,
): Promise<SectionedRead> {
  const marker = `@@hermes-harness-${randomBytes(8).toString("hex")}@@`;
  const sectionSeconds = Math.max(1, Math.floor(timeoutMs / 1000));
  try {
    const result = await execInContainer(container, {
      argv: ["sh", "-s", marker],
      stdin: sectionedScript(sections, sectionSeconds),
      user: "root",
      // Each section has its own limit inside; this one only catches a shell that never ends.
      timeoutMs: timeoutMs * (Object.keys(sections).length + 1),
    });
    return {
      sections: parseSections(result.stdout, marker),
      missing: `(not read: the diagnostics exec exited ${result.exitCode}: ${result.stderr.trim().slice(-300)})\n`,
    };
  } catch (error) {
    return { sections: new Map(), missing: `(not read: ${(error as Error).message})\n` };
  }
}
