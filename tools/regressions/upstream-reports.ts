/**
 * The upstream bug reports a catalogue entry puts back (regression.json's "upstream"): the issue
 * threads users opened and, where a thread names one, the pull request that fixed it.
 */
export interface UpstreamReports {
  /** Issue numbers, the one the entry is named after first. */
  issues: number[];
  /** The fix, when the thread names one: its pull request (`#43236`) or commit (`343c54e3`). */
  fix?: UpstreamFix;
}

export interface UpstreamFix {
  label: string;
  url: string;
}

const REPO = "https://github.com/NousResearch/hermes-agent";
const ISSUE_URL = /^https:\/\/github\.com\/NousResearch\/hermes-agent\/issues\/([1-9]\d*)$/;
const FIX_URL =
  /^https:\/\/github\.com\/NousResearch\/hermes-agent\/(?:pull\/([1-9]\d*)|commit\/([0-9a-f]{7,40}))$/;

export const issueUrl = (issue: number) => `${REPO}/issues/${issue}`;

/** An entry named after a report: `gh-42675-...` → 42675. */
export const issueOfName = (name: string): number | undefined => {
  const match = /^gh-([1-9]\d*)-/.exec(name);
  return match ? Number(match[1]) : undefined;
};

/**
 * regression.json's "upstream" ({"issues": [URL...], "fix"?: URL}), checked against the entry's
 * name: an entry named gh-N-... reproduces report N, and an entry tied to reports is named after one.
 */
export function parseUpstreamReports(
  value: unknown,
  name: string,
  fail: (why: string) => never,
): UpstreamReports | undefined {
  const named = issueOfName(name);
  if (value === undefined) {
    if (named !== undefined)
      fail(`"upstream" is missing: an entry named gh-${named}-... reproduces #${named}`);
    return undefined;
  }
  const data = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  const issues = Array.isArray(data.issues) ? data.issues : [];
  if (issues.length === 0) fail(`"upstream.issues" must be a non-empty list of ${REPO}/issues/N URLs`);
  const numbers = issues.map((url) => {
    const match = typeof url === "string" ? ISSUE_URL.exec(url) : null;
    return match
      ? Number(match[1])
      : fail(`"upstream.issues": ${JSON.stringify(url)} is not ${REPO}/issues/N`);
  });
  if (new Set(numbers).size !== numbers.length) fail(`"upstream.issues" lists an issue twice`);
  if (numbers[0] !== named)
    fail(`an entry tied to upstream reports is named gh-${numbers[0]}-..., after its first issue`);
  const known = new Set(["issues", "fix"]);
  const unknown = Object.keys(data).filter((key) => !known.has(key));
  if (unknown.length > 0) fail(`"upstream" has unknown key(s) ${unknown.join(", ")} (known: issues, fix)`);
  if (data.fix === undefined) return { issues: numbers };
  const fix = typeof data.fix === "string" ? FIX_URL.exec(data.fix) : null;
  if (!fix) fail(`"upstream.fix": ${JSON.stringify(data.fix)} is not ${REPO}/pull/N or ${REPO}/commit/SHA`);
  const [url = "", pull, commit = ""] = fix ?? [];
  return { issues: numbers, fix: { label: pull ? `#${pull}` : commit.slice(0, 8), url } };
}
