/** A promise bounded in time, for the probes and starts that must not hang start-up or the tests. */

/**
 * `promise`, or a rejection with `message` once `ms` have passed. The timer
 * does not keep the process alive; the promise itself is not cancelled.
 *
 * @example
 * await withTimeout(lookup('fastdl.mongodb.org'), 1500, 'DNS lookup timed out');
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} after ${ms} ms`)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
