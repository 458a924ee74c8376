import { afterEach, describe, expect, it } from "vitest";
import { currentTest, enterTest, leaveTest, runningTests } from "./current-test.js";

const a = { file: "specs/x.spec.ts", name: "a" };
const b = { file: "specs/x.spec.ts", name: "b" };

describe("currentTest", () => {
  afterEach(() => {
    leaveTest(a);
    leaveTest(b);
  });

  it("is undefined outside tests and the running test inside one", () => {
    expect(currentTest()).toBeUndefined();
    enterTest(a);
    expect(currentTest()).toBe(a);
    leaveTest(a);
    expect(currentTest()).toBeUndefined();
  });

  it("refuses to name one owner while two tests overlap, naming both", () => {
    enterTest(a);
    enterTest(b);
    expect(() => currentTest()).toThrow(/2 tests run at once.*"a", "b".*beforeAll/);
    expect(runningTests()).toEqual([a, b]);
    leaveTest(a);
    expect(currentTest()).toBe(b);
  });
});
