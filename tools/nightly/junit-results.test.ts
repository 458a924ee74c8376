import { describe, expect, it } from "vitest";
import { parseJunit } from "./junit-results.js";

// Shaped as vitest 4 writes it: a failed test, a failed beforeAll (a case named after the suite),
// a file that failed to load, skipped tests, and one error outside any test.
const XML = `<?xml version="1.0" encoding="UTF-8" ?>
<testsuites name="vitest tests" tests="7" failures="3" errors="1" time="0.02">
    <testsuite name="specs/a.spec.ts" tests="5" failures="2" errors="0" skipped="2" time="0.02">
        <testcase classname="specs/a.spec.ts" name="group &gt; passes" time="0.001">
        </testcase>
        <testcase classname="specs/a.spec.ts" name="group &gt; C3.5: exit &lt;code&gt; &amp; &quot;more&quot;" time="0.01">
            <failure message="expected 1 to be 2" type="AssertionError">AssertionError: expected 1 to be 2</failure>
        </testcase>
        <testcase classname="specs/a.spec.ts" name="group &gt; skipped" time="0">
            <skipped/>
        </testcase>
        <testcase classname="specs/a.spec.ts" name="hooked" time="0.004">
            <failure message="setup broke" type="Error">Error: setup broke</failure>
        </testcase>
        <testcase classname="specs/a.spec.ts" name="self closing" time="0"/>
    </testsuite>
    <testsuite name="specs/b.spec.ts" tests="1" failures="1" errors="0" skipped="0" time="0">
        <testcase classname="specs/b.spec.ts" name="specs/b.spec.ts" time="0">
            <error message="Cannot find module" type="Error">Error: Cannot find module</error>
        </testcase>
    </testsuite>
</testsuites>`;

describe("parseJunit", () => {
  it("counts cases by outcome and names the failing ones", () => {
    expect(parseJunit(XML)).toEqual({
      tests: 6,
      failures: 2,
      errors: 1,
      skipped: 1,
      failing: [
        'specs/a.spec.ts: group > C3.5: exit <code> & "more"',
        "specs/a.spec.ts: hooked",
        "specs/b.spec.ts: specs/b.spec.ts",
      ],
    });
  });

  it("counts errors outside test cases from the root element", () => {
    const xml = '<testsuites name="vitest tests" tests="0" failures="0" errors="2" time="0"></testsuites>';
    expect(parseJunit(xml)).toMatchObject({ tests: 0, errors: 2, failing: [] });
  });
});
