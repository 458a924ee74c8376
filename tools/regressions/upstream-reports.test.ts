import { describe, expect, it } from "vitest";
import { issueOfName, parseUpstreamReports } from "./upstream-reports.js";

const fail = (why: string): never => {
  throw new Error(why);
};
const issue = (n: number) => `https://github.com/NousResearch/hermes-agent/issues/${n}`;
const pull = (n: number) => `https://github.com/NousResearch/hermes-agent/pull/${n}`;

describe("parseUpstreamReports", () => {
  it("reads the issues, first the one the entry is named after, and the fix", () => {
    expect(
      parseUpstreamReports({ issues: [issue(42675), issue(33597)], fix: pull(43236) }, "gh-42675-x", fail),
    ).toEqual({ issues: [42675, 33597], fix: { label: "#43236", url: pull(43236) } });
    const commit = "https://github.com/NousResearch/hermes-agent/commit/343c54e3a1";
    expect(parseUpstreamReports({ issues: [issue(24041)], fix: commit }, "gh-24041-x", fail)?.fix).toEqual({
      label: "343c54e3",
      url: commit,
    });
    expect(parseUpstreamReports({ issues: [issue(54174)] }, "gh-54174-x", fail)).toEqual({ issues: [54174] });
  });

  it("has none for an entry named by mechanism, and demands it of one named gh-N", () => {
    expect(parseUpstreamReports(undefined, "puid-wins", fail)).toBeUndefined();
    expect(() => parseUpstreamReports(undefined, "gh-42675-x", fail)).toThrow(
      '"upstream" is missing: an entry named gh-42675-... reproduces #42675',
    );
  });

  it("refuses an entry with reports that is not named after its first issue", () => {
    expect(() => parseUpstreamReports({ issues: [issue(42675)] }, "sigterm-is-a-stop", fail)).toThrow(
      "named gh-42675-..., after its first issue",
    );
    expect(() => parseUpstreamReports({ issues: [issue(33597), issue(42675)] }, "gh-42675-x", fail)).toThrow(
      "named gh-33597-...",
    );
  });

  it("refuses other repositories, pulls given as issues, duplicates and unknown keys", () => {
    const refused: [unknown, RegExp][] = [
      [
        { issues: ["https://github.com/someone/fork/issues/42675"] },
        /is not https:\/\/github.com\/NousResearch/,
      ],
      [{ issues: [pull(42675)] }, /is not .*\/issues\/N/],
      [{ issues: [] }, /non-empty list/],
      [{ issues: [issue(42675), issue(42675)] }, /lists an issue twice/],
      [
        { issues: [issue(42675)], fix: issue(43236) },
        /"upstream.fix": .* is not .*\/pull\/N or .*\/commit\/SHA/,
      ],
      [{ issues: [issue(42675)], pr: pull(1) }, /unknown key\(s\) pr/],
    ];
    for (const [value, why] of refused)
      expect(() => parseUpstreamReports(value, "gh-42675-x", fail)).toThrow(why);
  });

  it("reads the issue number from an entry's name", () => {
    expect(issueOfName("gh-42675-sigterm")).toBe(42675);
    expect(issueOfName("gh-x")).toBeUndefined();
    expect(issueOfName("puid-wins")).toBeUndefined();
  });
});
