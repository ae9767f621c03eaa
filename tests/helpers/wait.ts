/** Waiting for something a test expects to happen, instead of sleeping a fixed time and hoping. */

export interface WaitOptions {
  /** Give up after this many ms (default 5000). */
  timeout?: number;
  /** Time between checks in ms (default 10). */
  interval?: number;
  /** Says what was awaited, in the error on timeout. */
  message?: string;
}

/**
 * Checks `condition` until it returns something other than false/undefined/null (a value, or
 * true) and returns that; a throw counts as "not yet" and its message ends up in the timeout error.
 */
export async function waitFor<T>(condition: () => T | Promise<T>, options: WaitOptions = {}): Promise<Exclude<T, false | null | undefined>> {
  const { timeout = 5000, interval = 10, message = "condition" } = options;
  const until = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value !== false && value !== undefined && value !== null) return value as Exclude<T, false | null | undefined>;
      last = undefined;
    } catch (err) {
      last = err;
    }
    if (Date.now() >= until) {
      const why = last instanceof Error ? `: ${last.message}` : "";
      throw new Error(`${message} not met within ${timeout} ms${why}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}
