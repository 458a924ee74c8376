/** What a command in the container did. Output has ANSI escapes stripped. */
export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A failed check gets both streams and the exit code, so the message explains itself. */
export function describeExec(argv: readonly string[], result: ExecResult): string {
  const clip = (text: string) => (text.length > 1500 ? `${text.slice(0, 1500)}…` : text);
  return [
    `command: ${argv.join(" ")}`,
    `exit code: ${result.exitCode}`,
    `stdout: ${clip(result.stdout.trimEnd()) || "(empty)"}`,
    `stderr: ${clip(result.stderr.trimEnd()) || "(empty)"}`,
  ].join("\n");
}
