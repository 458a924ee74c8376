// Low in the layers: docker/, image/ and exec/ race their calls against a deadline with it.
/** `promise`, or a rejection with `message` (made when the time is up) if it takes longer than `ms`. */
export function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  message: string | (() => string),
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(typeof message === "string" ? message : message())), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
