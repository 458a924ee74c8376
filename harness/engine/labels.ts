/**
 * Every container, volume and network the harness creates carries these labels, so that
 * cleanup can find exactly what this run (or a dead earlier run) made and nothing else.
 */
export const LABEL_MANAGED = "org.hermes-harness.managed";
export const LABEL_RUN_ID = "org.hermes-harness.run-id";
export const LABEL_OWNER_PID = "org.hermes-harness.owner-pid";
export const LABEL_OWNER_HOST = "org.hermes-harness.owner-host";
/** Images the harness builds as a cache (reference, regression, checkout); kept across runs. */
export const LABEL_IMAGE_KIND = "org.hermes-harness.image-kind";
export const LABEL_CONTENT_HASH = "org.hermes-harness.content-hash";
/** Which checkout (host and folder) built a cache image: its own superseded builds are pruned at once. */
export const LABEL_CHECKOUT = "org.hermes-harness.checkout";
/**
 * Set by Dockerfile.test on the reference image, so every image built FROM it (a regression, a
 * derived wrapper) inherits it: the image descends from the reference, not from upstream.
 */
export const LABEL_LINEAGE = "org.hermes-harness.lineage";

export interface RunIdentity {
  runId: string;
  ownerPid: number;
  ownerHost: string;
}

export function runLabels(run: RunIdentity): Record<string, string> {
  return {
    [LABEL_MANAGED]: "true",
    [LABEL_RUN_ID]: run.runId,
    [LABEL_OWNER_PID]: String(run.ownerPid),
    [LABEL_OWNER_HOST]: run.ownerHost,
  };
}
