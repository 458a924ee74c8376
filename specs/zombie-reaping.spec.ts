import { beforeAll, describe, expect, it } from "vitest";
import { type HermesContainer, imageDeadline, startHermes, waitFor, zombies } from "../harness/index.js";

// Contract C2.5: orphans are re-parented to PID 1 and reaped. Each orphan proves it existed and was
// orphaned: it waits until its parent has gone and PID 1 has adopted it, records "pid ppid" in a file,
// then exits, which leaves a zombie that only PID 1 can reap.

/**
 * `sh -c ORPHANS DIR COUNT`: COUNT double forks. `( child & )` forks a subshell that starts the child
 * in the background and exits at once, so the child is orphaned. The child spins (bounded, without
 * forking) until its parent is PID 1, writes "pid ppid" to DIR/N.pid and exits.
 */
const ORPHANS = `dir="$1"; count="$2"; mkdir -p "$dir"; i=0
while [ "$i" -lt "$count" ]; do
  i=$((i + 1))
  ( sh -c 'n=0; while read -r _ _ _ ppid _ < /proc/$$/stat; [ "$ppid" != 1 ] && [ "$n" -lt 100000 ]; do n=$((n + 1)); done
           echo "$$ $ppid" > "$1/$2.tmp" && mv "$1/$2.tmp" "$1/$2.pid"' orphan "$dir" "$i" & )
done`;

interface Orphan {
  pid: number;
  ppid: number;
}

/** The orphans' records once all COUNT are written. */
async function orphanRecords(hermes: HermesContainer, dir: string, count: number): Promise<Orphan[]> {
  const text = await waitFor(() => hermes.sh(`cat "${dir}"/*.pid 2>/dev/null; true`).then((r) => r.stdout), {
    description: `${count} orphan records in ${dir}`,
    // Longer than one condition: a burst forks hundreds of shells, each writing its record.
    timeoutMs: imageDeadline(15_000),
    until: (out) => out.trim().split("\n").filter(Boolean).length === count,
    describeValue: (out) => `${out.trim().split("\n").filter(Boolean).length} records`,
  });
  return text
    .trim()
    .split("\n")
    .map((line) => {
      const [pid, ppid] = line.split(" ").map(Number);
      return { pid: pid ?? NaN, ppid: ppid ?? NaN };
    });
}

/** Asserts the orphans were adopted by PID 1, then waits until none of them and no zombie is left. */
async function expectReaped(
  hermes: HermesContainer,
  orphans: readonly Orphan[],
  count: number,
): Promise<void> {
  expect(orphans).toHaveLength(count);
  expect(
    orphans.filter((o) => o.ppid !== 1),
    "orphans not adopted by PID 1",
  ).toEqual([]);
  const pids = new Set(orphans.map((o) => o.pid));
  expect(pids.size).toBe(count);
  // Red for a PID 1 that never waits: the orphans stay as Z rows.
  const rows = await waitFor(() => hermes.processes(), {
    description: "no zombies and none of the orphans left",
    // C2.5: reaped "a few seconds later"; a PID 1 that reaps at all does it at once.
    timeoutMs: 5_000,
    until: (table) => zombies(table).length === 0 && !table.some((row) => pids.has(row.pid)),
    describeValue: (table) =>
      JSON.stringify(table.filter((row) => row.state.startsWith("Z") || pids.has(row.pid)).slice(0, 10)),
  });
  expect(rows.length).toBeGreaterThan(0);
}

async function doubleForkAsHermes(hermes: HermesContainer, dir: string, count: number): Promise<void> {
  await hermes.ok(["sh", "-c", ORPHANS, "orphans", dir, String(count)]);
  await expectReaped(hermes, await orphanRecords(hermes, dir, count), count);
}

describe("C2.5 zombie reaping", () => {
  let hermes: HermesContainer;

  beforeAll(async () => {
    hermes = await startHermes({ nameHint: "zombies" });
  });

  it("C2.5: orphans of a double fork as hermes are adopted by PID 1 and reaped", async () => {
    await doubleForkAsHermes(hermes, "/tmp/orphans-small", 10);
  });

  it("C2.5: a burst of 200 orphans is reaped", async () => {
    await doubleForkAsHermes(hermes, "/tmp/orphans-burst", 200);
  });

  it("C2.5: orphans created by the main program itself are reaped", async () => {
    // The main program double-forks, then keeps running (as `sleep`), so the container stays up.
    const main = await startHermes({
      nameHint: "zombies-main",
      command: ["sh", "-c", `${ORPHANS}\nexec sleep infinity`, "main", "/tmp/main-orphans", "20"],
    });
    await expectReaped(main, await orphanRecords(main, "/tmp/main-orphans", 20), 20);
    // The main program is still the running `sleep infinity`.
    expect((await main.processes()).filter((row) => row.args === "sleep infinity")).toHaveLength(1);
  });

  it("C2.5: still reaped after docker restart", async () => {
    // Last: it restarts the shared container.
    await hermes.restart();
    await doubleForkAsHermes(hermes, "/tmp/orphans-after-restart", 20);
  });
});
