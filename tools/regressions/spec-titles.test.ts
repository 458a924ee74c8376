import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { missingTitles, stringLiterals } from "../../harness/lifecycle/reports/spec-titles.js";
import { parseDeviations } from "../../harness/run/deviations/declared-deviations.js";
import { loadCatalogue } from "./regression-catalogue.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const read = (path: string) => readFile(join(repoRoot, path), "utf8");

describe("stringLiterals", () => {
  it("reads the three quote kinds with escapes, skips comments and interpolated templates", () => {
    const source = [
      `it("C1: a \\"quoted\\" word", () => {});`,
      "// it('C2: only in a comment')",
      "/* 'C3: in a block comment' */",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text under test holds a template
      "it(`C4: a template`, f); it(`C5: ${x}`, f);",
      "it('C6: single', f);",
    ].join("\n");
    expect(stringLiterals(source)).toEqual(['C1: a "quoted" word', "C4: a template", "C6: single"]);
  });
});

describe("missingTitles", () => {
  const source = [
    `it.each([["a"], ["b"]])("C5.4: 0.0.0.0 %s: exit 78", f);`,
    `it.each(CASES)("C7.3/C7.4: prior $name → $action", f);`,
    `it("C1.1: exact", f);`,
  ].join("\n");

  it("matches exact titles and it.each titles through their placeholders", () => {
    const titles = [
      "C1.1: exact",
      "C5.4: 0.0.0.0 without auth: exit 78",
      "C7.3/C7.4: prior 'st-x' → 'started'",
    ];
    expect(missingTitles([source], titles)).toEqual([]);
  });

  it("names a renamed or partial title (no substring match)", () => {
    expect(
      missingTitles([source], ["C1.1: exact, renamed", "C1.1: exac", "C5.4: 0.0.0.0 : exit 78"]),
    ).toEqual(["C1.1: exact, renamed", "C1.1: exac", "C5.4: 0.0.0.0 : exit 78"]);
  });
});

// Titles are an interface: regression.json and docs/deviations.json name them. Checked here, without
// Docker, so a renamed test is noticed at once, not at the end of the regression check.
describe("titles named outside the specs exist in them", () => {
  it("every failingTests title of the regression catalogue is in the spec files its entry lists", async () => {
    const { regressions, problems } = await loadCatalogue(join(repoRoot, "fixtures", "regressions"));
    expect(problems).toEqual([]);
    expect(regressions.length).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const regression of regressions) {
      const sources = await Promise.all(regression.specs.map(read));
      for (const title of missingTitles(sources, regression.failingTests)) {
        missing.push(
          `${regression.name}: ${JSON.stringify(title)} is in none of ${regression.specs.join(", ")}`,
        );
      }
    }
    expect(missing).toEqual([]);
  });

  it("every declared deviation's title is in some spec file", async () => {
    const deviations = parseDeviations(await read("docs/deviations.json"), "docs/deviations.json");
    expect(deviations.length).toBeGreaterThan(0);
    const specFiles = (await readdir(join(repoRoot, "specs"))).filter((f) => f.endsWith(".spec.ts"));
    const sources = await Promise.all(specFiles.map((f) => read(join("specs", f))));
    expect(
      missingTitles(
        sources,
        deviations.map((d) => d.test),
      ),
    ).toEqual([]);
  });
});
