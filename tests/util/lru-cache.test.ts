/** The one bounded cache: what it keeps, what it forgets first, and that it never grows past its bound. */
import { describe, expect, it } from "vitest";
import { LruCache } from "../../src/util/lru-cache.js";

function keys<K, V>(cache: LruCache<K, V>, candidates: K[]): K[] {
  return candidates.filter((k) => cache.has(k));
}

describe("LruCache", () => {
  it("returns what was stored and undefined for what was not", () => {
    const cache = new LruCache<string, number>(3);
    cache.set("a", 1).set("b", 2);
    expect(cache.get("a")).toBe(1);
    expect(cache.get("b")).toBe(2);
    expect(cache.get("c")).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it("evicts the least recently stored entry first when full", () => {
    const cache = new LruCache<string, number>(3);
    cache.set("a", 1).set("b", 2).set("c", 3).set("d", 4);
    expect(keys(cache, ["a", "b", "c", "d"])).toEqual(["b", "c", "d"]);
    cache.set("e", 5);
    expect(keys(cache, ["a", "b", "c", "d", "e"])).toEqual(["c", "d", "e"]);
  });

  it("get refreshes recency, has does not", () => {
    const cache = new LruCache<string, number>(3);
    cache.set("a", 1).set("b", 2).set("c", 3);
    expect(cache.get("a")).toBe(1);
    expect(cache.has("b")).toBe(true);
    cache.set("d", 4);
    // "b" was only checked, not used: it goes; "a" was read and stays.
    expect(keys(cache, ["a", "b", "c", "d"])).toEqual(["a", "c", "d"]);
  });

  it("overwriting a key refreshes it and does not evict another", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1).set("b", 2).set("a", 10);
    expect(cache.size).toBe(2);
    cache.set("c", 3);
    expect(cache.get("a")).toBe(10);
    expect(cache.has("b")).toBe(false);
  });

  it("keeps falsy values (undefined excepted) as real entries", () => {
    const cache = new LruCache<string, number | null | string>(3);
    cache.set("zero", 0).set("null", null).set("empty", "");
    expect(cache.get("zero")).toBe(0);
    expect(cache.get("null")).toBeNull();
    expect(cache.get("empty")).toBe("");
  });

  it("never holds more than its bound, however many keys come", () => {
    const cache = new LruCache<number, number>(100);
    for (let i = 0; i < 10_000; i++) cache.set(i, i);
    expect(cache.size).toBe(100);
    expect(cache.has(9_899)).toBe(false);
    expect(cache.get(9_900)).toBe(9_900);
    expect(cache.get(9_999)).toBe(9_999);
  });

  it("a bound of one keeps only the last entry", () => {
    const cache = new LruCache<string, number>(1);
    cache.set("a", 1).set("b", 2);
    expect(cache.size).toBe(1);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBe(2);
  });

  it("rejects a bound that is not a positive integer", () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new LruCache(bad)).toThrow(RangeError);
    }
  });

  it("delete removes one entry and frees its place; clear removes all", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1).set("b", 2);
    expect(cache.delete("a")).toBe(true);
    expect(cache.delete("a")).toBe(false);
    expect(cache.size).toBe(1);
    cache.set("c", 3);
    // The freed place is used: nothing was evicted.
    expect(cache.get("b")).toBe(2);
    expect(cache.get("c")).toBe(3);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get("b")).toBeUndefined();
  });
});
