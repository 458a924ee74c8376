/**
 * What the harness hides before it writes anything (diagnostics, exec history, reports, the run
 * header): CI uploads those, often publicly, and a maintainer may run the suite with real keys set.
 *
 * A variable is secret when its name contains one of NAME_WORDS (KEY, TOKEN, PASSWORD, ...) in any
 * case, is one of ALWAYS_SECRET, or is listed in HERMES_HARNESS_REDACT (commas or spaces between). Then:
 * - in an environment listing (`docker inspect`'s Config.Env) its value becomes `<redacted>`;
 * - in any text, `NAME=value`, `"name": "value"`, `--name value` / `--name=value` and
 *   `Authorization: Basic|Bearer value` lose the value when the name is secret, and a URL loses the
 *   password in `scheme://user:password@host` (a DOCKER_HOST or registry address);
 * - every value learned (from the harness's own environment, a container's Config.Env, its `.env`
 *   files and `auth.json`) becomes `<redacted:NAME>` wherever it appears, even without its name: a
 *   leaking image would otherwise have its leak copied into artifacts. JSON values (auth.json, ...)
 *   also count with each string inside them. Values shorter than MIN_LITERAL_LENGTH are not hunted in
 *   free text (`1`, `true` and short user names would blank out unrelated words), only beside their name.
 * Pure: it reads no environment unless given one (`fromEnvironment`).
 */
export const ALWAYS_SECRET = ["HERMES_AUTH_JSON_BOOTSTRAP", "HERMES_AUTH_JSON_REBOOTSTRAP"] as const;
/** The variable a user sets to add names: `HERMES_HARNESS_REDACT="MY_VAR,OTHER_VAR"`. */
export const EXTRA_NAMES_VARIABLE = "HERMES_HARNESS_REDACT";
export const MIN_LITERAL_LENGTH = 8;
export const REDACTED = "<redacted>";

const NAME_WORDS = /KEY|TOKEN|PASSWORD|PASSWD|PASSPHRASE|SECRET|AUTH|CREDENTIAL|PRIVATE|COOKIE/i;
// A value is quoted, or runs to the next space, quote, comma, semicolon, ampersand or closing bracket.
const ASSIGNMENT = /(^|[^A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]*)=("[^"\n]*"|'[^'\n]*'|[^\s"',;&)\]}]+)/g;
// JSON keys that look like names (a path such as "/opt/data/auth.json" is not one).
const JSON_PAIR = /"([A-Za-z_][A-Za-z0-9_-]{0,99})"(\s*:\s*)"((?:[^"\\\n]|\\.)*)"/g;
const FLAG = /(^|\s)(--?[A-Za-z][A-Za-z0-9_-]*)(=|\s+)([^\s-][^\s]*)/g;
const AUTHORIZATION = /\b(authorization:\s*(?:basic|bearer|token)\s+)([^\s"']+)/gi;
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)@/gi;

/** Names from HERMES_HARNESS_REDACT (commas or white space between them). */
export function extraSecretNames(env: Readonly<Record<string, string | undefined>>): string[] {
  return (env[EXTRA_NAMES_VARIABLE] ?? "")
    .split(/[\s,]+/)
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

export class SecretRedactor {
  private readonly extra: Set<string>;
  /** Learned value -> the name it came from. */
  private readonly values = new Map<string, string>();

  constructor(extraNames: readonly string[] = []) {
    this.extra = new Set(extraNames.map((name) => name.toUpperCase()));
  }

  /** Extra names from HERMES_HARNESS_REDACT, and the secret values the environment itself holds. */
  static fromEnvironment(env: Readonly<Record<string, string | undefined>> = process.env): SecretRedactor {
    const redactor = new SecretRedactor(extraSecretNames(env));
    for (const [name, value] of Object.entries(env)) if (value !== undefined) redactor.learn(name, value);
    return redactor;
  }

  isSecretName(name: string): boolean {
    const upper = name.toUpperCase();
    return (
      NAME_WORDS.test(name) ||
      (ALWAYS_SECRET as readonly string[]).includes(upper) ||
      this.extra.has(upper.replace(/-/g, "_")) ||
      this.extra.has(upper)
    );
  }

  /** Remembers the value of a secret-named variable (and the strings inside it, if it is JSON). */
  learn(name: string, value: string): void {
    if (this.isSecretName(name)) this.remember(name, value);
  }

  /** `NAME=value` entries, as docker inspect's Config.Env lists them. */
  learnEnvList(entries: readonly string[]): void {
    for (const entry of entries) {
      const eq = entry.indexOf("=");
      if (eq > 0) this.learn(entry.slice(0, eq), entry.slice(eq + 1));
    }
  }

  /** A `.env` file: `KEY=value` lines, optionally `export`ed or quoted; comments skipped. */
  learnEnvFile(text: string): void {
    for (const raw of text.split("\n")) {
      const line = raw.trim().replace(/^export\s+/, "");
      if (line === "" || line.startsWith("#")) continue;
      const eq = line.indexOf("=");
      if (eq <= 0) continue;
      let value = line.slice(eq + 1).trim();
      if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0])
        value = value.slice(1, -1);
      else if (value.includes(" #")) value = value.slice(0, value.indexOf(" #")).trimEnd();
      this.learn(line.slice(0, eq).trim(), value);
    }
  }

  /** A file that is secret as a whole (auth.json): the text and every string inside it. */
  learnSecretFile(name: string, text: string): void {
    this.remember(name, text);
  }

  /** A copy of an environment listing with every secret-named value replaced. */
  redactEnvList(entries: readonly string[]): string[] {
    return entries.map((entry) => {
      const eq = entry.indexOf("=");
      if (eq <= 0 || !this.isSecretName(entry.slice(0, eq))) return this.redact(entry);
      return `${entry.slice(0, eq)}=${REDACTED}`;
    });
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a value that contains another is replaced whole.
    const known = [...this.values].sort(([a], [b]) => b.length - a.length);
    for (const [value, name] of known) {
      if (out.includes(value)) out = out.split(value).join(`<redacted:${name}>`);
    }
    out = out.replace(ASSIGNMENT, (whole, lead: string, name: string, value: string) =>
      this.isSecretName(name) && !value.includes("<redacted") ? `${lead}${name}=${REDACTED}` : whole,
    );
    out = out.replace(JSON_PAIR, (whole, name: string, colon: string, value: string) =>
      this.isSecretName(name) && value !== "" && !value.includes("<redacted")
        ? `"${name}"${colon}"${REDACTED}"`
        : whole,
    );
    out = out.replace(FLAG, (whole, lead: string, flag: string, sep: string, value: string) =>
      this.isSecretName(flag.replace(/^-+/, "")) && !value.includes("<redacted")
        ? `${lead}${flag}${sep}${REDACTED}`
        : whole,
    );
    out = out.replace(URL_PASSWORD, (_whole, head: string) => `${head}${REDACTED}@`);
    return out.replace(AUTHORIZATION, (_whole, head: string) => `${head}${REDACTED}`);
  }

  /** A copy of a JSON-like value (an error as vitest reports it, task meta) with every string redacted. */
  redactDeep<T>(value: T): T {
    return this.deep(value, new WeakMap()) as T;
  }

  private deep(value: unknown, seen: WeakMap<object, unknown>): unknown {
    if (typeof value === "string") return this.redact(value);
    if (value === null || typeof value !== "object") return value;
    const done = seen.get(value);
    if (done !== undefined) return done;
    if (Array.isArray(value)) {
      const copy: unknown[] = [];
      seen.set(value, copy);
      for (const item of value) copy.push(this.deep(item, seen));
      return copy;
    }
    const copy: Record<string, unknown> = {};
    seen.set(value, copy);
    // Own enumerable fields plus an Error's message and stack, which are not enumerable.
    const keys = new Set([
      ...Object.keys(value),
      ...(value instanceof Error ? ["name", "message", "stack"] : []),
    ]);
    for (const key of keys) copy[key] = this.deep((value as Record<string, unknown>)[key], seen);
    return copy;
  }

  private remember(name: string, value: string): void {
    const add = (text: string) => {
      if (text.length < MIN_LITERAL_LENGTH || this.values.has(text)) return;
      this.values.set(text, name);
      // The same text as it looks inside a JSON string (quotes and backslashes escaped).
      const escaped = JSON.stringify(text).slice(1, -1);
      if (escaped !== text && !this.values.has(escaped)) this.values.set(escaped, name);
    };
    add(value);
    add(value.trim());
    const inner = jsonStrings(value);
    for (const text of inner ?? []) add(text);
    // A multi-line secret (a PEM key) may be printed one line at a time; JSON is covered by its strings.
    if (inner === undefined) for (const line of value.split("\n")) add(line.trim());
  }
}

/** Every string (keys excluded) inside a JSON object or array; undefined when the text is not one. */
function jsonStrings(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (typeof node === "string") found.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === "object") Object.values(node).forEach(walk);
  };
  walk(parsed);
  return found;
}
