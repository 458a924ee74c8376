import { afterEach, describe, expect, it } from "vitest";
import { enterTest, leaveTest } from "./current-test.js";
import { type ExecRecord, ResourceTracker } from "./resource-tracker.js";

const file = "specs/dashboard.spec.ts";
const a = { file, name: "C5.1: a" };
const b = { file, name: "C5.2: b" };
const exec = (argv: string, tests: ExecRecord["tests"]): ExecRecord => ({
  at: "t",
  user: "hermes",
  argv: [argv],
  ms: 1,
  tests,
});

describe("ResourceTracker.containersFor", () => {
  afterEach(() => {
    leaveTest(a);
    leaveTest(b);
  });

  it("gives a failing test its own containers and only the file-wide ones it used", () => {
    const tracker = new ResourceTracker();
    const shared1 = tracker.addContainer("id1", "shared-1"); // beforeAll: no test running
    tracker.addContainer("id2", "shared-2");
    enterTest(a);
    tracker.markUsed(shared1);
    tracker.addContainer("id3", "own-of-a");
    leaveTest(a);

    expect(tracker.containersFor(a).map((c) => c.name)).toEqual(["shared-1", "own-of-a"]);
    expect(tracker.containersFor(b)).toEqual([]);
  });

  it("keeps the test's own execs and the setup's, not another test's", () => {
    const tracker = new ResourceTracker();
    const shared = tracker.addContainer("id1", "shared");
    shared.execs.push(exec("setup", []), exec("by-a", [a]), exec("by-b", [b]));
    enterTest(b);
    tracker.markUsed(shared);
    leaveTest(b);

    const [view] = tracker.containersFor(b);
    expect(view?.execs.map((e) => e.argv[0])).toEqual(["setup", "by-b"]);
    expect(shared.execs).toHaveLength(3);
  });

  it("credits every test running at once (describe.concurrent) with a use", () => {
    const tracker = new ResourceTracker();
    const shared = tracker.addContainer("id1", "shared");
    enterTest(a);
    enterTest(b);
    tracker.markUsed(shared);
    tracker.markUsed(shared);
    expect(shared.usedBy).toEqual([a, b]);
  });
});
