/**
 * Turns text into index terms for one language: folded, stop-word-free, stemmed, with German
 * compounds also indexed by their parts.
 */
import { CompoundSplitter } from "./compounds.js";
import type { Language } from "./schema.js";
import { contentWords, foldGerman, stem } from "./text.js";

export class Analyzer {
  constructor(
    readonly lang: Language,
    readonly splitter: CompoundSplitter,
  ) {}

  /** Index terms for a text: each word's stem, plus the stems of its compound parts. */
  indexTerms(text: string): string[] {
    const out: string[] = [];
    for (const w of contentWords(text, this.lang)) {
      out.push(stem(w, this.lang));
      for (const part of this.parts(w)) out.push(stem(part, this.lang));
    }
    return out;
  }

  /** Compound parts of a folded word (German only; English compounds are written apart). */
  parts(word: string): string[] {
    if (this.lang !== "de") return [];
    return this.splitter.split(word) ?? [];
  }

  stem(word: string): string {
    return stem(word, this.lang);
  }
}

/** The folded words of a text that the compound splitter may use as parts. */
export function vocabularyOf(texts: Iterable<string>, lang: Language): Set<string> {
  const vocab = new Set<string>();
  for (const t of texts) for (const w of contentWords(t, lang)) if (/^\p{L}{3,}$/u.test(w)) vocab.add(w);
  return vocab;
}

/** Abbreviations that end in a full stop inside a sentence. */
const ABBREVIATION = /^(z|u|d|o|v|s|a|b|ä|bzw|ggf|ca|vgl|inkl|etc|usw|evtl|bspw|sog|Nr|Abs|Art|Ziff|Str)\.$/i;

/**
 * German nouns of the knowledge base (capitalised inside a sentence), folded. A question word
 * that is a noun we only mention in passing ("Kindergeld") names a topic we do not cover.
 */
export function nounsOf(texts: Iterable<string>, lang: Language): Set<string> {
  const nouns = new Set<string>();
  if (lang !== "de") return nouns;
  const re = /(\S+)[ \t]+(\p{Lu}\p{Ll}[\p{L}]*)/gu;
  for (const t of texts) {
    for (const m of t.matchAll(re)) {
      // After a sentence end a capital says nothing; after an abbreviation ("z. B. Kindergeld") it does.
      if ((/[.!?:*#>|]$/.test(m[1]!) && !ABBREVIATION.test(m[1]!)) || /^[-*\d]/.test(m[1]!)) continue;
      nouns.add(foldGerman(m[2]!.toLowerCase()));
    }
  }
  return nouns;
}
