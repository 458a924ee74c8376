/** Linux's own limit on symlinks followed in one lookup (MAXSYMLINKS); past it, ELOOP. */
const MAX_SYMLINKS = 40;

/**
 * Where `path` leads inside a filesystem known only as a list of its symlinks (an exported image,
 * not the host's): every component is followed, directories included (`/bin -> usr/bin`), absolute
 * targets from that filesystem's root, relative ones from the link's folder, `..` as the kernel does
 * after the link is followed. Whether the result exists is the caller's question. Throws on a loop.
 */
export function resolveSymlinks(path: string, symlinks: ReadonlyMap<string, string>): string {
  let pending = path.split("/");
  let resolved: string[] = [];
  let followed = 0;
  for (let part = pending.shift(); part !== undefined; part = pending.shift()) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      resolved.pop();
      continue;
    }
    const target = symlinks.get(`/${[...resolved, part].join("/")}`);
    if (target === undefined) {
      resolved.push(part);
      continue;
    }
    followed += 1;
    if (followed > MAX_SYMLINKS) throw new Error(`${path}: too many levels of symbolic links`);
    if (target.startsWith("/")) resolved = [];
    pending = [...target.split("/"), ...pending];
  }
  return `/${resolved.join("/")}`;
}
