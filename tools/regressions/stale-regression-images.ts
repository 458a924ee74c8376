/** A regression image as the daemon lists it. */
export interface RegressionImageSummary {
  id: string;
  tags: string[];
  /** Seconds since the epoch. */
  created: number;
  /** The checkout that built it (LABEL_CHECKOUT); undefined for images built before that label. */
  checkout: string | undefined;
}

export interface PruneScope {
  /** This checkout's id. */
  checkout: string;
  /** Tags in use now: never pruned. */
  keep: ReadonlySet<string>;
  /** The regressions this prune is about. */
  names: ReadonlySet<string>;
  /**
   * The whole catalogue, when orphans should go too: this checkout's images of names not in it
   * (renamed or removed regressions).
   */
  catalogue?: ReadonlySet<string>;
  /** Seconds since the epoch. */
  now: number;
}

/**
 * Another checkout on the same daemon may still be testing an image of an older edit; its builds are
 * left alone this long. This checkout's own superseded builds go at once.
 */
export const FOREIGN_GRACE_SECONDS = 60 * 60;
const TAG = /^hermes-harness\/regression:(.+)-[0-9a-f]{12}$/;

/** The ids of the regression images to remove (the daemon still refuses any a container uses). */
export function staleRegressionImages(
  images: readonly RegressionImageSummary[],
  scope: PruneScope,
): string[] {
  return images
    .filter((image) => {
      const tags = image.tags.filter((tag) => tag !== "<none>:<none>");
      if (tags.some((tag) => scope.keep.has(tag))) return false;
      const names = tags.map((tag) => TAG.exec(tag)?.[1]);
      // A tag outside the regression scheme was put there by someone else: not ours to remove.
      if (names.some((name) => name === undefined)) return false;
      // Untagged: possibly another job's build between its commit and its tag (the check builds
      // several at once). Only the closing prune, after every build, takes this checkout's.
      if (names.length === 0) return image.checkout === scope.checkout && scope.catalogue !== undefined;
      const inScope = names.some((name) => name !== undefined && scope.names.has(name));
      const orphan =
        scope.catalogue !== undefined &&
        names.every((name) => name !== undefined && !scope.catalogue?.has(name));
      if (image.checkout === scope.checkout) return inScope || orphan;
      return inScope && image.created < scope.now - FOREIGN_GRACE_SECONDS;
    })
    .map((image) => image.id);
}
