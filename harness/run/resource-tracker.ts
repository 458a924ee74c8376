import { currentTest, type TestScope } from "./current-test.js";

export interface ExecRecord {
  at: string;
  user: string;
  rootReason?: string;
  argv: readonly string[];
  exitCode?: number;
  error?: string;
  ms: number;
}

export interface TrackedContainer {
  id: string;
  name: string;
  /** Undefined: made in beforeAll, lives until the file ends. */
  owner?: TestScope;
  execs: ExecRecord[];
}

/** What this worker created, so that failures can be explained and everything removed. */
class ResourceTracker {
  readonly containers = new Map<string, TrackedContainer>();
  readonly volumes = new Map<string, TestScope | undefined>();
  readonly hostDirs = new Map<string, TestScope | undefined>();

  addContainer(id: string, name: string): TrackedContainer {
    const tracked: TrackedContainer = { id, name, owner: currentTest(), execs: [] };
    this.containers.set(id, tracked);
    return tracked;
  }

  addVolume(name: string): void {
    this.volumes.set(name, currentTest());
  }

  addHostDir(path: string): void {
    this.hostDirs.set(path, currentTest());
  }

  /** Containers a failing test should explain: its own and the file-wide ones. */
  containersFor(test: TestScope): TrackedContainer[] {
    return [...this.containers.values()].filter((c) => !c.owner || sameTest(c.owner, test));
  }

  ownedBy(test: TestScope | undefined): { containers: string[]; volumes: string[]; hostDirs: string[] } {
    const owned = (owner: TestScope | undefined) =>
      test === undefined ? true : owner !== undefined && sameTest(owner, test);
    return {
      containers: [...this.containers.values()].filter((c) => owned(c.owner)).map((c) => c.id),
      volumes: [...this.volumes].filter(([, owner]) => owned(owner)).map(([name]) => name),
      hostDirs: [...this.hostDirs].filter(([, owner]) => owned(owner)).map(([path]) => path),
    };
  }

  forget(ids: { containers?: string[]; volumes?: string[]; hostDirs?: string[] }): void {
    for (const id of ids.containers ?? []) this.containers.delete(id);
    for (const name of ids.volumes ?? []) this.volumes.delete(name);
    for (const path of ids.hostDirs ?? []) this.hostDirs.delete(path);
  }
}

function sameTest(a: TestScope, b: TestScope): boolean {
  return a.file === b.file && a.name === b.name;
}

export const tracker = new ResourceTracker();
