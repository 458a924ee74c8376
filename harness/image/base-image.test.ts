import { describe, expect, it } from "vitest";
import { BOOTSTRAPPED_BASE, baseFallbackNotice, reuseBootstrappedQuietly } from "./base-image.js";
import { DEFAULT_BASE_IMAGE } from "./target-selection.js";

describe("reuseBootstrappedQuietly", () => {
  it("reuses a bootstrapped base for the default without a pull attempt or a notice", () => {
    expect(reuseBootstrappedQuietly(DEFAULT_BASE_IMAGE)).toBe(true);
  });

  it("tries a BASE_IMAGE the user chose before replacing it", () => {
    expect(reuseBootstrappedQuietly("my/debian:13")).toBe(false);
  });
});

describe("baseFallbackNotice", () => {
  it("says that a base is being bootstrapped, once and how long it takes", () => {
    expect(baseFallbackNotice("debian:trixie-slim", "no such host", false)).toBe(
      `base image debian:trixie-slim is not on this host and cannot be pulled here (no such host); bootstrapping a Debian 13 base once as ${BOOTSTRAPPED_BASE} (a minute or more, several under emulation; later runs reuse it)`,
    );
  });

  it("says which base replaces a chosen one", () => {
    expect(baseFallbackNotice("my/debian:13", "not found", true)).toMatch(
      new RegExp(
        `^base image my/debian:13 is not on this host .*; building on ${BOOTSTRAPPED_BASE} instead$`,
      ),
    );
  });
});
