import type Docker from "dockerode";
import { execInContainer } from "../exec/exec-in-container.js";
import { TIMEOUTS } from "../wait/timeouts.js";
import type { SecretRedactor } from "./redact-secrets.js";

// The files the image keeps secrets in (contract C9.2), top level and per profile. Symlinks are
// skipped: a spec may plant one to a host file, and its target is not the image's secret.
const ENV_FILES =
  'for f in /opt/data/.env /opt/data/profiles/*/.env; do [ -f "$f" ] && [ ! -L "$f" ] && { cat "$f"; echo; }; done; true';
const AUTH_FILES =
  "for f in /opt/data/auth.json /opt/data/profiles/*/auth.json; do " +
  '[ -f "$f" ] && [ ! -L "$f" ] && { cat "$f"; printf \'\\0\'; }; done; true';

/**
 * Teaches the redactor what one container holds: the secret-named values of its Config.Env and,
 * while it runs, the values in its `.env` files and `auth.json` (a generated API_SERVER_KEY, keys a
 * test wrote). Read as root, as the other diagnostics: the files are hermes-only, and a broken image
 * may have made them unreadable to hermes. Nothing read here is written anywhere.
 */
export async function learnContainerSecrets(
  redactor: SecretRedactor,
  container: Docker.Container,
  info: Docker.ContainerInspectInfo,
): Promise<void> {
  redactor.learnEnvList(info.Config.Env ?? []);
  if (!info.State.Running) return;
  const read = (script: string) =>
    execInContainer(container, { argv: ["sh", "-c", script], user: "root", timeoutMs: TIMEOUTS.queryMs })
      .then((result) => result.stdout)
      .catch(() => "");
  redactor.learnEnvFile(await read(ENV_FILES));
  for (const text of (await read(AUTH_FILES)).split("\0")) {
    if (text.trim() !== "") redactor.learnSecretFile("auth.json", text);
  }
}
