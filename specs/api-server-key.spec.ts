import { expect, it } from "vitest";
import { appendedLines, createVolume, runContext, seedDataAsRoot, startHermes } from "../harness/index.js";
import { expectOnlyAGeneratedKey } from "./support/spec-helpers.js";

// Contract C4.6 and G2's generated API_SERVER_KEY: every line a user wrote in .env stays as it was;
// the one addition allowed is G2's `API_SERVER_KEY=...`, appended to a .env with no non-empty key.

const USER_ENV = "# written by the user\nOPENAI_BASE_URL=http://127.0.0.1:9/v1\nAPI_SERVER_PORT=18777\n";

/** A volume whose .env the user wrote before the first boot (root-owned, as a host leaves it). */
async function volumeWithEnv(text: string): Promise<string> {
  const volume = await createVolume("user-env");
  // base64: the text reaches the script byte for byte, whatever quotes it holds.
  const encoded = Buffer.from(text).toString("base64");
  await seedDataAsRoot({ volume }, `echo ${encoded} | base64 -d > "$1/.env"; chmod 600 "$1/.env"`);
  return volume;
}

it("C4.6: a .env without API_SERVER_KEY keeps every user line; G2 appends one key, once, G1 at most that", async () => {
  const volume = await volumeWithEnv(USER_ENV);
  const hermes = await startHermes({ nameHint: "env-keep", data: { volume } });
  const firstBoot = await hermes.readFile("/opt/data/.env");
  expectOnlyAGeneratedKey(appendedLines(USER_ENV, firstBoot), runContext().generation, firstBoot);
  // A second boot finds a key and adds nothing.
  await hermes.restart();
  expect(await hermes.readFile("/opt/data/.env")).toBe(firstBoot);
});

it("C4.6: a .env with the user's own API_SERVER_KEY is left exactly as written", async () => {
  const text = `${USER_ENV}API_SERVER_KEY=chosen-by-the-user\n`;
  const volume = await volumeWithEnv(text);
  const hermes = await startHermes({ nameHint: "env-own-key", data: { volume } });
  expect(await hermes.readFile("/opt/data/.env")).toBe(text);
});
