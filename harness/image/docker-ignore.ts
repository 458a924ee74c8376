import { posix } from "node:path";

// A build context's .dockerignore, read and matched as the docker CLI's legacy (non-BuildKit) path
// does, so an API build sends the daemon the files `docker build` sent.

export interface IgnoreRule {
  /** The cleaned pattern, relative to the context root, without its `!`. */
  pattern: string;
  /** A `!` line: brings back what an earlier line excluded. */
  exception: boolean;
  regex: RegExp;
}

/** The rules of a .dockerignore text, in order: later lines win over earlier ones. */
export function parseDockerignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const exception = line.startsWith("!");
    const body = exception ? line.slice(1).trim() : line;
    if (body === "") throw new Error(`.dockerignore: illegal exclusion pattern "${line}"`);
    const pattern = cleanPattern(body);
    rules.push({ pattern, exception, regex: patternRegex(pattern) });
  }
  return rules;
}

/** Go's filepath.Clean, then relative to the root: `./a/`, `/a` and `a//` are all `a`. */
function cleanPattern(pattern: string): string {
  let cleaned = posix.normalize(pattern);
  if (cleaned.length > 1 && cleaned.endsWith("/")) cleaned = cleaned.slice(0, -1);
  if (cleaned.length > 1 && cleaned.startsWith("/")) cleaned = cleaned.slice(1);
  return cleaned;
}

/**
 * `*` and `?` stay within one path segment; `**` spans any number of them (none included), and
 * a trailing `**` matches everything below. `[...]` is a character class, `\` escapes.
 */
export function patternRegex(pattern: string): RegExp {
  let source = "^";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (inClass) {
      if (ch === "]") inClass = false;
      if (ch === "\\" && i + 1 < pattern.length) source += `\\${pattern[++i]}`;
      else source += ch;
    } else if (ch === "*" && pattern[i + 1] === "*") {
      i++;
      if (pattern[i + 1] === "/") i++;
      source += i + 1 === pattern.length ? ".*" : "(.*/)?";
    } else if (ch === "*") {
      source += "[^/]*";
    } else if (ch === "?") {
      source += "[^/]";
    } else if (ch === "[") {
      inClass = true;
      source += "[";
      if (pattern[i + 1] === "!" || pattern[i + 1] === "^") {
        i++;
        source += "^";
      }
    } else if (ch === "\\") {
      source += i + 1 < pattern.length ? `\\${pattern[++i]}` : "\\\\";
    } else {
      source += ch.replace(/[.$^+(){}|\]]/, "\\$&");
    }
  }
  if (inClass) throw new Error(`.dockerignore: unterminated character class in "${pattern}"`);
  return new RegExp(`${source}$`, "s");
}

/**
 * Whether a context path (relative, `/`-separated) stays out of the context: the last rule that
 * matches it, or one of its parent folders, decides.
 */
export function isIgnored(path: string, rules: readonly IgnoreRule[]): boolean {
  const parents = posix.dirname(path) === "." ? [] : ancestors(path);
  let ignored = false;
  for (const rule of rules) {
    // An exclusion cannot change an ignored path, nor an exception a kept one.
    if (rule.exception !== ignored) continue;
    if (rule.regex.test(path) || parents.some((parent) => rule.regex.test(parent))) ignored = !rule.exception;
  }
  return ignored;
}

/** `a/b/c` gives `a`, `a/b`. */
function ancestors(path: string): string[] {
  const segments = path.split("/").slice(0, -1);
  return segments.map((_, i) => segments.slice(0, i + 1).join("/"));
}

/**
 * Whether an ignored folder must still be walked: an exception names a path inside it. As in
 * Docker, only an exception spelled from the root counts, not one that starts with a wildcard.
 */
export function mayHoldExceptions(dir: string, rules: readonly IgnoreRule[]): boolean {
  return rules.some((rule) => rule.exception && `${rule.pattern}/`.startsWith(`${dir}/`));
}

/**
 * The daemon needs the Dockerfile and .dockerignore even when the .dockerignore excludes them
 * (and drops them from what COPY sees itself), so the CLI excepts them; so do we.
 */
export function keepBuildFiles(rules: readonly IgnoreRule[], dockerfile: string): IgnoreRule[] {
  const kept = [...rules];
  for (const path of [".dockerignore", dockerfile]) {
    if (isIgnored(path, kept)) kept.push(...parseDockerignore(`!${path}`));
  }
  return kept;
}
