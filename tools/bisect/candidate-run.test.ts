import { describe, expect, it } from "vitest";
import { setupFailure } from "./candidate-run.js";

describe("setupFailure", () => {
  it("is the line under global setup's heading", () => {
    const output =
      "RUN v4\n\n[hermes-harness] cannot start the run:\ncould not tell the image's generation\n\nmore";
    expect(setupFailure(output)).toBe("could not tell the image's generation");
  });

  it("is undefined for a run that started", () => {
    expect(setupFailure(" ✓ specs/a.spec.ts (1 test)")).toBeUndefined();
  });
});
