/**
 * The README's "Layout" section is drawn from the tree by hand; these rules keep it true: every path
 * the README names exists, and every folder of the parts listed is named in the section (a folder
 * `harness/X/Y/` may be named as `Y/` in the bullet of `harness/X/`).
 */
const REPO_PATH = /`((?:harness|tools|specs|fixtures|scripts|docs|bin|\.ci|\.github)\/[^`\s]*)`/g;

export function namedPaths(markdown: string): string[] {
  return [...markdown.matchAll(REPO_PATH)]
    .map((m) => (m[1] ?? "").replace(/[:,.]$/, ""))
    .filter((path) => !/[*<>{]/.test(path));
}

/** The section under `## Layout`, up to the next `## ` heading. */
export function layoutSection(markdown: string): string {
  const start = markdown.indexOf("\n## Layout\n");
  if (start === -1) return "";
  const next = markdown.indexOf("\n## ", start + 1);
  return markdown.slice(start, next === -1 ? undefined : next);
}

/** A bullet with its continuation lines, for every `- ` at any indent. */
function bullets(section: string): string[] {
  const out: string[] = [];
  for (const line of section.split("\n")) {
    if (/^\s*- /.test(line)) out.push(line);
    else if (out.length > 0 && line.trim() !== "") out[out.length - 1] += ` ${line.trim()}`;
  }
  return out;
}

/**
 * Problems, each one line: paths named but missing, and folders (given as `a/b/`, depth one or two
 * below a part root such as `harness/`) that the section does not name.
 */
export function layoutProblems(
  markdown: string,
  folders: readonly string[],
  exists: (path: string) => boolean,
): string[] {
  const problems = namedPaths(markdown)
    .filter((path) => !exists(path))
    .map((path) => `README names \`${path}\`, which does not exist`);
  const section = layoutSection(markdown);
  if (section === "") return [...problems, "README has no '## Layout' section"];
  const items = bullets(section);
  for (const folder of folders) {
    if (section.includes(`\`${folder}\``)) continue;
    const parts = folder.replace(/\/$/, "").split("/");
    const parent = `${parts.slice(0, -1).join("/")}/`;
    const own = `\`${parts.at(-1)}/\``;
    const named =
      parts.length > 2 && items.some((item) => item.includes(`\`${parent}\``) && item.includes(own));
    if (!named) problems.push(`README's Layout does not name \`${folder}\``);
  }
  return problems;
}
