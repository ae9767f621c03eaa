/**
 * Text as features for the small learned models (text-model.ts, article-classifier.ts):
 * letter sequences of each word, so "zurückrufen", "zurueckrufen" and "zurückruft" share most of
 * theirs, plus the words and word pairs. Each feature is hashed into one of a fixed number of
 * buckets: a model is one array of weights, whatever the vocabulary.
 */
import { normalizeForeign } from "./foreign.js";
import { foldGerman } from "./text.js";

/** A message's first and last thousand characters: more than any question needs, and a bound on the work for a huge one. */
const MAX_CHARS = 2000;
const MAX_WORD = 40;

/** FNV-1a over the UTF-16 code units: the same feature lands in the same bucket on every machine. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function wordsOf(text: string): string[] {
  const t = text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS / 2)} ${text.slice(-MAX_CHARS / 2)}` : text;
  return foldGerman(normalizeForeign(t))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => w.slice(0, MAX_WORD));
}

/** Bucket → value: letter 3- to 5-grams of each word (with its edges), the words, and word pairs; L2-normalised. */
export function hashedFeatures(text: string, buckets: number): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (feature: string) => {
    const b = hash(feature) & (buckets - 1);
    counts.set(b, (counts.get(b) ?? 0) + 1);
  };
  const words = wordsOf(text);
  words.forEach((w, i) => {
    const padded = ` ${w} `;
    for (let n = 3; n <= 5; n++) for (let j = 0; j + n <= padded.length; j++) add(`c${padded.slice(j, j + n)}`);
    add(`w:${w}`);
    if (i > 0) add(`b:${words[i - 1]}_${w}`);
  });
  let norm = 0;
  for (const [b, c] of counts) {
    const v = 1 + Math.log(c);
    counts.set(b, v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [b, v] of counts) counts.set(b, v / norm);
  return counts;
}
