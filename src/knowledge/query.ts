/**
 * Turns a user's question into weighted concepts for one language index: each content word
 * becomes a concept whose tokens are its stem, its compound parts, typo corrections and
 * declared synonyms. Never passes user text to Lunr's query parser (it throws on `: ~ ^ * + -`).
 */
import type { LanguageIndex } from "./search-index.js";
import { contentWords } from "./text.js";
import { boundedEditDistance } from "./edit-distance.js";
import { isGenericWord } from "./generic-words.js";

/** Weight of an everyday word ("heute", "finden") when judging coverage. */
const GENERIC_WEIGHT = 0.1;
const COMPOUND_PART_CAP = 0.75;

export type TokenKind = "exact" | "part" | "synonym" | "fuzzy";

export interface QueryToken {
  term: string;
  kind: TokenKind;
  /** How much a match on this token counts towards covering its concept (0..1]. */
  credit: number;
}

export interface Concept {
  word: string;
  /** IDF-like weight: rare words count more towards coverage. */
  weight: number;
  tokens: QueryToken[];
  /** Whether any token of the concept exists in the index. */
  known: boolean;
}

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

export function analyzeQuery(question: string, index: LanguageIndex, synonyms: SynonymTable): Concept[] {
  const words = contentWords(question, index.lang).slice(0, MAX_CONCEPTS);
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
        for (const s of other) addToken(concept, s, "synonym", index);
        // Multi-word terms: the words after the first belong to the same concept.
      }
      // The remaining words of a multi-word match are covered by the same concept.
      for (let k = 1; k < term.length; k++) concepts[at + k]!.weight = 0;
      break;
    }
  }

  for (const c of concepts) {
    c.known = c.tokens.some((t) => index.docFreq.has(t.term));
    // Domain IDF over the curated fields: "Duldung" in a question says more than "einstellen",
    // which half the articles are about. An unknown word weighs like the rarest.
    const dfs = c.tokens.map((t) => index.strongDocFreq.get(t.term) ?? 0);
    const df = c.known ? Math.max(1, Math.min(...dfs.filter((d) => d > 0), index.docCount)) : 1;
    const idf = Math.log(1 + index.docCount / df) / Math.log(1 + index.docCount);
    if (c.weight === 0) continue;
    c.weight = isGenericWord(c.word, index.lang) ? GENERIC_WEIGHT : (/\d/.test(c.word) && !c.known ? 0.5 : 1) * (0.3 + idf);
  }
  return concepts.filter((c) => c.weight > 0);
}

function conceptFor(word: string, stemmed: string, index: LanguageIndex): Concept {
  const concept: Concept = { word, weight: 1, tokens: [], known: false };
  if (index.docFreq.has(stemmed)) {
    addToken(concept, stemmed, "exact", index);
  } else {
    concept.tokens.push({ term: stemmed, kind: "exact", credit: 1 });
  }
  const parts = index.analyzer.parts(word);
  if (parts.length > 0) {
    // A compound we never saw may mean something else than its parts ("Handyvertrag" is no
    // "Vertrag" of ours): its parts together earn at most COMPOUND_PART_CAP.
    const credit = (index.docFreq.has(stemmed) ? 1 : COMPOUND_PART_CAP) / parts.length;
    for (const p of parts) addToken(concept, index.analyzer.stem(p), "part", index, credit);
  }
  if (!index.docFreq.has(stemmed) && parts.length === 0) {
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
  let best = maxDist + 1;
  let found: string[] = [];
  for (let len = term.length - maxDist; len <= term.length + maxDist; len++) {
    for (const candidate of index.termsByLength.get(len) ?? []) {
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

function findSequence(haystack: string[], needle: string[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}
