/**
 * A problem with the run's setup (no daemon, an image that cannot be had, a bad option).
 * Global setup reports these as one message and stops, instead of letting every spec fail alike.
 */
export class HarnessSetupError extends Error {
  override readonly name = "HarnessSetupError";
}
