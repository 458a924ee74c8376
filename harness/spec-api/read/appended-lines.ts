/**
 * The lines a file gained at its end: `after` must begin with all of `before`, byte for byte
 * (every line the user wrote kept as it was). Returns undefined when it does not, so an
 * expectation of a list fails and shows it.
 */
export function appendedLines(before: string, after: string): string[] | undefined {
  if (!after.startsWith(before)) return undefined;
  return after
    .slice(before.length)
    .split("\n")
    .filter((line) => line !== "");
}
