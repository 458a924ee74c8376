import { describe, expect, it } from "vitest";
import { ProfileRecorder, slowestTable, summarise, type TimingEntry } from "./profile-report.js";

const ENTRIES: TimingEntry[] = [
  { test: "boot > seeds .env", kind: "docker", label: "docker run", ms: 1200 },
  { test: "boot > seeds .env", kind: "wait", label: "boot-complete", ms: 3400 },
  { test: "pid1 > reaps orphans", kind: "docker", label: "exec double-fork", ms: 150.25 },
  { test: "pid1 > reaps orphans", kind: "wait", label: "no zombies", ms: 2000 },
  { test: "pid1 > reaps orphans", kind: "docker", label: "exec ps", ms: 80 },
  { test: "dashboard > restarts", kind: "wait", label: "new pid", ms: 900 },
];

describe("summarise", () => {
  it("totals per test, split by kind, slowest test first", () => {
    expect(summarise(ENTRIES)).toEqual([
      { test: "boot > seeds .env", totalMs: 4600, dockerMs: 1200, waitMs: 3400, count: 2 },
      { test: "pid1 > reaps orphans", totalMs: 2230.25, dockerMs: 230.25, waitMs: 2000, count: 3 },
      { test: "dashboard > restarts", totalMs: 900, dockerMs: 0, waitMs: 900, count: 1 },
    ]);
  });

  it("is empty for no entries", () => {
    expect(summarise([])).toEqual([]);
  });
});

describe("slowestTable", () => {
  it("lists the n slowest entries in fixed-width columns", () => {
    const lines = slowestTable(ENTRIES, 3).split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^ {2}# {9}ms {2}kind {4}test {48}label$/);
    expect(lines[1]).toMatch(/^-+$/);
    expect(lines[2]).toBe(`  1     3400.0  wait    ${"boot > seeds .env".padEnd(50)}  boot-complete`);
    expect(lines[3]).toBe(`  2     2000.0  wait    ${"pid1 > reaps orphans".padEnd(50)}  no zombies`);
    expect(lines[4]).toBe(`  3     1200.0  docker  ${"boot > seeds .env".padEnd(50)}  docker run`);
    // Fixed width: the label column starts at the same position on every row.
    const labelStart = (lines[2] ?? "").indexOf("boot-complete");
    expect((lines[3] ?? "").indexOf("no zombies")).toBe(labelStart);
    expect((lines[4] ?? "").indexOf("docker run")).toBe(labelStart);
  });

  it("defaults to 10 rows", () => {
    const many = Array.from({ length: 15 }, (_, i) => ({
      test: "t",
      kind: "docker" as const,
      label: `l${i}`,
      ms: i,
    }));
    const lines = slowestTable(many).split("\n");
    expect(lines).toHaveLength(12);
    expect(lines[2]).toContain("l14");
    expect(lines[11]).toContain("l5");
  });

  it("truncates long names and flattens newlines", () => {
    const table = slowestTable([{ test: "x".repeat(80), kind: "wait", label: "multi\nline", ms: 1 }]);
    const row = table.split("\n")[2] ?? "";
    expect(row).toContain(`${"x".repeat(49)}…`);
    expect(row).not.toContain("x".repeat(50));
    expect(row.endsWith("multi line")).toBe(true);
  });

  it("says so when there is nothing to show", () => {
    const lines = slowestTable([]).split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("(no entries)");
  });
});

describe("ProfileRecorder", () => {
  it("records timed calls with the injected clock, also when they throw", async () => {
    let clock = 0;
    const recorder = new ProfileRecorder(() => clock);
    const value = await recorder.time("t1", "docker", "exec id", async () => {
      clock += 25;
      return "uid=10000";
    });
    expect(value).toBe("uid=10000");
    await expect(
      recorder.time("t1", "wait", "boot", async () => {
        clock += 100;
        throw new Error("timed out");
      }),
    ).rejects.toThrow("timed out");
    recorder.record({ test: "t2", kind: "docker", label: "rm", ms: 5 });
    expect(recorder.entries()).toEqual([
      { test: "t1", kind: "docker", label: "exec id", ms: 25 },
      { test: "t1", kind: "wait", label: "boot", ms: 100 },
      { test: "t2", kind: "docker", label: "rm", ms: 5 },
    ]);
  });

  it("hands out copies and can be cleared", () => {
    const recorder = new ProfileRecorder();
    recorder.record({ test: "t", kind: "wait", label: "w", ms: 1 });
    const snapshot = recorder.entries();
    recorder.clear();
    expect(snapshot).toHaveLength(1);
    expect(recorder.entries()).toEqual([]);
  });
});
