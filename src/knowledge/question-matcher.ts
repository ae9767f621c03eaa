/**
 * How close a question is to the example questions navigators wrote for each article. Only
 * which terms match matters here (not BM25), so a plain inverted list beats a second Lunr index.
 */
import type { Concept } from "./concept.js";

export interface SerializedQuestionMatcher {
  articles: string[];
  /** Per example question: index into `articles`. */
  owner: number[];
  /** Per example question: number of distinct terms. */
  terms: number[];
  postings: Record<string, number[]>;
}

export class QuestionMatcher {
  private readonly postings: Map<string, Int32Array>;

  private constructor(
    private readonly articles: string[],
    private readonly owner: Int32Array,
    private readonly termCount: Int32Array,
    postings: Map<string, Int32Array>,
  ) {
    this.postings = postings;
  }

  /** @param questions per article id, the analysed terms of each of its example questions */
  static build(questions: Iterable<[articleId: string, terms: string[]]>): QuestionMatcher {
    const articles: string[] = [];
    const articleIndex = new Map<string, number>();
    const owner: number[] = [];
    const termCount: number[] = [];
    const postings = new Map<string, number[]>();
    for (const [id, terms] of questions) {
      let a = articleIndex.get(id);
      if (a === undefined) {
        a = articles.push(id) - 1;
        articleIndex.set(id, a);
      }
      const q = owner.push(a) - 1;
      const unique = new Set(terms);
      termCount.push(unique.size);
      for (const t of unique) {
        const list = postings.get(t) ?? [];
        list.push(q);
        postings.set(t, list);
      }
    }
    return new QuestionMatcher(articles, Int32Array.from(owner), Int32Array.from(termCount),
      new Map([...postings].map(([t, l]) => [t, Int32Array.from(l)])));
  }

  static load(data: SerializedQuestionMatcher): QuestionMatcher {
    return new QuestionMatcher(data.articles, Int32Array.from(data.owner), Int32Array.from(data.terms),
      new Map(Object.entries(data.postings).map(([t, l]) => [t, Int32Array.from(l)])));
  }

  toJSON(): SerializedQuestionMatcher {
    return {
      articles: this.articles,
      owner: [...this.owner],
      terms: [...this.termCount],
      postings: Object.fromEntries([...this.postings].map(([t, l]) => [t, [...l]])),
    };
  }

  /**
   * Per article, the best F1 over its example questions of "share of the question matched"
   * (weighted by concept) and "share of the example question's terms matched".
   */
  nearest(concepts: readonly Concept[], totalWeight: number): Map<string, number> {
    // Per example question: credit per concept, and how many of its terms matched. Rare terms
    // pick the example questions worth scoring; terms in a large share of them ("brauche",
    // "Arbeit") only add to questions already picked — walking their long lists to create a
    // row for nearly every question was the slowest part of a query at 1,000 articles.
    const credit = new Map<number, Float64Array>();
    const matchedTerms = new Map<number, number>();
    const common = Math.max(50, this.owner.length / 5);
    for (const pass of ["rare", "common"] as const) {
      const seen = new Set<string>();
      concepts.forEach((c, ci) => {
        for (const t of c.tokens) {
          const list = this.postings.get(t.term);
          if (!list || (list.length > common) !== (pass === "common")) continue;
          const firstTime = !seen.has(t.term);
          seen.add(t.term);
          for (const q of list) {
            let row = credit.get(q);
            if (!row) {
              if (pass === "common") continue;
              credit.set(q, (row = new Float64Array(concepts.length)));
            }
            row[ci] = t.kind === "part" ? row[ci]! + t.credit : Math.max(row[ci]!, t.credit);
            // A part of a compound we never saw ("Erklärung" in "Steuererklärung") is a weak match:
            // it must not make a short example question look like the question.
            if (firstTime) matchedTerms.set(q, (matchedTerms.get(q) ?? 0) + (c.compoundUnknown && t.kind === "part" ? t.credit : 1));
          }
        }
      });
    }
    const best = new Map<string, number>();
    for (const [q, row] of credit) {
      let covered = 0;
      concepts.forEach((c, ci) => (covered += c.weight * Math.min(1, row[ci]!)));
      const recall = covered / totalWeight;
      const precision = Math.min(1, (matchedTerms.get(q) ?? 0) / Math.max(1, this.termCount[q]!));
      const f1 = recall + precision > 0 ? (2 * recall * precision) / (recall + precision) : 0;
      const id = this.articles[this.owner[q]!]!;
      if (f1 > (best.get(id) ?? 0)) best.set(id, f1);
    }
    return best;
  }
}
