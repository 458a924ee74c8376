/**
 * The digest reference (`repo@sha256:...`) that a tag resolved to, picked from the image's
 * RepoDigests: the one of the tag's own repository (an image can carry digests of several).
 * Docker Hub's implicit parts (`docker.io/`, `library/`) are ignored when comparing.
 */
export function pinnedReference(tag: string, repoDigests: readonly string[]): string {
  if (tag.includes("@")) return tag;
  const repository = normalise(repositoryOf(tag));
  const match = repoDigests.find((digest) => normalise(digest.split("@")[0] ?? "") === repository);
  if (!match) {
    throw new Error(
      `${tag} has no digest of its repository ${repositoryOf(tag)} (RepoDigests: ${repoDigests.join(", ") || "none"}): ` +
        "an image that was never pushed or pulled has none",
    );
  }
  return match;
}

/** `host:5000/a/b:tag` -> `host:5000/a/b`: a colon after the last slash starts the tag. */
export function repositoryOf(tag: string): string {
  const slash = tag.lastIndexOf("/");
  const colon = tag.indexOf(":", slash + 1);
  return colon === -1 ? tag : tag.slice(0, colon);
}

function normalise(repository: string): string {
  return repository.replace(/^(?:docker\.io|index\.docker\.io)\//, "").replace(/^library\//, "");
}
