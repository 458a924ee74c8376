import { describe, expect, it } from "vitest";
import {
  clausesOfTitle,
  clauseTests,
  contractPromises,
  filesFor,
  formatClauseList,
  testNamePattern,
  uncovered,
} from "./clause-tests.js";

const specs = [
  {
    file: "dashboard.spec.ts",
    source: `describe("C5 dashboard", () => {
      it("C5.2/C5.3: on, it answers", () => {});
      // it("C9.9: commented out", ...)
      it("C5.5: kill -9 restarts it", () => {});
    });`,
  },
  {
    file: "routing.spec.ts",
    source: `describe("C3/C2.7 routing", () => { it("C2.7: docker stop ends it", () => {}); it("C3.2: %s runs", () => {}); });`,
  },
];

describe("clause tests", () => {
  const tests = clauseTests(specs);

  it("reads the clause ids in front of a title, none from other text", () => {
    expect(clausesOfTitle("C5.2/C5.3: on")).toEqual(["C5.2", "C5.3"]);
    expect(clausesOfTitle("C3/C2.7 routing")).toEqual([]);
    expect(clausesOfTitle("see C5.2: no")).toEqual([]);
    expect(tests.map((t) => t.title)).toEqual([
      "C5.2/C5.3: on, it answers",
      "C5.5: kill -9 restarts it",
      "C2.7: docker stop ends it",
      "C3.2: %s runs",
    ]);
  });

  it("picks the files of the requested clauses and says which clauses nothing covers", () => {
    expect(filesFor(["C5.3"], tests)).toEqual(["dashboard.spec.ts"]);
    expect(filesFor(["C2", "C5.5"], tests)).toEqual(["dashboard.spec.ts", "routing.spec.ts"]);
    expect(uncovered(["C5", "C5.4", "C9", "C2.7"], tests)).toEqual(["C5.4", "C9"]);
  });

  it("matches full names by the title's own clause list, not by a describe title", () => {
    const matches = (requested: string[], fullName: string) =>
      new RegExp(testNamePattern(requested)).test(fullName);
    expect(matches(["C5.3"], "C5 dashboard C5.2/C5.3: on, it answers")).toBe(true);
    expect(matches(["C5"], "C5 dashboard C5.5: kill -9 restarts it")).toBe(true);
    expect(matches(["C5.3"], "C5 dashboard C5.5: kill -9 restarts it")).toBe(false);
    expect(matches(["C5.5"], "C5 dashboard C5.55: x")).toBe(false);
    expect(matches(["C2.7"], "C3/C2.7 routing C3.2: sleep runs")).toBe(false);
    expect(matches(["C2.7", "C3"], "C3/C2.7 routing C3.2: sleep runs")).toBe(true);
    expect(matches(["C1"], "C10.1: x")).toBe(false);
  });

  it("lists clauses in number order with their promise and tests, also those no test names", () => {
    const promises = contractPromises(
      "- **C5.3** It answers HTTP: `GET /api/status`\n  returns 200. With JSON.\n- **C10.1** *(new)* Later.\n- **C2.7** Stops.\n\n  Not part of it.\n",
    );
    const guards = new Map([["C2.7", ["#42675 #33597 (gh-42675-x)", "#34339 (gh-34339-y)"]]]);
    expect(formatClauseList(tests, promises, guards)).toEqual([
      "C2.7  Stops.",
      "    routing.spec.ts: C2.7: docker stop ends it",
      "    upstream bugs it would catch again: #42675 #33597 (gh-42675-x); #34339 (gh-34339-y)",
      "C3.2",
      "    routing.spec.ts: C3.2: %s runs",
      "C5.2",
      "    dashboard.spec.ts: C5.2/C5.3: on, it answers",
      "C5.3  It answers HTTP: GET /api/status returns 200.",
      "    dashboard.spec.ts: C5.2/C5.3: on, it answers",
      "C5.5",
      "    dashboard.spec.ts: C5.5: kill -9 restarts it",
      "C10.1  Later.",
      "    (no test names it)",
    ]);
  });
});
