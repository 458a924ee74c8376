import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HarnessSetupError } from "../../harness-setup-error.js";
import type { TargetImage } from "../../image/resolve-target-image.js";
import { DEFAULT_BASE_IMAGE } from "../../image/target-selection.js";
import {
  exitWith,
  type RunStart,
  referenceTarget,
  repoRoot,
  runArtifactsDir,
  runContextOf,
  runPlatformOf,
} from "./run-setup.js";

const run = (address: string): RunStart => ({
  identity: { runId: "20250101T000000-abcdef", ownerPid: 42, ownerHost: "host" },
  daemon: {
    version: "28.0",
    apiVersion: "1.48",
    os: "linux",
    address,
    engine: {
      name: "Docker",
      version: "28.0",
      rootless: false,
      appliesResourceLimits: true,
      architecture: "amd64",
    },
  },
  artifactsDir: "/repo/artifacts",
});
const image: TargetImage = {
  ref: "hermes-harness/reference:0123",
  id: "sha256:1",
  digests: [],
  platform: { os: "linux", architecture: "amd64" },
  source: "reference",
};

afterEach(() => vi.restoreAllMocks());

describe("repoRoot and runArtifactsDir", () => {
  it("finds the repository and puts artifacts under it unless HERMES_HARNESS_ARTIFACTS says otherwise", () => {
    expect(existsSync(join(repoRoot, "Dockerfile.test"))).toBe(true);
    expect(runArtifactsDir({})).toBe(join(repoRoot, "artifacts"));
    expect(runArtifactsDir({ HERMES_HARNESS_ARTIFACTS: "/tmp/elsewhere" })).toBe("/tmp/elsewhere");
  });
});

describe("referenceTarget", () => {
  it("is the reference image whatever HERMES_IMAGE or HERMES_BUILD_CONTEXT say", () => {
    const env = { HERMES_IMAGE: "nousresearch/hermes-agent:latest", HERMES_BUILD_CONTEXT: "/src" };
    expect(referenceTarget(env)).toEqual({
      kind: "reference",
      baseImage: DEFAULT_BASE_IMAGE,
      generation: "g2",
    });
  });

  it("takes BASE_IMAGE, and the flavour asked for over HERMES_REFERENCE_GENERATION", () => {
    const env = { BASE_IMAGE: " my/base:13 ", HERMES_REFERENCE_GENERATION: "g1" };
    expect(referenceTarget(env)).toMatchObject({ baseImage: "my/base:13", generation: "g1" });
    expect(referenceTarget(env, "g2")).toMatchObject({ generation: "g2" });
    expect(referenceTarget({ HERMES_REFERENCE_GENERATION: "g3" }, "g2")).toMatchObject({ generation: "g2" });
    expect(() => referenceTarget({ HERMES_REFERENCE_GENERATION: "g3" })).toThrow(/must be g1 or g2/);
  });
});

describe("runContextOf", () => {
  it("puts the run, its image and what setup found into one context", () => {
    const deviations = [{ test: "t", generations: ["g1" as const], evidence: "e", reason: "r" }];
    expect(
      runContextOf(run("unix:///var/run/docker.sock"), image, {
        generation: "g1",
        deviations,
        profiling: true,
        hermesVersion: "Hermes Agent v0.18.0",
      }),
    ).toEqual({
      runId: "20250101T000000-abcdef",
      ownerPid: 42,
      ownerHost: "host",
      image: image.ref,
      imageSource: "reference",
      imageLineage: "reference",
      generation: "g1",
      hermesVersion: "Hermes Agent v0.18.0",
      deviations,
      artifactsDir: "/repo/artifacts",
      repoRoot,
      localDaemon: true,
      engine: {
        name: "Docker",
        version: "28.0",
        rootless: false,
        appliesResourceLimits: true,
        architecture: "amd64",
        address: "unix:///var/run/docker.sock",
      },
      platform: { name: "linux/amd64", architecture: "amd64", emulated: false, deadlineScale: 1 },
      profiling: true,
    });
  });

  it("says an image of another architecture than the engine's runs emulated, with stretched deadlines", () => {
    const arm64 = { ...image, platform: { os: "linux", architecture: "arm64" } };
    expect(runPlatformOf(arm64, "amd64", {})).toEqual({
      name: "linux/arm64",
      architecture: "arm64",
      emulated: true,
      deadlineScale: 4,
    });
    expect(runPlatformOf(arm64, "arm64", {})).toMatchObject({ emulated: false, deadlineScale: 1 });
  });

  it("has no deviations and no profiling unless given, and knows a tcp daemon is remote", () => {
    expect(runContextOf(run("tcp://10.0.0.2:2375"), image, { generation: "g2" })).toMatchObject({
      deviations: [],
      profiling: false,
      localDaemon: false,
    });
  });
});

describe("exitWith", () => {
  it("prints a HarnessSetupError as its message alone, under a heading when given, any other error whole; exits 2 (could not run)", () => {
    const exit = vi.spyOn(process, "exit").mockImplementation(() => undefined as never);
    const printed = vi.spyOn(console, "error").mockImplementation(() => {});
    const error = new HarnessSetupError("No Docker daemon answers at unix:///x (refused).");
    exitWith(error);
    exitWith(error, "[hermes-harness] cannot start the run:");
    const bug = new Error("a bug");
    exitWith(bug);
    expect(printed.mock.calls).toEqual([
      ["No Docker daemon answers at unix:///x (refused)."],
      ["\n[hermes-harness] cannot start the run:\nNo Docker daemon answers at unix:///x (refused).\n"],
      [bug],
    ]);
    expect(exit.mock.calls).toEqual([[2], [2], [2]]);
  });
});
