import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../../src/knowledge/schema.js";
import { bundledEngine } from "../helpers/engine.js";

/** Deterministic made-up words ("bodafeq", "zanifet" …), word i spelled from the digits of i. */
function madeUpWords(n: number): string[] {
  const consonants = "bdfgklmnprstvzq";
  const vowels = "aeiou";
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    let w = "";
    for (let x = i + 1000; x > 0; x = Math.floor(x / 75)) w += consonants[x % 15]! + vowels[Math.floor(x / 15) % 5]!;
    words.push(`${w}q`);
  }
  return words;
}

describe("shared index state", () => {
  it("does not grow with the words people type: 20,000 made-up words leave the caches within the vocabulary", () => {
    const engine = bundledEngine();
    const words = madeUpWords(20_000);
    // Alone, and beside a word of ours so that the candidates are scored term by term.
    for (const [i, w] of words.entries()) engine.explain(i % 2 ? w : `${w} Duldung`);
    for (const w of ["constructor", "__proto__", "toString", "hasOwnProperty"]) engine.explain(`${w} Duldung`);
    for (const lang of LANGUAGES) {
      const index = engine.indexes[lang];
      const vocabulary = index.docFreq.size;
      expect(index.fieldCredits.size).toBeLessThanOrEqual(vocabulary);
      expect(new Set(words).size).toBe(20_000);
      for (const term of index.fieldCredits.keys()) expect(index.docFreq.has(term), term).toBe(true);
    }
  }, 60_000);
});
