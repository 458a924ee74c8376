/**
 * The test titles a spec file can produce, read from its source without running it: every string
 * literal in the file, where `it.each`'s placeholders (`%s`, `$name`) match any text. Catalogue and
 * deviation titles are an interface to the specs; this finds a renamed title in a second, not at the
 * end of the ten-minute regression check.
 */
// vitest's it.each: printf-style %s, %d, ... and, for objects, $property (e.g. `$name`).
const PLACEHOLDER = /%[sdifjo#]|\$[A-Za-z_]\w*(?:\.\w+)*/;

export function titleMatchers(source: string): ((title: string) => boolean)[] {
  return stringLiterals(source).map((literal) => {
    if (!PLACEHOLDER.test(literal)) return (title: string) => title === literal;
    const parts = literal.split(PLACEHOLDER).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    const pattern = new RegExp(`^${parts.join(".+")}$`, "s");
    return (title: string) => pattern.test(title);
  });
}

/** The titles, of those given, that no literal in any of the sources can produce. */
export function missingTitles(sources: string[], titles: string[]): string[] {
  const matchers = sources.flatMap(titleMatchers);
  return titles.filter((title) => !matchers.some((matches) => matches(title)));
}

/**
 * String literals ('', "", and template literals without `${}`), in order; comments are skipped so
 * that a title quoted in a comment does not count. Regex literals are not recognised: a quote inside
 * one can only add or split candidates, never hide a real title that follows on its own line.
 */
export function stringLiterals(source: string): string[] {
  const found: string[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    if (char === "/" && source[i + 1] === "/") {
      const end = source.indexOf("\n", i);
      i = end === -1 ? source.length : end;
    } else if (char === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      i = end === -1 ? source.length : end + 2;
    } else if (char === '"' || char === "'" || char === "`") {
      let text = "";
      let interpolated = false;
      let j = i + 1;
      while (j < source.length && source[j] !== char) {
        if (source[j] === "\\") {
          text += unescapeChar(source[j + 1] ?? "");
          j += 2;
          continue;
        }
        if (char !== "`" && source[j] === "\n") break;
        if (char === "`" && source[j] === "$" && source[j + 1] === "{") interpolated = true;
        text += source[j];
        j += 1;
      }
      if (!interpolated) found.push(text);
      i = j + 1;
    } else {
      i += 1;
    }
  }
  return found;
}

function unescapeChar(char: string): string {
  return ({ n: "\n", t: "\t", r: "\r" } as Record<string, string>)[char] ?? char;
}
