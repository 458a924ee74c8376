import { describe, expect, it } from "vitest";
import { FOREIGN_GRACE_SECONDS, type PruneScope, staleRegressionImages } from "./stale-regression-images.js";

const NOW = 1_800_000_000;
const MINE = "checkout-a";
const image = (id: string, tags: string[], checkout: string | undefined, ageSeconds = 60) => ({
  id,
  tags,
  checkout,
  created: NOW - ageSeconds,
});
const scope = (over: Partial<PruneScope> = {}): PruneScope => ({
  checkout: MINE,
  keep: new Set(["hermes-harness/regression:exit-code-lost-bbbbbbbbbbbb"]),
  names: new Set(["exit-code-lost"]),
  now: NOW,
  ...over,
});

describe("staleRegressionImages", () => {
  it("removes this checkout's superseded build of the same regression at once", () => {
    const images = [
      image("old", ["hermes-harness/regression:exit-code-lost-aaaaaaaaaaaa"], MINE),
      image("new", ["hermes-harness/regression:exit-code-lost-bbbbbbbbbbbb"], MINE),
    ];
    expect(staleRegressionImages(images, scope())).toEqual(["old"]);
  });

  it("leaves another checkout's recent build alone, and prunes it once past the grace period", () => {
    const tags = ["hermes-harness/regression:exit-code-lost-cccccccccccc"];
    expect(staleRegressionImages([image("theirs", tags, "checkout-b")], scope())).toEqual([]);
    expect(
      staleRegressionImages([image("theirs", tags, undefined, FOREIGN_GRACE_SECONDS + 1)], scope()),
    ).toEqual(["theirs"]);
  });

  it("removes orphans (names no longer in the catalogue) only when given the catalogue, and only this checkout's", () => {
    const images = [
      image("renamed", ["hermes-harness/regression:old-name-aaaaaaaaaaaa"], MINE),
      image("not-built-now", ["hermes-harness/regression:new-entry-aaaaaaaaaaaa"], MINE),
      image("foreign", ["hermes-harness/regression:their-new-one-aaaaaaaaaaaa"], "checkout-b", 10 * 3600),
    ];
    const catalogue = new Set(["exit-code-lost", "new-entry"]);
    expect(staleRegressionImages(images, scope())).toEqual([]);
    expect(staleRegressionImages(images, scope({ catalogue }))).toEqual(["renamed"]);
  });

  it("never removes an image that also carries a tag outside the regression scheme", () => {
    const tags = ["hermes-harness/regression:exit-code-lost-aaaaaaaaaaaa", "my/debug:keep"];
    expect(staleRegressionImages([image("tagged", tags, MINE)], scope({ catalogue: new Set() }))).toEqual([]);
  });

  it("removes this checkout's dangling regression builds only in the closing prune, never another's", () => {
    // While the check builds, an untagged image may be another job's build awaiting its tag.
    const dangling = [image("dangling", ["<none>:<none>"], MINE)];
    expect(staleRegressionImages(dangling, scope())).toEqual([]);
    expect(staleRegressionImages(dangling, scope({ catalogue: new Set(["exit-code-lost"]) }))).toEqual([
      "dangling",
    ]);
    const theirs = [image("theirs", [], "checkout-b", 10 * 3600)];
    expect(staleRegressionImages(theirs, scope({ catalogue: new Set() }))).toEqual([]);
  });
});
