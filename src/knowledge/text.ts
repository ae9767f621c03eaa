/**
 * Text analysis for search: tokenising, German umlaut folding, stop words and stemming. The
 * same functions run at index and at query time, so what a user types meets what was indexed.
 */
import { createRequire } from "node:module";
import lunr from "lunr";
import type { Language } from "./schema.js";

const require = createRequire(import.meta.url);
require("lunr-languages/lunr.stemmer.support.js")(lunr);
require("lunr-languages/lunr.de.js")(lunr);

type TokenFn = (token: lunr.Token) => lunr.Token | undefined;
const lunrDe = (lunr as unknown as { de: { stemmer: TokenFn; stopWordFilter: TokenFn } }).de;

export { lunr };

/** Splits text into lower-case word tokens; keeps letters and digits, drops everything else. */
export function tokenize(text: string): string[] {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/§+/g, " § ")
    .split(/[^\p{L}\p{N}§]+/u)
    .filter((t) => t.length > 0 && t.length <= 60);
}

/**
 * Folds German spelling variants to one form: ä/ae → a, ö/oe → o, ü/ue → u, ß → ss.
 * People type "Beschaeftigung" or "Beschäftigung"; both must meet.
 */
export function foldGerman(word: string): string {
  return word
    .replace(/ä/g, "a").replace(/ö/g, "o").replace(/ü/g, "u").replace(/ß/g, "ss")
    .replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u");
}

/** Folds accents for English text (café → cafe). */
function foldAccents(word: string): string {
  return word.normalize("NFD").replace(/\p{M}+/gu, "");
}

export function fold(word: string, lang: Language): string {
  return lang === "de" ? foldGerman(word) : foldAccents(word);
}

/** Words that carry no topic in our domain's questions, on top of the standard stop words. */
const EXTRA_STOP: Record<Language, ReadonlySet<string>> = {
  de: new Set([
    "hallo", "guten", "tag", "bitte", "danke", "frage", "fragen", "ich", "wir", "mein", "meine", "unser", "unsere",
    "kann", "konnen", "darf", "durfen", "muss", "mussen", "soll", "sollte", "gibt", "gibts", "geht", "mal", "eigentlich",
    "jemand", "jemanden", "etwas", "was", "wie", "wo", "wer", "wann", "welche", "welcher", "welches", "warum", "ob",
    "nen", "ne", "n", "einen", "eine", "ein", "man", "bei", "fur", "mit", "ja", "nein", "genau", "wissen", "weiss",
    "brauche", "brauchen", "machen", "mache", "habe", "haben", "hat", "ist", "sind", "bin", "gut", "viel", "viele",
    // Stop words of Lunr's list typed without umlauts ("ueber", "waehrend") and contractions it lacks.
    "über", "während", "würde", "würden", "könnte", "dass", "beim", "ans", "übers", "fürs",
  ].map(foldGerman)),
  en: new Set([
    "hello", "hi", "please", "thanks", "thank", "question", "can", "could", "may", "must", "should", "do", "does",
    "need", "want", "know", "someone", "somebody", "get", "there", "what", "how", "who", "when", "which", "why",
    "im", "i", "we", "our", "my", "is", "are", "a", "an", "the", "it", "me",
    // What is left of contractions split at the apostrophe ("don't" → "don", "I've" → "ve").
    "don", "doesn", "didn", "isn", "aren", "wasn", "weren", "won", "wouldn", "couldn", "shouldn", "haven", "hasn", "ve", "ll", "re",
  ]),
};

/**
 * German function words that are no English words: people writing English in Germany mix them in
 * ("apprenticeship for refugee, wo fange ich an"); in the English index they would weigh as
 * unknown topics.
 */
const GERMAN_IN_ENGLISH_KEEP: ReadonlySet<string> = new Set(["war", "die", "hat", "bin", "man", "will", "hin", "weg", "so", "also", "am", "an", "in", "was", "um"]);

export function isStopWord(word: string, lang: Language): boolean {
  if (EXTRA_STOP[lang].has(word)) return true;
  const token = new lunr.Token(word, {});
  if (lang === "de") return lunrDe.stopWordFilter(token) === undefined;
  if (lunr.stopWordFilter(token) === undefined) return true;
  return !GERMAN_IN_ENGLISH_KEEP.has(word) && (EXTRA_STOP.de.has(word) || lunrDe.stopWordFilter(new lunr.Token(word, {})) === undefined);
}

const stemCache: Record<Language, Map<string, string>> = { de: new Map(), en: new Map() };

/** Stems an already folded word with the Snowball stemmer of its language. */
export function stem(word: string, lang: Language): string {
  const cache = stemCache[lang];
  let s = cache.get(word);
  if (s === undefined) {
    const token = new lunr.Token(word, {});
    s = (lang === "de" ? lunrDe.stemmer(token) : lunr.stemmer(token))?.toString() ?? word;
    if (cache.size > 200_000) cache.clear();
    cache.set(word, s);
  }
  return s;
}

/** Folded, stop-word-free words of a text, in order (not stemmed). */
export function contentWords(text: string, lang: Language): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) {
    const f = fold(t, lang);
    if (f.length < 2 && !/\d/.test(f)) continue;
    if (isStopWord(f, lang) || isStopWord(t, lang)) continue;
    out.push(f);
  }
  return out;
}
