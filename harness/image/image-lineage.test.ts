import { describe, expect, it } from "vitest";
import { LABEL_LINEAGE } from "../engine/labels.js";
import { lineageOf } from "./image-lineage.js";

describe("lineageOf", () => {
  it("is the reference's only where the reference's label says so", () => {
    expect(lineageOf({ [LABEL_LINEAGE]: "reference", other: "x" })).toBe("reference");
  });

  it("is upstream's for an image without it, or with another value", () => {
    expect(lineageOf(undefined)).toBe("upstream");
    expect(lineageOf(null)).toBe("upstream");
    expect(lineageOf({})).toBe("upstream");
    expect(lineageOf({ [LABEL_LINEAGE]: "Reference" })).toBe("upstream");
  });
});
