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
/** About one topical word: the least a question must weigh to be fully covered. */
const MIN_QUESTION_WEIGHT = 0.8;
import { analyzeQuery, type Concept, type SynonymTable } from "./query.js";
import { lunr } from "./text.js";

export interface Candidate {
  id: string;
  /** Lunr score after the audience boost. */
  score: number;
  /** Weighted share of the question's concepts this article matches (0..1); answer-text-only matches count less. */
  coverage: number;
  /** Weighted share matched in curated fields (title, example questions, keywords). */
  strongCoverage: number;
  /** Closeness (F1) of the question to the article's nearest example question or title. */
  nearest: number;
}

export interface RankResult {
  candidates: Candidate[];
  concepts: Concept[];
  /** IDF-weighted share of the question's concepts that exist anywhere in the index. */
  known: number;
}

export interface RankOptions {
  limit?: number;
  /** Article ids to multiply by `boost` (the asker's audience). */
  boosted?: ReadonlySet<string>;
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
  const results = bm25(queryTerms, index, limit * 2);
  const nearest = index.questions.nearest(concepts, totalWeight);

  const scores = new Map<string, number>();
  for (const [ref, score] of results) scores.set(ref, score);
  // Articles whose example questions match closely are candidates even if BM25 ranks them low.
  for (const [id] of [...nearest].sort((a, b) => b[1] - a[1]).slice(0, limit)) if (!scores.has(id)) scores.set(id, 0);

  const candidates: Candidate[] = [];
  for (const [ref, score] of scores) {
    let covered = 0;
    let strongCovered = 0;
    for (const c of concepts) {
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
      strongCovered += c.weight * Math.min(1, Math.max(strong, partStrong));
    }
    const boost = opts.boosted?.has(ref) ? (opts.boost ?? 1) : 1;
    candidates.push({
      id: ref, score: score * boost, coverage: covered / totalWeight, strongCoverage: strongCovered / totalWeight,
      nearest: nearest.get(ref) ?? 0,
    });
  }
  // Coverage first: the article that addresses the whole question in its curated fields beats one
  // that scores high on a single rare word. Lunr's score breaks near-ties.
  candidates.sort((a, b) => rankValue(b) - rankValue(a));
  return { candidates: candidates.slice(0, limit), concepts, known: knownWeight / totalWeight };
}

const MAX_QUERY_TERMS = 12;

/**
 * Lunr's score for an any-of query, computed from the same BM25 field weights Lunr built:
 * Σ_field (query · field vector) / |query|, best first.
 */
function bm25(terms: readonly [string, number][], index: LanguageIndex, top: number): [string, number][] {
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
  for (const doc of touched) {
    const score = scratch[doc]!;
    scratch[doc] = 0;
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
  return best.map(([doc, score]) => [docs[doc]!, score * scale]);
}

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
 * The best field credit of a term in one article. Worked out once per term from Lunr's inverted
 * index and kept: looking through the fields' postings for every candidate was a tenth of a query.
 */
function fieldCreditOf(index: LanguageIndex, term: string, ref: string): number {
  let perDoc = index.fieldCredits.get(term);
  if (!perDoc) {
    perDoc = new Map();
    const posting = index.postings[term];
    if (posting) {
      for (const field in FIELD_CREDIT) {
        for (const doc in posting[field] ?? {}) perDoc.set(doc, Math.max(perDoc.get(doc) ?? 0, FIELD_CREDIT[field]!));
      }
    }
    index.fieldCredits.set(term, perDoc);
  }
  return perDoc.get(ref) ?? 0;
}

/**
 * The ranking value: how much of the question the article covers, how close it is to one of the
 * example questions people really ask, and Lunr's BM25 score (weights tuned on the dev set).
 */
export function rankValue(c: Pick<Candidate, "coverage" | "score" | "nearest">): number {
  return c.coverage + 1.5 * c.nearest + 0.6 * Math.log1p(c.score);
}

