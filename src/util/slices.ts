/**
 * Long computations written as generators that yield between steps, so the same code can run
 * in one go (a worker thread, a CLI) or in slices on the server's thread, which then still
 * answers the questions and requests that arrive meanwhile.
 */
import { setImmediate as nextTurn } from "node:timers/promises";

/** Runs the steps to their end without pausing. */
export function runToEnd<T>(steps: Generator<unknown, T, undefined>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Runs the steps, handing the event loop back after at most `sliceMs` of work (measured at the
 * steps' own yields: one step is never cut).
 */
export async function runInSlices<T>(steps: Generator<unknown, T, undefined>, sliceMs = 25): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
