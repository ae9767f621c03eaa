/**
 * German compound splitting against the knowledge base's own vocabulary: "Arbeitserlaubnis" →
 * arbeit + erlaubnis when both words occur in the articles. No fixed word list to maintain —
 * new articles teach the splitter new words.
 */

/** Linking elements (Fugenelemente) that may sit between two parts of a compound. */
const LINKS = ["", "s", "es", "n", "en", "e", "er"];
const MIN_WORD = 7;
const MIN_PART = 4;
const MIN_HEAD = 3;

export class CompoundSplitter {
  private readonly vocab: ReadonlySet<string>;
  private readonly cache = new Map<string, string[] | null>();

  /** @param vocabulary folded, lower-case words that count as known parts (no stop words). */
  constructor(vocabulary: Iterable<string>) {
    const v = new Set<string>();
    for (const w of vocabulary) if (w.length >= MIN_HEAD && /^\p{L}+$/u.test(w)) v.add(w);
    this.vocab = v;
  }

  get size(): number {
    return this.vocab.size;
  }

  vocabulary(): IterableIterator<string> {
    return this.vocab.values();
  }

  has(word: string): boolean {
    return this.vocab.has(word);
  }

  /**
   * The parts of a compound, or null when the word is not one. Prefers the split with the
   * fewest parts, then the longest last part (the head carries the meaning in German).
   */
  split(word: string): string[] | null {
    if (word.length < MIN_WORD || !/^\p{L}+$/u.test(word)) return null;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const result = this.bestSplit(word);
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }

  private bestSplit(word: string): string[] | null {
    const n = word.length;
    // best[i]: best segmentation of word[i..] into known parts (null = impossible).
    const best: (string[] | null)[] = new Array(n + 1).fill(null);
    best[n] = [];
    for (let i = n - 1; i >= 0; i--) {
      let choice: string[] | null = null;
      for (let j = n; j - i >= MIN_HEAD; j--) {
        const part = word.slice(i, j);
        const isLast = j === n;
        if (!isLast && part.length < MIN_PART) continue;
        if (!this.vocab.has(part)) continue;
        for (const link of isLast ? [""] : LINKS) {
          if (!word.startsWith(link, j)) continue;
          const rest = best[j + link.length];
          if (rest === null || rest === undefined) continue;
          if (j + link.length === n && link !== "") continue;
          const candidate = [part, ...rest];
          if (choice === null || better(candidate, choice)) choice = candidate;
        }
      }
      best[i] = choice;
    }
    const parts = best[0];
    return parts && parts.length >= 2 ? parts : null;
  }
}

function better(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return a.length < b.length;
  return a[a.length - 1]!.length > b[b.length - 1]!.length;
}
