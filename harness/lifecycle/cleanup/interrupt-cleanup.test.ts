import { describe, expect, it } from "vitest";
import { describeRemoved } from "./interrupt-cleanup.js";

describe("describeRemoved", () => {
  it("names what was removed", () => {
    expect(
      describeRemoved("r1", {
        containers: ["hermes-harness-once-1a2b3c4d", "hermes-harness-c-5e6f7a8b"],
        volumes: ["3f9e0c1d2b3a4f5e6d7c8b9a0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6"],
        images: [],
      }),
    ).toBe(
      "interrupted: removed 2 containers (hermes-harness-once-1a2b3c4d, hermes-harness-c-5e6f7a8b), 1 volume (3f9e0c1d2b3a) of run r1",
    );
  });

  it("says so when nothing was left", () => {
    expect(describeRemoved("r1", { containers: [], volumes: [], images: [] })).toBe(
      "interrupted: run r1 had no container or volume left to remove",
    );
  });

  it("shortens long lists", () => {
    const names = Array.from({ length: 10 }, (_, i) => `c${i}`);
    expect(describeRemoved("r1", { containers: names, volumes: [], images: [] })).toContain(
      "10 containers (c0, c1, c2, c3, c4, c5, c6, c7, and 2 more)",
    );
  });
});
