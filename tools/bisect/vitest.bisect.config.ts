import { defineConfig } from "vitest/config";

// The bisect's Docker-backed tests: each builds and tests real images, one file at a time (two cores,
// and every candidate's run starts containers of its own).
export default defineConfig({
  test: {
    include: ["tools/bisect/**/*.docker.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 20 * 60_000,
    hookTimeout: 10 * 60_000,
  },
});
