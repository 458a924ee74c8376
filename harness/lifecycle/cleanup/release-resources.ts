import { removeContainer, removeImage, removeVolume } from "../../engine/remove-owned.js";
import type { TestScope } from "../../run/context/current-test.js";
import { tracker } from "../../run/context/resource-tracker.js";
import { runContext } from "../../run/context/run-context.js";
import { removeHostDir } from "../../spec-api/container/data-volumes.js";

/** Removes what a test (or, with `undefined`, the whole file) created, in dependency order. */
export async function releaseResources(scope: TestScope | undefined): Promise<void> {
  const run = runContext();
  const owned = tracker.ownedBy(scope);
  await Promise.all(owned.containers.map((id) => removeContainer(id, run.runId)));
  await Promise.all(owned.volumes.map((name) => removeVolume(name, run.runId)));
  await Promise.all(owned.hostDirs.map((path) => removeHostDir(path, run, run.image)));
  // Last: a derived image is in use until its containers are gone.
  await Promise.all(owned.images.map((tag) => removeImage(tag, run.runId)));
  tracker.forget(owned);
}
