import { describe, expect, it } from "vitest";
import { staleArtifactEntries } from "./stale-artifacts.js";

describe("staleArtifactEntries", () => {
  it("clears earlier failure folders and profile output, keeps build logs and the regression runs", () => {
    const entries = [
      { name: "dashboard", isDirectory: true },
      { name: "smoke", isDirectory: true },
      { name: "profile-parts", isDirectory: true },
      { name: "profile.json", isDirectory: false },
      { name: "run-header.txt", isDirectory: false },
      { name: "reference-image-g2-build.log", isDirectory: false },
      { name: "regression-exit-code-lost-build.log", isDirectory: false },
      { name: "regressions", isDirectory: true },
    ];
    expect(staleArtifactEntries(entries)).toEqual([
      "dashboard",
      "profile-parts",
      "profile.json",
      "run-header.txt",
      "smoke",
    ]);
  });

  it("treats a folder named like a build log as diagnostics", () => {
    expect(staleArtifactEntries([{ name: "x-build.log", isDirectory: true }])).toEqual(["x-build.log"]);
  });
});
