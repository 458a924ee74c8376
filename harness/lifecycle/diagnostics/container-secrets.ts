import type Docker from "dockerode";
import type { SecretRedactor } from "./redact-secrets.js";

// The files the image keeps secrets in (contract C9.2), top level and per profile. Symlinks are
// skipped: a spec may plant one to a host file, and its target is not the image's secret.
const ENV_FILES =
  'for f in /opt/data/.env /opt/data/profiles/*/.env; do [ -f "$f" ] && [ ! -L "$f" ] && { cat "$f"; echo; }; done; true';
const AUTH_FILES =
  "for f in /opt/data/auth.json /opt/data/profiles/*/auth.json; do " +
  '[ -f "$f" ] && [ ! -L "$f" ] && { cat "$f"; printf \'\\0\'; }; done; true';

/**
 * The reads that tell what a running container holds: the values in its `.env` files and
 * `auth.json` (a generated API_SERVER_KEY, keys a test wrote). Read in the diagnostics' one root
 * exec (collect-diagnostics.ts): the files are hermes-only, and a broken image may have made them
 * unreadable to hermes. Nothing read here is written anywhere.
 */
export const SECRET_READS = { "secrets:env": ENV_FILES, "secrets:auth": AUTH_FILES } as const;

/**
 * Teaches the redactor what one container holds: the secret-named values of its Config.Env and,
 * where the container ran, what SECRET_READS read from it.
 */
export function learnContainerSecrets(
  redactor: SecretRedactor,
  info: Docker.ContainerInspectInfo,
  reads: ReadonlyMap<string, string>,
): void {
  redactor.learnEnvList(info.Config.Env ?? []);
  redactor.learnEnvFile(reads.get("secrets:env") ?? "");
  for (const text of (reads.get("secrets:auth") ?? "").split("\0")) {
    if (text.trim() !== "") redactor.learnSecretFile("auth.json", text);
  }
}
