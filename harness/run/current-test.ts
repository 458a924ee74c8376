/**
 * The test that is running in this worker, set by the image project's setup file. Resources made
 * while a test runs belong to it (removed when it ends); those made in beforeAll belong to the file.
 */
export interface TestScope {
  file: string;
  name: string;
}

let current: TestScope | undefined;

export function setCurrentTest(scope: TestScope | undefined): void {
  current = scope;
}

export function currentTest(): TestScope | undefined {
  return current;
}
