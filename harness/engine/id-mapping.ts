/**
 * How a rootless engine's user namespace maps IDs: container 0 is the engine's own user, container
 * 1..count are the user's subordinate range (/etc/subuid, /etc/subgid). A host file meant to look
 * owned by container UID N must be owned by the host ID this gives; under a rootful engine they are
 * the same. Host IDs outside the mapping look like 65534 (nobody) inside.
 */
export interface IdRange {
  start: number;
  count: number;
}

export interface IdMapping {
  /** The engine user's own IDs (container 0). */
  uid: number;
  gid: number;
  subuid?: IdRange;
  subgid?: IdRange;
}

/** The first `name:start:count` range of /etc/subuid or /etc/subgid text for `user` (name or UID). */
export function subordinateRange(text: string, user: string, uid: number): IdRange | undefined {
  for (const line of text.split("\n")) {
    const [owner, start, count] = line.trim().split(":");
    if ((owner === user || owner === String(uid)) && start && count) {
      return { start: Number(start), count: Number(count) };
    }
  }
  return undefined;
}

/** The host ID that shows as `id` inside; an ID outside the mapping throws, naming it. */
export function hostIdOf(id: number, own: number, range: IdRange | undefined, kind: "UID" | "GID"): number {
  if (id === 0) return own;
  if (range && id >= 1 && id <= range.count) return range.start + id - 1;
  throw new Error(
    `container ${kind} ${id} is outside the rootless engine's mapping (${range ? `1..${range.count}` : "no subordinate range"})`,
  );
}
