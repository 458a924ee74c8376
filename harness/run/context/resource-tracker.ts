import { currentTest, runningTests, type TestScope } from "./current-test.js";

export interface ExecRecord {
  at: string;
  user: string;
  rootReason?: string;
  argv: readonly string[];
  exitCode?: number;
  error?: string;
  ms: number;
  /** The tests running when it was made; empty in file-level hooks (beforeAll, afterAll). */
  tests: TestScope[];
}

export interface TrackedContainer {
  id: string;
  name: string;
  /** Undefined: made in beforeAll, lives until the file ends. */
  owner?: TestScope;
  execs: ExecRecord[];
  /** Tests that exec'd into it, read its logs or state, restarted, stopped it or called its port. */
  usedBy: TestScope[];
}

type Owned = Record<"containers" | "volumes" | "hostDirs" | "images", string[]>;

/** What this worker created, so that failures can be explained and everything removed. */
export class ResourceTracker {
  readonly containers = new Map<string, TrackedContainer>();
  readonly volumes = new Map<string, TestScope | undefined>();
  readonly hostDirs = new Map<string, TestScope | undefined>();
  /** Images built at test time (derived from the image under test), by tag. */
  readonly images = new Map<string, TestScope | undefined>();

  addContainer(id: string, name: string): TrackedContainer {
    const tracked: TrackedContainer = { id, name, owner: currentTest(), execs: [], usedBy: [] };
    this.containers.set(id, tracked);
    return tracked;
  }

  addVolume(name: string): void {
    this.volumes.set(name, currentTest());
  }

  addHostDir(path: string): void {
    this.hostDirs.set(path, currentTest());
  }

  addImage(tag: string): void {
    this.images.set(tag, currentTest());
  }

  /** Records that the running test(s) used a container (all of them under `describe.concurrent`). */
  markUsed(tracked: TrackedContainer): void {
    for (const test of runningTests()) {
      if (!tracked.usedBy.some((user) => sameTest(user, test))) tracked.usedBy.push(test);
    }
  }

  /**
   * Containers a failing test should explain: its own, and the file-wide ones (beforeAll) it used,
   * each with the execs of that test and of the file-level hooks that set it up, not other tests'.
   */
  containersFor(test: TestScope): TrackedContainer[] {
    return [...this.containers.values()]
      .filter((c) => (c.owner ? sameTest(c.owner, test) : c.usedBy.some((user) => sameTest(user, test))))
      .map((c) => ({
        ...c,
        execs: c.execs.filter((e) => e.tests.length === 0 || e.tests.some((t) => sameTest(t, test))),
      }));
  }

  ownedBy(test: TestScope | undefined): Owned {
    const owned = (owner: TestScope | undefined) =>
      test === undefined ? true : owner !== undefined && sameTest(owner, test);
    return {
      containers: [...this.containers.values()].filter((c) => owned(c.owner)).map((c) => c.id),
      volumes: [...this.volumes].filter(([, owner]) => owned(owner)).map(([name]) => name),
      hostDirs: [...this.hostDirs].filter(([, owner]) => owned(owner)).map(([path]) => path),
      images: [...this.images].filter(([, owner]) => owned(owner)).map(([tag]) => tag),
    };
  }

  forget(ids: Partial<Owned>): void {
    for (const id of ids.containers ?? []) this.containers.delete(id);
    for (const name of ids.volumes ?? []) this.volumes.delete(name);
    for (const path of ids.hostDirs ?? []) this.hostDirs.delete(path);
    for (const tag of ids.images ?? []) this.images.delete(tag);
  }
}

function sameTest(a: TestScope, b: TestScope): boolean {
  return a.file === b.file && a.name === b.name;
}

export const tracker = new ResourceTracker();
