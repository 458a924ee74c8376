import { HarnessSetupError } from "../../harness-setup-error.js";

/**
 * How much longer the image's own work (a boot, a restart, a docker exec) may take on this run:
 * under emulation every process start costs several times more (qemu-user measured 3-4x here), so
 * deadlines about the image stretch by a factor, never by hand-raised numbers in specs; what a test
 * asserts stays as strict. HERMES_DEADLINE_SCALE declares it outright (a slow host, a native ARM box).
 */
export const EMULATION_DEADLINE_SCALE = 4;

export function deadlineScale(env: Record<string, string | undefined>, emulated: boolean): number {
  const declared = env.HERMES_DEADLINE_SCALE?.trim();
  if (!declared) return emulated ? EMULATION_DEADLINE_SCALE : 1;
  const scale = Number(declared);
  if (!Number.isFinite(scale) || scale < 1 || scale > 20)
    throw new HarnessSetupError(
      `HERMES_DEADLINE_SCALE=${declared}: give a number from 1 to 20 (default 1, ${EMULATION_DEADLINE_SCALE} under emulation)`,
    );
  return scale;
}

/** Node's name for this host's architecture, in OCI terms (vitest's config has no engine to ask). */
export function hostArchitecture(arch: string = process.arch): string {
  return arch === "x64" ? "amd64" : arch === "ia32" ? "386" : arch;
}

let current = 1;

/** Set once per process from the run context (setRunContext). */
export function setDeadlineScale(scale: number): void {
  current = scale;
}

/** `ms`, stretched by the run's deadline scale: for deadlines about the image, not for what is asserted. */
export function imageDeadline(ms: number): number {
  return ms * current;
}
