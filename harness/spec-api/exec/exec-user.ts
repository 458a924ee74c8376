/**
 * Who a `docker exec` runs as. The project's first principle: hermes by default, because code that
 * works as root is often inert for the real user. Root is possible only with a reason, which the
 * type system demands and the diagnostics record.
 */
export interface AsHermes {
  /** Default. A numeric uid (not 0) is allowed for remap tests ("the old uid can no longer ..."). */
  user?: "hermes" | number;
  root?: never;
}
export interface AsRoot {
  root: { reason: string };
  user?: never;
}
export type ExecUser = AsHermes | AsRoot;

export interface ResolvedUser {
  /** The value for docker exec's user field. */
  user: string;
  /** Present for root runs: shown in diagnostics next to the command. */
  rootReason?: string;
}

/** Turns the options into docker's user string, refusing root without a real reason. */
export function resolveExecUser(options: ExecUser = {}): ResolvedUser {
  if ("root" in options && options.root !== undefined) {
    const reason = options.root.reason?.trim() ?? "";
    if (reason.length < 8) {
      throw new Error(`exec as root needs a reason that says why hermes cannot do it (got "${reason}")`);
    }
    return { user: "root", rootReason: reason };
  }
  const user = options.user ?? "hermes";
  // Callers in plain JavaScript (or with casts) can still pass these; refuse them at run time too.
  const asText = String(user);
  if (asText === "0" || asText === "root" || asText.startsWith("0:") || asText.startsWith("root:")) {
    throw new Error('exec as uid 0 must use { root: { reason: "..." } }, so the reason is recorded');
  }
  if (typeof user === "number" && (!Number.isInteger(user) || user < 0)) {
    throw new Error(`exec user must be "hermes" or a positive uid, got ${user}`);
  }
  return { user: String(user) };
}
