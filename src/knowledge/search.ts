/**
 * Ranks articles for a question in one language and measures, per candidate, how much of the
 * question it covers — the raw Lunr score alone cannot tell "weather" from "work permit".
 */
import { STRONG_FIELDS, type LanguageIndex } from "./search-index.js";

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
  /** The most specific question word this article has in a curated field (0..1): its anchor. */
  anchor: number;
  /** Closeness (F1) of the question to the article's nearest example question or title. */
  nearest: number;
  /** Weighted share of the question found in the article's title. */
  titleCoverage: number;
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

  const build = (q: lunr.Query) => {
    for (const c of concepts) {
      for (const t of c.tokens) {
        if (!index.docFreq.has(t.term)) continue;
        q.term(t.term, { boost: t.credit * (t.kind === "exact" ? 1 : 0.5), usePipeline: false });
      }
    }
  };
  const results = index.index.query(build);
  const nearest = nearestQuestions(index.questionIndex, index.questionIndex.query(build), concepts, totalWeight);

  const limit = opts.limit ?? 10;
  const candidates: Candidate[] = [];
  for (const r of results.slice(0, Math.max(limit * 3, 20))) {
    const metadata = r.matchData.metadata as Record<string, Record<string, unknown>>;
    let covered = 0;
    let strongCovered = 0;
    let anchor = 0;
    let titleCovered = 0;
    for (const c of concepts) {
      let credit = 0, strong = 0, partCredit = 0, partStrong = 0, title = 0, partTitle = 0;
      for (const t of c.tokens) {
        const fields = metadata[t.term];
        if (!fields) continue;
        let fieldCredit = 0;
        for (const f of Object.keys(fields)) fieldCredit = Math.max(fieldCredit, FIELD_CREDIT[f] ?? 0);
        const inStrong = fieldCredit > ANSWER_ONLY_CREDIT;
        if ("title" in fields) {
          if (t.kind === "part") partTitle += t.credit;
          else title = Math.max(title, t.credit);
        }
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
      titleCovered += c.weight * Math.min(1, Math.max(title, partTitle));
      anchor = Math.max(anchor, c.specificity * Math.min(1, Math.max(strong, partStrong)));
      strongCovered += c.weight * Math.min(1, Math.max(strong, partStrong));
    }
    const boost = opts.boosted?.has(r.ref) ? (opts.boost ?? 1) : 1;
    candidates.push({ id: r.ref, score: r.score * boost, coverage: covered / totalWeight, strongCoverage: strongCovered / totalWeight, anchor, nearest: nearest.get(r.ref) ?? 0, titleCoverage: titleCovered / totalWeight });
  }
  // Coverage first: the article that addresses the whole question in its curated fields beats one
  // that scores high on a single rare word. Lunr's score breaks near-ties.
  candidates.sort((a, b) => rankValue(b) - rankValue(a));
  return { candidates: candidates.slice(0, limit), concepts, known: knownWeight / totalWeight };
}

/**
 * Per article, how close the question is to one of its example questions or its title: the F1
 * of "how much of the question it matches" and "how much of the example the question matches".
 */
function nearestQuestions(qIndex: lunr.Index, results: lunr.Index.Result[], concepts: Concept[], totalWeight: number): Map<string, number> {
  const best = new Map<string, number>();
  const vectors = (qIndex as unknown as { fieldVectors: Record<string, { elements: number[] }> }).fieldVectors;
  for (const r of results.slice(0, 60)) {
    const matched = r.matchData.metadata as Record<string, unknown>;
    let covered = 0;
    for (const c of concepts) {
      let credit = 0;
      for (const t of c.tokens) if (matched[t.term]) credit = t.kind === "part" ? credit + t.credit : Math.max(credit, t.credit);
      covered += c.weight * Math.min(1, credit);
    }
    const recall = covered / totalWeight;
    // Precision: how much of the example question the user's words account for.
    const terms = Math.max(1, (vectors[`text/${r.ref}`]?.elements.length ?? 2) / 2);
    const precision = Math.min(1, Object.keys(matched).length / terms);
    const f1 = recall + precision > 0 ? (2 * recall * precision) / (recall + precision) : 0;
    const id = r.ref.slice(0, r.ref.lastIndexOf("#"));
    best.set(id, Math.max(best.get(id) ?? 0, f1));
  }
  return best;
}

/**
 * The ranking value: how much of the question the article covers, how close it is to one of the
 * example questions people really ask, and Lunr's BM25 score (weights tuned on the dev set).
 */
export function rankValue(c: Pick<Candidate, "coverage" | "score" | "nearest">): number {
  return c.coverage + 1.5 * c.nearest + 0.6 * Math.log1p(c.score);
}

export { lunr };
