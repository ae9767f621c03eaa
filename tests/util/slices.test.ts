import { describe, expect, it } from "vitest";
import { runInSlices, runToEnd } from "../../src/util/slices.js";

/** Busy work in steps of about `stepMs`, yielding after each. */
function* busy(steps: number, stepMs: number): Generator<void, number, undefined> {
  for (let i = 0; i < steps; i++) {
    const until = performance.now() + stepMs;
    while (performance.now() < until) { /* work */ }
    yield;
  }
  return steps;
}

describe("runToEnd", () => {
  it("returns what the steps return, without handing the thread back", async () => {
    let ticked = false;
    setImmediate(() => { ticked = true; });
    expect(runToEnd(busy(10, 5))).toBe(10);
    expect(ticked).toBe(false);
  });
});

describe("runInSlices", () => {
  it("lets callbacks waiting meanwhile run between slices, and still returns the result", async () => {
    const order: string[] = [];
    setImmediate(() => order.push("waiting callback"));
    const result = runInSlices(busy(20, 5), 10).then((r) => { order.push("done"); return r; });
    expect(await result).toBe(20);
    expect(order).toEqual(["waiting callback", "done"]);
  });

  it("passes a failing step's error on", async () => {
    function* failing(): Generator<void, number, undefined> {
      yield;
      throw new Error("step failed");
    }
    await expect(runInSlices(failing(), 0)).rejects.toThrow("step failed");
  });
});
