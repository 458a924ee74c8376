import { describe, expect, it } from "vitest";
import { extraSecretNames, MIN_LITERAL_LENGTH, REDACTED, SecretRedactor } from "./redact-secrets.js";

const KEY = "sk-unit-0123456789abcdef";

describe("SecretRedactor: which names are secret", () => {
  const redactor = new SecretRedactor(["MY_PLAIN_VAR"]);

  it.each([
    "OPENAI_API_KEY",
    "openai_api_key",
    "GITHUB_TOKEN",
    "HERMES_DASHBOARD_BASIC_AUTH_PASSWORD",
    "DB_PASSWD",
    "SSH_PASSPHRASE",
    "CLIENT_SECRET",
    "HERMES_AUTH_JSON_BOOTSTRAP",
    "AWS_CREDENTIALS_FILE",
    "PRIVATE_PEM",
    "SESSION_COOKIE",
    "MY_PLAIN_VAR",
    "my_plain_var",
  ])("%s is secret", (name) => {
    expect(redactor.isSecretName(name)).toBe(true);
  });

  it.each(["PATH", "HOME", "HERMES_HOME", "HERMES_UID", "HERMES_DASHBOARD_PORT", "OTHER_VAR"])(
    "%s is not",
    (name) => {
      expect(redactor.isSecretName(name)).toBe(false);
    },
  );

  it("reads extra names from HERMES_HARNESS_REDACT, split on commas and spaces", () => {
    expect(extraSecretNames({ HERMES_HARNESS_REDACT: " A_VAR, B_VAR  C_VAR,," })).toEqual([
      "A_VAR",
      "B_VAR",
      "C_VAR",
    ]);
    expect(extraSecretNames({})).toEqual([]);
  });
});

describe("SecretRedactor: redaction", () => {
  it("replaces secret values in an environment listing and keeps the others", () => {
    const redactor = new SecretRedactor();
    expect(
      redactor.redactEnvList([
        `OPENAI_API_KEY=${KEY}`,
        "PATH=/usr/bin",
        "HERMES_AUTH_JSON_BOOTSTRAP={}",
        "X=",
      ]),
    ).toEqual([
      `OPENAI_API_KEY=${REDACTED}`,
      "PATH=/usr/bin",
      `HERMES_AUTH_JSON_BOOTSTRAP=${REDACTED}`,
      "X=",
    ]);
  });

  it("hunts a learned value wherever it appears, naming the variable it came from", () => {
    const redactor = new SecretRedactor();
    redactor.learnEnvList([`OPENAI_API_KEY=${KEY}`, "HERMES_HOME=/opt/data"]);
    const text = `boot: using ${KEY}\nps: python run.py ${KEY} --port 1\n"quoted":"${KEY}"`;
    const out = redactor.redact(text);
    expect(out).not.toContain(KEY);
    expect(out.split("<redacted:OPENAI_API_KEY>")).toHaveLength(4);
    // Non-secret variables are not learned: their values stay.
    expect(redactor.redact("home is /opt/data")).toBe("home is /opt/data");
  });

  it("removes a secret-named value where its name stands beside it, even if never learned", () => {
    const redactor = new SecretRedactor();
    expect(redactor.redact("API_SERVER_KEY=abc123 PORT=8642")).toBe(`API_SERVER_KEY=${REDACTED} PORT=8642`);
    expect(redactor.redact("export GITHUB_TOKEN='a b c'")).toBe(`export GITHUB_TOKEN=${REDACTED}`);
    expect(redactor.redact('{"api_key": "abc", "port": "8642"}')).toBe(
      `{"api_key": "${REDACTED}", "port": "8642"}`,
    );
    expect(redactor.redact("hermes dashboard --basic-auth user:pw --port 9119")).toBe(
      `hermes dashboard --basic-auth ${REDACTED} --port 9119`,
    );
    expect(redactor.redact("serve --password=hunter2")).toBe(`serve --password=${REDACTED}`);
    expect(redactor.redact("Authorization: Basic dXNlcjpwdw==")).toBe(`Authorization: Basic ${REDACTED}`);
    expect(redactor.redact("GET /x?token=abc&page=2")).toBe(`GET /x?token=${REDACTED}&page=2`);
    expect(redactor.redact("daemon at tcp://ci:s3cr3t@docker.internal:2376")).toBe(
      `daemon at tcp://ci:${REDACTED}@docker.internal:2376`,
    );
  });

  it("leaves what is already redacted, and JSON keys that are paths, alone", () => {
    const redactor = new SecretRedactor();
    const text =
      'API_SERVER_KEY=<redacted:X> --basic-auth user:<redacted sentinel: Y> {"/opt/data/auth.json": "file 644"}';
    expect(redactor.redact(text)).toBe(text);
  });

  it("leaves text without secrets exactly as it was", () => {
    const redactor = new SecretRedactor();
    redactor.learn("OPENAI_API_KEY", KEY);
    const text =
      "2026-11-23T10:00:00+0000 profile=default prior_state=None action=registered\n--port 9119 -p vault";
    expect(redactor.redact(text)).toBe(text);
  });

  it("learns every string of a JSON value, so a piece of auth.json is caught too", () => {
    const redactor = new SecretRedactor();
    const bootstrap = JSON.stringify({ providers: { nous: { access_token: "tok-0123456789", kind: "x" } } });
    redactor.learn("HERMES_AUTH_JSON_BOOTSTRAP", bootstrap);
    expect(redactor.redact(`whole: ${bootstrap}`)).toBe("whole: <redacted:HERMES_AUTH_JSON_BOOTSTRAP>");
    expect(redactor.redact("piece: tok-0123456789")).toBe("piece: <redacted:HERMES_AUTH_JSON_BOOTSTRAP>");
    // As it looks inside another JSON document (escaped quotes).
    expect(redactor.redact(JSON.stringify({ env: bootstrap }))).not.toContain("tok-0123456789");
  });

  it("learns values from .env text and from an auth.json file", () => {
    const redactor = new SecretRedactor();
    redactor.learnEnvFile(
      `# comment\nexport OPENROUTER_API_KEY="or-0123456789"\nAPI_SERVER_PORT=8642\nAPI_SERVER_KEY=gen0123456789 # generated\n`,
    );
    redactor.learnSecretFile("auth.json", '{"refresh": "rt-0123456789"}');
    expect(redactor.redact("a or-0123456789 b gen0123456789 c rt-0123456789 d 8642")).toBe(
      "a <redacted:OPENROUTER_API_KEY> b <redacted:API_SERVER_KEY> c <redacted:auth.json> d 8642",
    );
  });

  it(`does not hunt values shorter than ${MIN_LITERAL_LENGTH} characters in free text`, () => {
    const redactor = new SecretRedactor();
    redactor.learnEnvList(["HERMES_DASHBOARD_BASIC_AUTH_USERNAME=harness", "SOME_TOKEN=1"]);
    expect(redactor.redact("hermes-harness-c-1 exited 1")).toBe("hermes-harness-c-1 exited 1");
  });

  it("fromEnvironment learns the harness's own secrets and the names a user adds", () => {
    const redactor = SecretRedactor.fromEnvironment({
      HERMES_HARNESS_REDACT: "MY_PLAIN_VAR",
      MY_PLAIN_VAR: "plain-0123456789",
      OPENAI_API_KEY: KEY,
      HOME: "/root/home-directory",
    });
    expect(redactor.redact(`x plain-0123456789 ${KEY} /root/home-directory`)).toBe(
      "x <redacted:MY_PLAIN_VAR> <redacted:OPENAI_API_KEY> /root/home-directory",
    );
  });

  it("redactDeep copies an error-like value with every string redacted, message and stack included", () => {
    const redactor = new SecretRedactor();
    redactor.learn("OPENAI_API_KEY", KEY);
    const error = new Error(`expected 'log ${KEY}' not to contain '${KEY}'`);
    const reported = { message: error.message, diff: [`- ${KEY}`], nested: { actual: KEY, count: 2 } };
    const clean = redactor.redactDeep(reported);
    expect(JSON.stringify(clean)).not.toContain(KEY);
    expect(clean.nested.count).toBe(2);
    expect(JSON.stringify(reported)).toContain(KEY); // the original is left alone
    const cleanError = redactor.redactDeep(error) as unknown as Record<string, string>;
    expect(cleanError.message).toBe(
      "expected 'log <redacted:OPENAI_API_KEY>' not to contain '<redacted:OPENAI_API_KEY>'",
    );
    expect(cleanError.stack).not.toContain(KEY);
  });
});
