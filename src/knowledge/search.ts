/**
 * Ranks articles for a question in one language and measures, per candidate, how much of the
 * question it covers — the raw Lunr score alone cannot tell "weather" from "work permit".
 */
import type { LanguageIndex } from "./search-index.js";

/**
 * How much a match in each field says about an article being the answer: the title and the
 * keywords say what it is about; a word found only in the answer text may be a side remark.
 */
const FIELD_CREDIT: Record<string, number> = { title: 1, keywords: 1, questions: 0.85, answer: 0.45 };
const ANSWER_ONLY_CREDIT = FIELD_CREDIT.answer!;
/** A word weighing this much names a topic: an unknown word, a rare term, a noun we only mention in passing. */
const TOPIC_WEIGHT = 1;
/** About one topical word: the least a question must weigh to be fully covered. */
const MIN_QUESTION_WEIGHT = 0.8;
import type { Concept, QueryToken } from "./concept.js";
import { foreignWords, matchLexicon, MAX_FOREIGN_WORDS, nearForeignTerms, type ForeignWord } from "./foreign.js";
import type { ForeignIndex } from "./foreign-index.js";
import { analyzeQuery, type SynonymTable } from "./query.js";
import { stem } from "./text.js";

export interface Candidate {
  id: string;
  /** Lunr's BM25 score. */
  score: number;
  /** Weighted share of the question's concepts this article matches (0..1); answer-text-only matches count less. */
  coverage: number;
  /** Weighted share matched in curated fields (title, example questions, keywords). */
  strongCoverage: number;
  /** Closeness (F1) of the question to the article's nearest example question or title. */
  nearest: number;
  /** Weighted share of the question found in the article's title: what the article is about. */
  titleCoverage?: number;
  /** Written for the asker's audience: wins a near-tie, never more. */
  preferred?: boolean;
  /**
   * Weighted share of the question's heaviest word the article does not mention at all, when that
   * word names a topic (weighs at least a topical word): "Führerschein" in "Brauche ich als
   * Flüchtling einen deutschen Führerschein?" is the question, whatever else matches.
   */
  missing?: number;
}

export interface RankResult {
  candidates: Candidate[];
  concepts: Concept[];
  /** IDF-weighted share of the question's concepts that exist anywhere in the index. */
  known: number;
  /**
   * Weighted share of the question in topic words no article is about: in no title, keyword or
   * example question, at most mentioned in an answer text ("Kindergeld", "Arbeitsunfall", "dog").
   * German and English only.
   */
  unaddressed?: number;
}

/** The German index, for the Latin words in a Ukrainian or Arabic question. */
export interface LatinSearch {
  index: LanguageIndex;
  synonyms: SynonymTable;
}

export interface RankOptions {
  limit?: number;
  /** Article ids written for the asker's audience: they win near-ties. */
  boosted?: ReadonlySet<string>;
  /**
   * How near a tie the audience may break: an article for the asker's audience moves ahead of
   * one whose rank value is at most ln(boost) higher (1.15 → 0.14). It never turns a clearly
   * better article into a runner-up, so the audience cannot make a right answer wrong.
   */
  boost?: number;
}

export function rankArticles(question: string, index: LanguageIndex, synonyms: SynonymTable, opts: RankOptions = {}): RankResult {
  const concepts = analyzeQuery(question, index, synonyms);
  // A question made only of everyday words ("wie spät ist es") cannot be fully covered.
  const totalWeight = Math.max(MIN_QUESTION_WEIGHT, concepts.reduce((s, c) => s + c.weight, 0));
  const knownWeight = concepts.reduce((s, c) => s + (c.known ? c.weight : 0), 0);
  if (totalWeight === 0 || knownWeight === 0) return { candidates: [], concepts, known: 0 };

  // BM25 over the selective terms only: a word in nearly every article adds little to the score
  // but costs a walk over every article. Coverage below still looks at every term.
  const queryTerms = selectiveTerms(concepts, index);
  const limit = opts.limit ?? 10;
  const nearest = index.questions.nearest(concepts, totalWeight);
  // Articles whose example questions match closely are candidates even if BM25 ranks them low,
  // with their own BM25 score: a score of 0 put an article with the asked question word for word
  // behind six others once one more article shared the question's common words.
  const closest = new Set([...nearest].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([id]) => id));
  const results = bm25(queryTerms, index, limit * 2, closest);

  const scores = new Map<string, number>();
  for (const [ref, score] of results) scores.set(ref, score);
  for (const id of closest) if (!scores.has(id)) scores.set(id, 0);

  const candidates: Candidate[] = [];
  for (const [ref, score] of scores) {
    let covered = 0;
    let strongCovered = 0;
    let titled = 0;
    let missing = 0;
    for (const c of concepts) {
      // A typo-tolerant match ("fnord" ~ "ford", the stem of Förderung) says too little to name the topic.
      if (c.tokens.some((t) => t.kind !== "fuzzy" && inTitle(index, t.term, ref))) titled += c.weight;
      let credit = 0, strong = 0, partCredit = 0, partStrong = 0;
      for (const t of c.tokens) {
        const fieldCredit = fieldCreditOf(index, t.term, ref);
        if (fieldCredit === 0) continue;
        const inStrong = fieldCredit > ANSWER_ONLY_CREDIT;
        const value = t.credit * fieldCredit;
        if (t.kind === "part") {
          partCredit += value;
          if (inStrong) partStrong += t.credit;
        } else {
          credit = Math.max(credit, value);
          if (inStrong) strong = Math.max(strong, t.credit);
        }
      }
      covered += c.weight * Math.min(1, Math.max(credit, partCredit));
      if (credit === 0 && partCredit === 0 && c.weight >= TOPIC_WEIGHT) missing = Math.max(missing, c.weight / totalWeight);
      strongCovered += c.weight * Math.min(1, Math.max(strong, partStrong));
    }
    candidates.push({
      id: ref, score, coverage: covered / totalWeight, strongCoverage: strongCovered / totalWeight,
      nearest: nearest.get(ref) ?? 0, titleCoverage: titled / totalWeight, preferred: opts.boosted?.has(ref) ?? false, missing,
    });
  }
  // Coverage first: the article that addresses the whole question in its curated fields beats one
  // that scores high on a single rare word. Lunr's score breaks near-ties.
  sortCandidates(candidates, opts.boost);
  const unaddressed = concepts.reduce((s, c) => s + (c.weight >= TOPIC_WEIGHT && !c.tokens.some((t) => index.strongDocFreq.has(t.term)) ? c.weight : 0), 0);
  return { candidates: candidates.slice(0, limit), concepts, known: knownWeight / totalWeight, unaddressed: unaddressed / totalWeight };
}

/**
 * Ranks articles for a Ukrainian or Arabic question. Three sources of evidence: the example
 * questions in that language; the German index for the Latin words people mix in ("EGZ",
 * "§ 60d", "Duldung"); and the German index for the words the lexicon (content/lexicon.yaml)
 * knows ("дозвіл на роботу" → Arbeitserlaubnis) — with only a few example questions per
 * article, most wordings of a new question are not among them, but the domain's terms are.
 * Coverage is the weighted share of the question found in an article by any of them, `nearest`
 * the best F1 to one example question (in that language, or in German for the translated words).
 */
export function rankForeign(question: string, index: ForeignIndex, latin?: LatinSearch, opts: RankOptions = {}): RankResult {
  const words = foreignWords(question).slice(0, MAX_FOREIGN_WORDS);
  const isLatin = (w: ForeignWord) => w.light === "";
  // Each item is one concept of the question, with tokens for the example questions in its
  // language (`foreign`) and tokens for the German index (`german`).
  const items: { concept: Concept; foreign: QueryToken[]; german: QueryToken[] }[] = [];

  // The Latin words go to the German index, with its compounds, synonyms and typo tolerance.
  const latinWords = latin ? question.normalize("NFKC").match(/[\p{Script=Latin}\p{N}§][\p{Script=Latin}\p{N}§.\-]*/gu) ?? [] : [];
  const latinConcepts = latin && latinWords.length > 0 ? analyzeQuery(latinWords.join(" "), latin.index, latin.synonyms) : [];
  for (const c of latinConcepts) items.push({ concept: c, foreign: [], german: c.tokens });

  const foreignToken = (term: string): QueryToken[] => {
    const terms = index.articles.has(term) ? [term] : nearForeignTerms(term, index.articles.keys());
    return terms.map((t) => ({ term: t, kind: t === term ? "exact" : "fuzzy", credit: t === term ? 1 : 0.8 }));
  };
  const foreignIdf = (tokens: QueryToken[]) =>
    tokens.length === 0 ? 0 : Math.log(1 + index.docCount / Math.max(...tokens.map((t) => index.articles.get(t.term)!.length))) / Math.log(1 + index.docCount);

  // Lexicon wordings: one concept each, weighted like the German words they stand for.
  const consumed = new Set<number>();
  if (latin) {
    for (const m of matchLexicon(words, index.lexicon)) {
      const german = new Map<string, QueryToken>();
      let weight = 0;
      for (const c of analyzeQuery(m.de, latin.index, latin.synonyms)) {
        if (!c.known) continue;
        weight = Math.max(weight, c.weight);
        for (const t of c.tokens) if (!german.has(t.term) || german.get(t.term)!.credit < t.credit) german.set(t.term, t);
      }
      if (german.size === 0) continue;
      m.at.forEach((i) => consumed.add(i));
      const foreign = m.at.flatMap((i) => foreignToken(words[i]!.term));
      const tokens = [...foreign, ...german.values()];
      items.push({
        concept: { word: m.at.map((i) => words[i]!.term).join(" "), weight: Math.max(weight, FOREIGN_WEIGHT.base + FOREIGN_WEIGHT.idf * foreignIdf(foreign)), tokens, known: true, phrase: m.at.length > 1, compoundUnknown: false },
        foreign, german: [...german.values()],
      });
    }
  }

  // The remaining words are matched against the example questions only.
  const seen = new Set<string>();
  words.forEach((w, i) => {
    if ((latin && isLatin(w)) || consumed.has(i) || seen.has(w.term)) return;
    seen.add(w.term);
    const tokens = foreignToken(w.term);
    const known = tokens.length > 0;
    // The example questions are few, so nearly every word in them looks rare: their words weigh
    // less than the German terms, and a word they lack says less than in German.
    items.push({
      concept: { word: w.term, weight: known ? FOREIGN_WEIGHT.base + FOREIGN_WEIGHT.idf * foreignIdf(tokens) : FOREIGN_WEIGHT.unknown, known, phrase: false, compoundUnknown: false, tokens },
      foreign: tokens, german: [],
    });
  });

  const all = items.map((x) => x.concept);
  const totalWeight = Math.max(MIN_QUESTION_WEIGHT, all.reduce((s, c) => s + c.weight, 0));
  const knownWeight = all.reduce((s, c) => s + (c.known ? c.weight : 0), 0);
  if (knownWeight === 0) return { candidates: [], concepts: all, known: 0 };
  const covered = new Map<string, number>();
  const strongCovered = new Map<string, number>();
  for (const { concept, foreign, german } of items) {
    const credit = new Map<string, number>();
    const strong = new Map<string, number>();
    const add = (id: string, v: number, inStrong: boolean) => {
      credit.set(id, Math.max(credit.get(id) ?? 0, v));
      if (inStrong) strong.set(id, Math.max(strong.get(id) ?? 0, v));
    };
    // A translated word counts through its German terms only: its crude stem ("подат" from
    // "податкову декларацію") would also match unrelated example questions.
    if (german.length === 0) for (const t of foreign) for (const id of index.articles.get(t.term) ?? []) add(id, t.credit, true);
    for (const t of german) for (const [id, field] of fieldCreditsOf(latin!.index, t.term)) add(id, Math.min(1, t.credit * field), field > ANSWER_ONLY_CREDIT);
    for (const [id, v] of credit) covered.set(id, (covered.get(id) ?? 0) + concept.weight * v);
    for (const [id, v] of strong) strongCovered.set(id, (strongCovered.get(id) ?? 0) + concept.weight * v);
  }
  // Example questions in this language contain the Latin words as written; match those too.
  const asWritten = items.map(({ concept, foreign, german }) =>
    foreign.length > 0 || german.length === 0 ? { ...concept, tokens: foreign } : { ...concept, tokens: [{ term: stem(concept.word, "de"), kind: "exact" as const, credit: 1 }] });
  const nearest = index.questions.nearest(asWritten, totalWeight);
  // The translated and Latin words against the German example questions and titles.
  if (latin) {
    const germanOnly = items.map(({ concept, german }) => ({ ...concept, tokens: german }));
    for (const [id, f] of latin.index.questions.nearest(germanOnly, totalWeight)) {
      if (f * GERMAN_NEAREST > (nearest.get(id) ?? 0)) nearest.set(id, f * GERMAN_NEAREST);
    }
  }
  const candidates: Candidate[] = [...covered].map(([id, w]) => ({
    id, score: 0, coverage: w / totalWeight, strongCoverage: (strongCovered.get(id) ?? 0) / totalWeight, nearest: nearest.get(id) ?? 0,
    preferred: opts.boosted?.has(id) ?? false,
  }));
  sortCandidates(candidates, opts.boost);
  return { candidates: candidates.slice(0, opts.limit ?? 10), concepts: all, known: knownWeight / totalWeight };
}

/** Closeness to a German example question counts this much (the German side sees only the translated words). */
const GERMAN_NEAREST = 1;
const MAX_QUERY_TERMS = 12;
/** Weights of Ukrainian/Arabic words: base + idf · IDF when known, `unknown` otherwise (tuned on held-out uk/ar questions). */
const FOREIGN_WEIGHT = { base: 0.1, idf: 0.5, unknown: 1 };
/** Bonus for the share of the question in an article's title (0: tried, it did not help on the dev set). */
const TITLE_WEIGHT = 0;

/**
 * Lunr's score for an any-of query, computed from the same BM25 field weights Lunr built:
 * Σ_field (query · field vector) / |query|, best first; the articles in `alwaysKeep` are
 * returned with their score too, after the best `top`.
 */
function bm25(terms: readonly [string, number][], index: LanguageIndex, top: number, alwaysKeep: ReadonlySet<string> = NO_IDS): [string, number][] {
  const { docs, postings, scratch } = index.weights;
  const touched: number[] = [];
  let norm = 0;
  for (const [term, boost] of terms) {
    const posting = postings.get(term);
    if (!posting) continue;
    norm += boost * boost;
    for (let i = 0; i < posting.docs.length; i++) {
      const doc = posting.docs[i]!;
      if (scratch[doc] === 0) touched.push(doc);
      scratch[doc]! += boost * posting.weights[i]!;
    }
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  // Keep the best `top` in a small sorted array instead of sorting every article touched.
  const best: [number, number][] = [];
  const kept: [number, number][] = [];
  for (const doc of touched) {
    const score = scratch[doc]!;
    scratch[doc] = 0;
    if (alwaysKeep.has(docs[doc]!)) kept.push([doc, score]);
    if (best.length < top || score > best[best.length - 1]![1]) {
      let i = best.length < top ? best.length : top - 1;
      if (best.length < top) best.push([doc, score]);
      while (i > 0 && best[i - 1]![1] < score) {
        best[i] = best[i - 1]!;
        i--;
      }
      best[i] = [doc, score];
    }
  }
  const inBest = new Set(best.map(([doc]) => doc));
  return [...best, ...kept.filter(([doc]) => !inBest.has(doc))].map(([doc, score]) => [docs[doc]!, score * scale]);
}

const NO_IDS: ReadonlySet<string> = new Set();

/** The query's index terms with their boosts, rarest first, without the ones in most articles. */
function selectiveTerms(concepts: readonly Concept[], index: LanguageIndex): [string, number][] {
  const boosts = new Map<string, number>();
  for (const c of concepts) {
    for (const t of c.tokens) {
      if (!index.docFreq.has(t.term)) continue;
      const boost = t.credit * (t.kind === "exact" ? 1 : 0.5);
      boosts.set(t.term, Math.max(boosts.get(t.term) ?? 0, boost));
    }
  }
  const byRarity = [...boosts].sort((a, b) => index.docFreq.get(a[0])! - index.docFreq.get(b[0])!);
  const common = Math.max(3, index.docCount * 0.8);
  const selective = byRarity.filter(([t]) => index.docFreq.get(t)! <= common);
  return (selective.length > 0 ? selective : byRarity.slice(0, 3)).slice(0, MAX_QUERY_TERMS);
}

/**
 * The best field credit of a term in one article. Worked out once per index term from Lunr's
 * inverted index and kept on the index: looking through the fields' postings for every candidate
 * was a tenth of a query. Only terms of the index's vocabulary are kept — the words people type
 * are unbounded, so caching those would let the shared index grow with every made-up word.
 */
function fieldCreditOf(index: LanguageIndex, term: string, ref: string): number {
  return fieldCreditsOf(index, term).get(ref) ?? 0;
}

const NO_CREDITS: ReadonlyMap<string, number> = new Map();

function fieldCreditsOf(index: LanguageIndex, term: string): ReadonlyMap<string, number> {
  let perDoc = index.fieldCredits.get(term);
  if (!perDoc) {
    // Own properties only: "constructor" or "__proto__" typed by a user are no index terms.
    if (!Object.hasOwn(index.postings, term)) return NO_CREDITS;
    const posting = index.postings[term]!;
    perDoc = new Map();
    for (const field in FIELD_CREDIT) {
      if (!Object.hasOwn(posting, field)) continue;
      for (const doc in posting[field]) perDoc.set(doc, Math.max(perDoc.get(doc) ?? 0, FIELD_CREDIT[field]!));
    }
    index.fieldCredits.set(term, perDoc);
  }
  return perDoc;
}

function inTitle(index: LanguageIndex, term: string, ref: string): boolean {
  if (!Object.hasOwn(index.postings, term)) return false;
  const title = index.postings[term]!.title;
  return title !== undefined && Object.hasOwn(title, ref);
}

/** Best first by rank value; then an article for the asker's audience passes near-equals ahead of it. */
function sortCandidates(candidates: Candidate[], boost = 1): void {
  candidates.sort((a, b) => rankValue(b) - rankValue(a));
  const window = Math.log(Math.max(1, boost));
  if (window === 0) return;
  for (let i = 1; i < candidates.length; i++) {
    const c = candidates[i]!;
    if (!c.preferred) continue;
    let j = i;
    while (j > 0 && !candidates[j - 1]!.preferred && rankValue(candidates[j - 1]!) - rankValue(c) < window) {
      candidates[j] = candidates[j - 1]!;
      j--;
    }
    candidates[j] = c;
  }
}

/**
 * The ranking value: how much of the question the article covers, how close it is to one of the
 * example questions people really ask, and Lunr's BM25 score (weights tuned on the dev set).
 */
export function rankValue(c: Pick<Candidate, "coverage" | "score" | "nearest" | "titleCoverage">): number {
  return c.coverage + 1.5 * c.nearest + 0.6 * Math.log1p(c.score) + TITLE_WEIGHT * (c.titleCoverage ?? 0);
}

