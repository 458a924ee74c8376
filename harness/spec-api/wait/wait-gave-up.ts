/**
 * Thrown by a waitFor probe when the condition can no longer hold (say, the slot it waits on does not
 * exist): the wait ends at once with this error instead of polling to its deadline.
 */
export class WaitGaveUp extends Error {
  override readonly name = "WaitGaveUp";
}
