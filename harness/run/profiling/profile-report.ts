/**
 * Where a test's time goes: Docker calls and waits, recorded per test. Pure data and text; the lead's
 * code decides when to record and where to write the report.
 */
export type TimingKind = "docker" | "wait";

export interface TimingEntry {
  /** Full test name (file > describe > it). */
  test: string;
  kind: TimingKind;
  /** What was timed, e.g. "exec s6-svstat /run/service/dashboard" or "wait for boot-complete". */
  label: string;
  ms: number;
}

export interface TestTotals {
  test: string;
  totalMs: number;
  dockerMs: number;
  waitMs: number;
  count: number;
}

export class ProfileRecorder {
  readonly #entries: TimingEntry[] = [];

  /** `now` is injectable so tests need no real clock. */
  constructor(private readonly now: () => number = () => performance.now()) {}

  record(entry: TimingEntry): void {
    this.#entries.push({ ...entry });
  }

  /** Times `fn` and records it, also when it throws (a failed wait is often the slowest entry). */
  async time<T>(test: string, kind: TimingKind, label: string, fn: () => Promise<T>): Promise<T> {
    const start = this.now();
    try {
      return await fn();
    } finally {
      this.record({ test, kind, label, ms: this.now() - start });
    }
  }

  entries(): readonly TimingEntry[] {
    return [...this.#entries];
  }

  clear(): void {
    this.#entries.length = 0;
  }
}

/** Per-test totals, slowest test first (ties by name, so output is stable). */
export function summarise(entries: readonly TimingEntry[]): TestTotals[] {
  const byTest = new Map<string, TestTotals>();
  for (const e of entries) {
    const t = byTest.get(e.test) ?? { test: e.test, totalMs: 0, dockerMs: 0, waitMs: 0, count: 0 };
    t.totalMs += e.ms;
    if (e.kind === "docker") t.dockerMs += e.ms;
    else t.waitMs += e.ms;
    t.count += 1;
    byTest.set(e.test, t);
  }
  return [...byTest.values()].sort((a, b) => b.totalMs - a.totalMs || a.test.localeCompare(b.test));
}

const TEST_WIDTH = 50;
const LABEL_WIDTH = 60;

function fitColumn(text: string, width: number): string {
  const oneLine = text.replace(/\s+/g, " ");
  return oneLine.length <= width ? oneLine.padEnd(width) : `${oneLine.slice(0, width - 1)}…`;
}

/** A fixed-width text table of the n slowest entries, slowest first. */
export function slowestTable(entries: readonly TimingEntry[], n = 10): string {
  const rows = [...entries].sort((a, b) => b.ms - a.ms).slice(0, Math.max(0, n));
  const header = `${"#".padStart(3)}  ${"ms".padStart(9)}  ${"kind".padEnd(6)}  ${fitColumn("test", TEST_WIDTH)}  label`;
  const rule = "-".repeat(3 + 2 + 9 + 2 + 6 + 2 + TEST_WIDTH + 2 + LABEL_WIDTH);
  if (rows.length === 0) return [header, rule, "(no entries)"].join("\n");
  const lines = rows.map(
    (e, i) =>
      `${String(i + 1).padStart(3)}  ${e.ms.toFixed(1).padStart(9)}  ${e.kind.padEnd(6)}  ${fitColumn(e.test, TEST_WIDTH)}  ${fitColumn(e.label, LABEL_WIDTH).trimEnd()}`,
  );
  return [header, rule, ...lines].join("\n");
}
