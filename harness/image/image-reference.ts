/**
 * Why a string is not an image reference Docker would accept, or undefined when it is one. Follows
 * the reference grammar the Docker CLI parses with (name[:tag][@digest]; lowercase repository path;
 * a first component with `.` or `:`, `localhost`, or upper case is a registry host), so that a typo
 * is reported by the harness in one line instead of by the daemon mid-run.
 */
export function imageReferenceProblem(ref: string): string | undefined {
  if (ref === "") return "it is empty";
  if (/\s/.test(ref)) return "it contains whitespace (give one reference)";
  if (/^sha256:[a-f0-9]{64}$/.test(ref)) return undefined; // a local image id
  const at = ref.indexOf("@");
  const nameAndTag = at === -1 ? ref : ref.slice(0, at);
  if (at !== -1 && !DIGEST.test(ref.slice(at + 1))) {
    return `the digest "${ref.slice(at + 1)}" must look like sha256:<64 hex digits>`;
  }
  const slash = nameAndTag.lastIndexOf("/");
  const colon = nameAndTag.indexOf(":", slash + 1);
  const name = colon === -1 ? nameAndTag : nameAndTag.slice(0, colon);
  if (colon !== -1) {
    const tag = nameAndTag.slice(colon + 1);
    if (!TAG.test(tag)) {
      return `the tag "${tag}" may only hold letters, digits, "_", "." and "-" (at most 128, not starting with "." or "-")`;
    }
  }
  if (name.length > 255) return `the name is ${name.length} characters long (at most 255)`;
  const components = name.split("/");
  if (components.some((c) => c === ""))
    return `"${name}" has an empty path component (a leading, trailing or double "/")`;
  const [first = ""] = components;
  const looksLikeHost = /[.:]/.test(first) || first === "localhost";
  // Docker also takes an upper-case first component for a host; users who write one mean Docker Hub.
  const hasHost = components.length > 1 && (looksLikeHost || first !== first.toLowerCase());
  if (hasHost && !HOST.test(first)) return `"${first}" is not a registry host (host or host:port)`;
  const path = hasHost ? components.slice(1) : components;
  if (path.some((c) => c !== c.toLowerCase())) {
    const shown = looksLikeHost ? path.join("/") : name;
    const lower = ref.toLowerCase();
    const hint = imageReferenceProblem(lower) === undefined ? `; did you mean ${lower}?` : "";
    return `repository names must be lowercase ("${shown}")${hint}`;
  }
  const bad = path.find((c) => !PATH_COMPONENT.test(c));
  if (bad !== undefined) {
    return `"${bad}" is not a valid name component (lowercase letters and digits, joined by ".", "_", "__" or dashes)`;
  }
  return undefined;
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::\d+)?$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
