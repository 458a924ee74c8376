import { describe, expect, it } from "vitest";
import { SecretRedactor } from "../diagnostics/redact-secrets.js";
import { formatRunHeader, formatRunLine } from "./run-header.js";

const AMD64 = { os: "linux", architecture: "amd64" };
const REFERENCE = {
  ref: "hermes-harness/reference:abc",
  id: "sha256:1",
  digests: [],
  platform: AMD64,
  source: "reference" as const,
};

describe("formatRunHeader", () => {
  const base = {
    runId: "20261122T101010-abc123",
    hermesVersion: "Hermes Agent v0.0.0",
    generation: "g2" as const,
    daemon: {
      version: "20.10.24",
      apiVersion: "1.41",
      os: "linux",
      address: "unix:///var/run/docker.sock",
      engine: {
        name: "Docker" as const,
        version: "20.10.24",
        rootless: false,
        appliesResourceLimits: true,
        architecture: "amd64",
      },
    },
    localDaemon: true,
    platform: { name: "linux/amd64", architecture: "amd64", emulated: false, deadlineScale: 1 },
  };

  it("names the image, its id, the version, the daemon and the run id", () => {
    const text = formatRunHeader({
      ...base,
      image: REFERENCE,
    });
    expect(text).toContain("run id          20261122T101010-abc123");
    expect(text).toContain("target image    hermes-harness/reference:abc (reference)");
    expect(text).toContain("image id        sha256:1");
    expect(text).toContain("image digest    none (built or loaded locally)");
    expect(text).toContain("hermes version  Hermes Agent v0.0.0");
    expect(text).toContain("generation      G2 (exec shim present)");
    expect(text).toContain(
      "engine          Docker 20.10.24, rootful (API 1.41), local at unix:///var/run/docker.sock",
    );
    expect(text).toContain("platform        linux/amd64, native");
  });

  it("says when the image runs emulated, and by how much its deadlines stretch", () => {
    const platform = { name: "linux/arm64", architecture: "arm64", emulated: true, deadlineScale: 4 };
    expect(formatRunHeader({ ...base, image: REFERENCE, platform })).toContain(
      "platform        linux/arm64, emulated on amd64 (image deadlines x4)",
    );
  });

  it("shows the repo digest of a pulled image and a remote daemon", () => {
    const text = formatRunHeader({
      ...base,
      localDaemon: false,
      image: {
        ref: "nousresearch/hermes-agent:latest",
        id: "sha256:2",
        digests: ["nousresearch/hermes-agent@sha256:9"],
        platform: AMD64,
        source: "published",
        pulled: true,
      },
    });
    expect(text).toContain("target image    nousresearch/hermes-agent:latest (pulled)");
    expect(text).toContain("image digest    nousresearch/hermes-agent@sha256:9");
    expect(text).toContain(", remote at ");
  });

  it("labels a HERMES_IMAGE that was already on the host (a regression image) local, not published", () => {
    const text = formatRunHeader({
      ...base,
      image: {
        ref: "hermes-harness/regression:exit-code-lost-0123abcd",
        id: "sha256:3",
        digests: [],
        platform: AMD64,
        source: "published",
        pulled: false,
      },
    });
    expect(text).toContain("target image    hermes-harness/regression:exit-code-lost-0123abcd (local)");
  });

  it("redacts secret values of the harness's environment and a password in the daemon address", () => {
    const secret = "sk-header-0123456789";
    const text = formatRunHeader({
      ...base,
      hermesVersion: `Hermes Agent v0.0.0 (key ${secret})`,
      daemon: { ...base.daemon, address: "tcp://ci:hunter22@docker.example:2376" },
      image: REFERENCE,
      redactor: SecretRedactor.fromEnvironment({ OPENAI_API_KEY: secret }),
    });
    expect(text).toContain("hermes version  Hermes Agent v0.0.0 (key <redacted:OPENAI_API_KEY>)");
    expect(text).toContain("at tcp://ci:<redacted>@docker.example:2376");
  });
});

describe("formatRunLine", () => {
  it("says image, digest (else id), generation and version on one line", () => {
    const image = {
      ref: "nousresearch/hermes-agent:latest",
      id: "sha256:1",
      platform: AMD64,
      source: "published" as const,
    };
    expect(
      formatRunLine({
        image: { ...image, digests: ["nousresearch/hermes-agent@sha256:9"] },
        hermesVersion: "Hermes Agent v1.2",
        generation: "g2",
      }),
    ).toBe(
      "testing nousresearch/hermes-agent:latest @ nousresearch/hermes-agent@sha256:9, generation G2, version: Hermes Agent v1.2",
    );
    expect(formatRunLine({ image: { ...image, digests: [] }, hermesVersion: "v1", generation: "g1" })).toBe(
      "testing nousresearch/hermes-agent:latest @ sha256:1 (no registry digest), generation G1, version: v1",
    );
  });
});
