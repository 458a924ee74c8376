import { defineConfig } from "vitest/config";
import { parsePlatform } from "./harness/engine/platform.js";
import { deadlineScale, hostArchitecture } from "./harness/run/context/deadline-scale.js";

// A test's own time stretches like the image's deadlines (deadline-scale.ts). The config has no engine
// to ask, so emulation here is "HERMES_PLATFORM names another architecture than this host's"; a bad
// value is left for the global setup to report.
function testTimeScale(): number {
  try {
    const platform = parsePlatform(process.env.HERMES_PLATFORM);
    return deadlineScale(process.env, platform !== undefined && platform.architecture !== hostArchitecture());
  } catch {
    return 1;
  }
}
const scale = testTimeScale();

// Two projects: `unit` (pure logic of harness/ and tools/) never touches Docker; `image` runs specs
// against the target image, which its global setup resolves (and builds, once per content change)
// before any spec starts.
export default defineConfig({
  test: {
    teardownTimeout: 60_000,
    // Two cores here: two spec files at a time keeps containers from starving each other.
    maxWorkers: 2,
    reporters: process.env.CI ? ["default", "junit", "json"] : ["default"],
    outputFile: { junit: "reports/junit.xml", json: "reports/results.json" },
    projects: [
      {
        test: {
          name: "unit",
          include: ["harness/**/*.test.ts", "tools/**/*.test.ts", "fixtures/reference-image/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "image",
          include: ["specs/**/*.spec.ts"],
          environment: "node",
          globalSetup: ["harness/lifecycle/setup/global-setup.ts"],
          setupFiles: ["harness/lifecycle/setup/spec-file-hooks.ts"],
          pool: "forks",
          // Spec files share a worker's module cache (harness, testcontainers, dockerode): a fresh
          // one per file re-imported them, 1.4 core-s a file on 2 busy cores. Specs hold no state
          // between files: each file's containers go in its own afterAll (spec-file-hooks.ts).
          isolate: false,
          fileParallelism: true,
          testTimeout: 60_000 * scale,
          hookTimeout: 90_000 * scale,
          // Emulated containers are CPU-bound on 2 cores: a describe.concurrent block's boots, five at
          // a time, starved each other past any fair deadline; one at a time under emulation.
          ...(scale > 1 ? { maxConcurrency: 1 } : {}),
        },
      },
    ],
  },
});
