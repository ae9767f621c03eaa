/**
 * Turns a user's question into weighted concepts for one language index: each content word
 * becomes a concept whose tokens are its stem, its compound parts, typo corrections and
 * declared synonyms. Never passes user text to Lunr's query parser (it throws on `: ~ ^ * + -`).
 */
import type { Concept, TokenKind } from "./concept.js";
import type { LanguageIndex } from "./search-index.js";
import { contentWords, fold, foldGerman, tokenize } from "./text.js";
import type { Language } from "./schema.js";
import { boundedEditDistance, letterMask } from "./edit-distance.js";
import { isGenericWord, settingHead } from "./generic-words.js";

export type { Concept, QueryToken, TokenKind } from "./concept.js";

/** Weight of an everyday word ("heute", "finden") when judging coverage. */
const GENERIC_WEIGHT = 0.1;
const COMPOUND_PART_CAP = 0.75;
/**
 * Share of the articles whose curated fields contain a word that makes it a word of the whole
 * domain. Off (above 1): at 0.4 it cost top-1 accuracy on the dev set.
 */
const DOMAIN_SHARE = 2;
const DOMAIN_WEIGHT = 0.3;
const ANSWER_ONLY_WEIGHT = 0.5;
const UNKNOWN_WEIGHT = 1;
/** A matched multi-word synonym ("3+2-Regelung") is a topic even if its words are not. */
const PHRASE_WEIGHT = 0.8;

export interface SynonymTable {
  /** Each group as a list of terms, each term as its stem sequence. */
  groups: string[][][];
}

const CREDIT: Record<TokenKind, number> = { exact: 1, synonym: 0.85, fuzzy: 0.8, part: 1 };
const MAX_CONCEPTS = 40;

export function buildSynonymTable(groups: string[][], index: LanguageIndex): SynonymTable {
  return {
    groups: groups.map((g) => g.map((term) => contentWords(term, index.lang).map((w) => index.analyzer.stem(w))).filter((t) => t.length > 0)),
  };
}

/**
 * Fragments of search-engine, SQL or script syntax ("title:*", "^10", "~2", "DROP TABLE",
 * "<script>") in what should be a question: each counts as a word we cannot cover.
 */
const QUERY_SYNTAX = /\p{L}+:\S|\*|\^\d|~\d|\bAND\b|\bOR\b|\bNOT\b|--|\|\||&&|';/gu;
const INJECTION = /<\/?\s*script|\b(?:select|drop|insert|delete|union|update)\s+(?:\*|table|from|into|all|set)\b/giu;

/** Prefixes of German separable verbs that end a clause: "wie stelle ich ihn ein" → "einstelle". */
const SEPARABLE_PREFIXES: ReadonlySet<string> = new Set(["ab", "an", "auf", "aus", "bei", "ein", "fest", "mit", "nach", "vor", "weg", "zu", "zurück", "zuruck", "weiter", "dazu", "hinzu"]);

/**
 * Joins a German separable verb with its prefix at the end of the clause ("stelle … ein",
 * "melde … an"), when the joined verb is a word of the index; the prefix alone is a stop word
 * and would be lost, and the bare verb ("stellen") means something else.
 */
export function joinSeparableVerbs(question: string, index: LanguageIndex): string {
  if (index.lang !== "de") return question;
  return question
    .split(/([,.;:!?\n]+)/)
    .map((clause) => {
      const tokens = tokenize(clause);
      const prefix = tokens[tokens.length - 1];
      if (tokens.length < 3 || !prefix || !SEPARABLE_PREFIXES.has(prefix)) return clause;
      for (let i = 0; i < Math.min(tokens.length - 1, 4); i++) {
        const joined = foldGerman(prefix + tokens[i]!);
        if (index.docFreq.has(index.analyzer.stem(joined))) {
          return [...tokens.slice(0, i), prefix + tokens[i]!, ...tokens.slice(i + 1, -1)].join(" ");
        }
      }
      return clause;
    })
    .join("");
}

/**
 * Joins a German compound written apart or hyphenated ("Übungsleiter Freibetrag",
 * "Beschäftigungs-Duldung") when the joined word is one of the index: as two words each part
 * competes with every article that uses it alone, as one it is the topic it names.
 */
export function joinSplitCompounds(question: string, index: LanguageIndex): string {
  if (index.lang !== "de") return question;
  const tokens = tokenize(question);
  const out: string[] = [];
  let joined = false;
  for (let i = 0; i < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1];
    if (b && a.length >= 4 && b.length >= 4 && /^\p{L}+$/u.test(a + b)) {
      const stem = index.analyzer.stem(foldGerman(a + b));
      if (index.docFreq.has(stem)) {
        out.push(a + b);
        joined = true;
        i++;
        continue;
      }
    }
    out.push(a);
  }
  return joined ? out.join(" ") : question;
}

export function analyzeQuery(question: string, index: LanguageIndex, synonyms: SynonymTable): Concept[] {
  const noise = (question.match(QUERY_SYNTAX) ?? []).length + (question.match(INJECTION) ?? []).length;
  const words = contentWords(joinSplitCompounds(joinSeparableVerbs(question, index), index), index.lang).slice(0, MAX_CONCEPTS);
  const stems = words.map((w) => index.analyzer.stem(w));
  const concepts: Concept[] = words.map((word, i) => conceptFor(word, stems[i]!, index));

  // Synonyms: a group matches when one of its terms appears as a stem sequence in the question.
  for (const group of synonyms.groups) {
    for (const term of group) {
      const at = findSequence(stems, term);
      if (at < 0) continue;
      const concept = concepts[at]!;
      for (const other of group) {
        if (other === term) continue;
        // A multi-word synonym counts only as a whole: "ukrainische Geflüchtete" must not make
        // every question about "Geflüchtete" look like one about Ukrainians.
        if (other.length === 1) addToken(concept, other[0]!, "synonym", index);
        else for (const s of other) addToken(concept, s, "part", index, CREDIT.synonym / other.length);
      }
      // The remaining words of a multi-word match are covered by the same concept.
      for (let k = 1; k < term.length; k++) concepts[at + k]!.weight = 0;
      if (term.length > 1) concept.phrase = true;
      break;
    }
  }

  // Setting words (generic-words.ts), and in English the word before one unless an article is
  // about it ("kebab shop", "bus drivers"; not "nursing home").
  const setting = new Set<Concept>();
  const curated = (term: string) => index.strongDocFreq.has(term);
  concepts.forEach((c, i) => {
    const head = settingHead(c.word, index.lang);
    if (!head) return;
    // A compound whose other part an article is about is a topic: "Pflegehelfer" (nursing).
    const headStem = index.analyzer.stem(head);
    if (c.tokens.some((t) => t.kind === "part" && t.term !== headStem && curated(t.term))) return;
    setting.add(c);
    const before = concepts[i - 1];
    if (index.lang === "en" && before && !before.tokens.some((t) => curated(t.term))) setting.add(before);
  });
  // A name after a form of address ("Frau Haddad", "Mr Ahmadi") is a person, not a topic.
  const names = namesIn(question, index.lang);
  for (const c of concepts) {
    c.known = c.tokens.some((t) => index.docFreq.has(t.term));
    const strongDfs = c.tokens.map((t) => index.strongDocFreq.get(t.term) ?? 0).filter((d) => d > 0);
    // Domain IDF over the curated fields: "Duldung" in a question says more than "einstellen",
    // which half the articles are about.
    const idf = strongDfs.length > 0 ? Math.log(1 + index.docCount / Math.max(...strongDfs)) / Math.log(1 + index.docCount) : 0;
    if (c.weight === 0) continue;
    if (c.phrase) c.weight = Math.max(PHRASE_WEIGHT, 0.3 + idf);
    // Where or as what someone works ("Lagerarbeiter", "bicycle shop"): the setting, not the topic.
    // A German compound the knowledge base mentions itself ("Pflegefachkraft", for the recognition
    // of nursing) keeps its weight; the English list names no trade it is about.
    // Example questions do not count: they tell stories set in a trade ("Ich habe eine Schreinerei …").
    else if (setting.has(c) && (index.lang === "en" || !c.tokens.some((t) => t.kind !== "part" && inArticleText(index, t.term)))) c.weight = GENERIC_WEIGHT;
    else if (isGenericWord(c.word, index.lang) || /^\d+$/.test(c.word) || (names.has(c.word) && !c.known)) c.weight = GENERIC_WEIGHT;
    // A compound we never saw ("Handyvertrag") is a topic of its own, whatever its parts.
    else if (c.compoundUnknown) c.weight = Math.max(UNKNOWN_WEIGHT, 0.3 + idf);
    // A word in a large share of the curated fields ("Geflüchtete" in a knowledge base about
    // refugees) names the domain, not a topic: it must not outweigh "Duldung".
    else if (strongDfs.length > 0 && Math.max(...strongDfs) >= DOMAIN_SHARE * index.docCount) c.weight = DOMAIN_WEIGHT;
    else if (strongDfs.length > 0) c.weight = 0.3 + idf;
    // A noun we only mention in passing ("Kindergeld") names a topic we do not cover; other
    // words found only in answer texts are ordinary language.
    else if (c.known) c.weight = index.nouns.has(c.word) ? UNKNOWN_WEIGHT : ANSWER_ONLY_WEIGHT;
    // Unknown to the knowledge base: likely a topic we do not cover.
    else c.weight = UNKNOWN_WEIGHT;
  }
  // Query syntax counts as words we cannot cover: such input is not a question for us.
  for (let i = 0; i < Math.min(noise, 5); i++) {
    concepts.push({ word: "", weight: UNKNOWN_WEIGHT, tokens: [], known: false, phrase: false, compoundUnknown: false });
  }
  return concepts.filter((c) => c.weight > 0);
}

const ADDRESS = new Set(["frau", "herr", "herrn", "mr", "mrs", "ms", "miss", "dr"]);

/** Folded words that follow a form of address. */
function namesIn(question: string, lang: Language): Set<string> {
  const tokens = tokenize(question);
  const names = new Set<string>();
  for (let i = 1; i < tokens.length; i++) if (ADDRESS.has(tokens[i - 1]!)) names.add(fold(tokens[i]!, lang));
  return names;
}

function conceptFor(word: string, stemmed: string, index: LanguageIndex): Concept {
  const concept: Concept = { word, weight: 1, tokens: [], known: false, phrase: false, compoundUnknown: false };
  if (index.docFreq.has(stemmed)) {
    addToken(concept, stemmed, "exact", index);
  } else {
    concept.tokens.push({ term: stemmed, kind: "exact", credit: 1 });
  }
  // German plurals in -s the stemmer keeps ("Azubis", "Minijobs", "Kitas"): the singular is meant.
  if (index.lang === "de" && word.length > 4 && word.endsWith("s") && !word.endsWith("ss")) {
    addToken(concept, index.analyzer.stem(word.slice(0, -1)), "exact", index);
  }
  const parts = index.analyzer.parts(word);
  if (parts.length > 0) {
    // A compound we never saw may mean something else than its parts ("Handyvertrag" is no
    // "Vertrag" of ours): its parts together earn at most COMPOUND_PART_CAP.
    concept.compoundUnknown = !index.docFreq.has(stemmed);
    const credit = (concept.compoundUnknown ? COMPOUND_PART_CAP : 1) / parts.length;
    for (const p of parts) addToken(concept, index.analyzer.stem(p), "part", index, credit);
  }
  if (!index.docFreq.has(stemmed)) {
    for (const t of nearestTerms(stemmed, index)) addToken(concept, t, "fuzzy", index);
  }
  return concept;
}

function addToken(concept: Concept, term: string, kind: TokenKind, index: LanguageIndex, credit = CREDIT[kind]): void {
  if (!index.docFreq.has(term)) return;
  const existing = concept.tokens.find((t) => t.term === term);
  if (existing) {
    existing.credit = Math.max(existing.credit, credit);
    return;
  }
  concept.tokens.push({ term, kind, credit });
}

/** Index terms within a small edit distance: 1 for words of 5–7 letters, 2 from 8 letters. */
export function nearestTerms(term: string, index: LanguageIndex): string[] {
  if (term.length < 5 || /\d/.test(term)) return [];
  const maxDist = term.length >= 8 ? 2 : 1;
  const mask = letterMask(term);
  let best = maxDist + 1;
  let found: string[] = [];
  for (let len = term.length - maxDist; len <= term.length + maxDist; len++) {
    const bucket = index.termsByLength.get(len);
    if (!bucket) continue;
    for (let i = 0; i < bucket.terms.length; i++) {
      if (popcount(mask ^ bucket.masks[i]!) > 2 * maxDist) continue;
      const candidate = bucket.terms[i]!;
      const d = boundedEditDistance(term, candidate, Math.min(best, maxDist));
      if (d < best) {
        best = d;
        found = [candidate];
      } else if (d === best && d <= maxDist) {
        found.push(candidate);
      }
    }
  }
  // Several equally near terms mean the typo is ambiguous: keep at most two.
  return best <= maxDist ? found.slice(0, 2) : [];
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function findSequence(haystack: string[], needle: string[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** Whether an article's title, keywords or answer text (not its example questions) holds the term. */
function inArticleText(index: LanguageIndex, term: string): boolean {
  if (!Object.hasOwn(index.postings, term)) return false;
  const posting = index.postings[term]!;
  // Lunr keeps every field's key in a posting, empty where the term does not occur.
  return ["title", "keywords", "answer"].some((field) => Object.hasOwn(posting, field) && Object.keys(posting[field]!).length > 0);
}
