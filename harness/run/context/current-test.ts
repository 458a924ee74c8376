/**
 * The tests running in this worker, kept by the image project's setup file. Resources made while a
 * test runs belong to it (removed when it ends); those made in beforeAll belong to the file.
 */
export interface TestScope {
  file: string;
  name: string;
}

const running: TestScope[] = [];

export function enterTest(scope: TestScope): void {
  running.push(scope);
}

export function leaveTest(scope: TestScope): void {
  const index = running.indexOf(scope);
  if (index >= 0) running.splice(index, 1);
}

/** Every test running now: more than one under `describe.concurrent` / `it.concurrent`. */
export function runningTests(): readonly TestScope[] {
  return running;
}

/**
 * The one running test, or undefined in file-level hooks. Throws when tests overlap: a container
 * made then could not be given to the right test, and one test's cleanup would remove another's.
 */
export function currentTest(): TestScope | undefined {
  if (running.length > 1) {
    throw new Error(
      `${running.length} tests run at once in this worker (${running.map((t) => `"${t.name}"`).join(", ")}): ` +
        "a container, volume or host folder made now could not be owned by one of them. Start shared " +
        "containers in beforeAll, or run these tests one at a time (runOnce is fine in concurrent tests).",
    );
  }
  return running[0];
}
