import { describe, expect, it } from "vitest";
import { imageOrigin } from "./resolve-target-image.js";

describe("imageOrigin", () => {
  it("labels a HERMES_IMAGE by whether this run pulled it", () => {
    expect(imageOrigin({ source: "published", pulled: true })).toBe("pulled");
    expect(imageOrigin({ source: "published", pulled: false })).toBe("local");
  });

  it("keeps the images the harness builds labelled by kind", () => {
    expect(imageOrigin({ source: "reference" })).toBe("reference");
    expect(imageOrigin({ source: "checkout" })).toBe("checkout");
  });
});
