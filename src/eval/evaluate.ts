/**
 * Quality evaluation of the knowledge engine on a labelled question set, with a plain-Lunr
 * baseline measured the same way.
 */
import { readFileSync } from "node:fs";
import lunr from "lunr";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { DecisionConfig } from "../config.js";
import { FOREIGN_MIN_NEAREST, KnowledgeEngine } from "../knowledge/engine.js";
import { decideOutcome, featuresOf, FOREIGN_CONFIDENCE_MODEL, type CandidateFeatures } from "../knowledge/decide.js";
import { buildForeignIndex } from "../knowledge/foreign-index.js";
import { articleExamples, foreignExamples, trainArticleClassifier } from "../knowledge/article-classifier.js";
import { FOREIGN_SECOND_READING, readSecondTime, readThroughLexicon } from "../knowledge/second-reading.js";
import { lexiconGloss } from "../knowledge/foreign.js";
import type { KnowledgeBase } from "../knowledge/loader.js";
import { buildSynonymTable } from "../knowledge/query.js";
import { rankForeign } from "../knowledge/search.js";
import type { Article, ForeignLanguage } from "../knowledge/schema.js";

export const EvalQuestion = z.strictObject({
  q: z.string().min(1),
  expect: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
});
export const EvalSet = z.strictObject({ questions: z.array(EvalQuestion).min(1) });
export type EvalQuestion = z.infer<typeof EvalQuestion>;

export function loadEvalSet(file: string): EvalQuestion[] {
  return EvalSet.parse(parseYaml(readFileSync(file, "utf8"))).questions;
}

export interface Metrics {
  inScope: number;
  outOfScope: number;
  handoffs: number;
  top1: number;
  top3: number;
  mrr: number;
  /** Share of in-scope questions answered directly (outcome answer) with the right article. */
  answeredRight: number;
  /** Share of in-scope questions answered directly with a wrong article. */
  answeredWrong: number;
  /** Share of in-scope questions answered with candidates to choose from (outcome clarify). */
  clarified: number;
  oosRejection: number;
  handoffDetection: number;
  /** In-scope or out-of-scope questions wrongly taken as a request for a human. */
  falseHandoffs: number;
}

export interface Miss {
  q: string;
  expected: string[];
  outcome: string;
  got: string[];
}

export interface EvalReport {
  metrics: Metrics;
  misses: Miss[];
  /** Per answered question: confidence and whether the answer was right (for calibration). */
  answered: { confidence: number; right: boolean }[];
  /** Training samples for the confidence model. */
  samples: { f: CandidateFeatures; y: 0 | 1 }[];
}

const expectedOf = (q: EvalQuestion) => (Array.isArray(q.expect) ? q.expect : [q.expect]);

export function evaluateEngine(engine: KnowledgeEngine, questions: EvalQuestion[]): EvalReport {
  let inScope = 0, oos = 0, hand = 0, top1 = 0, top3 = 0, rr = 0, ansRight = 0, ansWrong = 0, clarified = 0, rejected = 0, detected = 0, falseHand = 0;
  const misses: Miss[] = [];
  const answered: EvalReport["answered"] = [];
  const samples: EvalReport["samples"] = [];
  for (const q of questions) {
    const expected = expectedOf(q);
    const { result, rank, scored } = engine.explain(q.q);
    const ranking = scored.map((c) => c.id);
    // The model learns from the best candidate: is it the right one (or is the question ours at all)?
    rank.candidates.slice(0, 1).forEach((c, i) => {
      samples.push({ f: featuresOf(rank.candidates, i, rank.known), y: expected.includes(c.id) ? 1 : 0 });
    });
    if (expected[0] === "handoff") {
      hand++;
      if (result.outcome === "handoff") detected++;
      else misses.push({ q: q.q, expected, outcome: result.outcome, got: ranking.slice(0, 3) });
      continue;
    }
    if (result.outcome === "handoff") falseHand++;
    if (expected[0] === "none") {
      oos++;
      if (result.outcome === "none") rejected++;
      else misses.push({ q: q.q, expected, outcome: result.outcome, got: ranking.slice(0, 3) });
      if (result.outcome === "answer") answered.push({ confidence: result.confidence, right: false });
      continue;
    }
    inScope++;
    const pos = ranking.findIndex((id) => expected.includes(id));
    const offered = result.outcome === "answer" || result.outcome === "clarify";
    if (offered && pos === 0) top1++;
    if (offered && pos >= 0 && pos < 3) top3++;
    if (pos >= 0) rr += 1 / (pos + 1);
    if (result.outcome === "clarify") clarified++;
    if (result.outcome === "answer") {
      const right = expected.includes(result.answer?.id ?? "");
      if (right) ansRight++;
      else ansWrong++;
      answered.push({ confidence: result.confidence, right });
    }
    if (!(offered && pos === 0)) misses.push({ q: q.q, expected, outcome: result.outcome, got: ranking.slice(0, 3) });
  }
  return {
    metrics: {
      inScope, outOfScope: oos, handoffs: hand,
      top1: ratio(top1, inScope), top3: ratio(top3, inScope), mrr: ratio(rr, inScope),
      answeredRight: ratio(ansRight, inScope), answeredWrong: ratio(ansWrong, inScope), clarified: ratio(clarified, inScope),
      oosRejection: ratio(rejected, oos), handoffDetection: ratio(detected, hand),
      falseHandoffs: falseHand,
    },
    misses, answered, samples,
  };
}

/** A set's in-scope questions by the article first expected: what the article models learn from (article-classifier.ts AskedQuestions). */
export function askedByArticle(questions: readonly EvalQuestion[]): Record<string, string[]> {
  const byArticle: Record<string, string[]> = {};
  for (const q of questions) {
    const id = expectedOf(q)[0]!;
    if (id !== "none" && id !== "handoff") (byArticle[id] ??= []).push(q.q);
  }
  return byArticle;
}

/**
 * The engine's figures with its article models trained, for each of `folds` parts of the set, on
 * the articles and the asked questions of the other parts only
 * (article-classifier.ts AskedQuestions): the model has learnt from the dev set's questions, so
 * its figures on the dev set itself say little about new questions. Question i is in fold i mod k.
 */
export function evaluateOutOfFold(engine: KnowledgeEngine, questions: EvalQuestion[], folds: number): Metrics {
  const parts: Metrics[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const byArticle = askedByArticle(questions.filter((_, i) => i % folds !== fold));
    const classifier = trainArticleClassifier(engine.articles, (a) => articleExamples(a, byArticle));
    const foreignClassifier = trainArticleClassifier(engine.articles, (a) => foreignExamples(a, byArticle));
    const held = new KnowledgeEngine(engine.kb, { ...engine.indexes, classifier, foreignClassifier }, engine.decision);
    parts.push(evaluateEngine(held, questions.filter((_, i) => i % folds === fold)).metrics);
  }
  const sum = (f: (m: Metrics) => number) => parts.reduce((acc, m) => acc + f(m), 0);
  const inScope = sum((m) => m.inScope), outOfScope = sum((m) => m.outOfScope), handoffs = sum((m) => m.handoffs);
  const perQuestion = (f: (m: Metrics) => number) => ratio(sum((m) => f(m) * m.inScope), inScope);
  return {
    inScope, outOfScope, handoffs,
    top1: perQuestion((m) => m.top1), top3: perQuestion((m) => m.top3), mrr: perQuestion((m) => m.mrr),
    answeredRight: perQuestion((m) => m.answeredRight), answeredWrong: perQuestion((m) => m.answeredWrong), clarified: perQuestion((m) => m.clarified),
    oosRejection: ratio(sum((m) => m.oosRejection * m.outOfScope), outOfScope),
    handoffDetection: ratio(sum((m) => m.handoffDetection * m.handoffs), handoffs),
    falseHandoffs: sum((m) => m.falseHandoffs),
  };
}

/**
 * Baseline: what plain Lunr gives out of the box — its default (English) pipeline over the same
 * article fields (both languages in one document), the raw question passed to `search`, any
 * result counted as an answer, a parse error or no result as "none".
 */
export function evaluateBaseline(articles: readonly Article[], questions: EvalQuestion[]): Metrics {
  const idx = lunr(function () {
    this.ref("id");
    this.field("title", { boost: 8 });
    this.field("questions", { boost: 5 });
    this.field("keywords", { boost: 6 });
    this.field("answer");
    for (const a of articles) {
      this.add({
        id: a.id,
        title: `${a.de.title} ${a.en.title}`,
        questions: [...a.de.questions, ...a.en.questions].join(" "),
        keywords: [...a.de.keywords, ...a.en.keywords].join(" "),
        answer: `${a.de.answer} ${a.en.answer}`,
      });
    }
  });
  let inScope = 0, oos = 0, hand = 0, top1 = 0, top3 = 0, rr = 0, rejected = 0, answeredWrongCount = 0;
  for (const q of questions) {
    const expected = expectedOf(q);
    let ranking: string[] = [];
    try {
      ranking = idx.search(q.q).map((r) => r.ref);
    } catch {
      ranking = [];
    }
    if (expected[0] === "handoff") {
      hand++;
      continue;
    }
    if (expected[0] === "none") {
      oos++;
      if (ranking.length === 0) rejected++;
      continue;
    }
    inScope++;
    const pos = ranking.findIndex((id) => expected.includes(id));
    if (pos === 0) top1++;
    else if (ranking.length > 0) answeredWrongCount++;
    if (pos >= 0 && pos < 3) top3++;
    if (pos >= 0) rr += 1 / (pos + 1);
  }
  return {
    inScope, outOfScope: oos, handoffs: hand,
    top1: ratio(top1, inScope), top3: ratio(top3, inScope), mrr: ratio(rr, inScope),
    // Plain Lunr answers whatever ranks first: every non-empty wrong ranking is a wrong answer.
    answeredRight: ratio(top1, inScope), answeredWrong: ratio(answeredWrongCount, inScope), clarified: 0,
    oosRejection: ratio(rejected, oos), handoffDetection: 0, falseHandoffs: 0,
  };
}

/** Reliability table: answered questions binned by confidence, with the share that was right. */
export function calibration(answered: EvalReport["answered"], bins = [0.5, 0.7, 0.8, 0.9, 1.01]) {
  const rows: { range: string; n: number; meanConfidence: number; accuracy: number }[] = [];
  let lo = 0;
  for (const hi of bins) {
    const inBin = answered.filter((a) => a.confidence >= lo && a.confidence < hi);
    if (inBin.length) {
      rows.push({
        range: `${lo.toFixed(2)}–${Math.min(hi, 1).toFixed(2)}`,
        n: inBin.length,
        meanConfidence: inBin.reduce((s, a) => s + a.confidence, 0) / inBin.length,
        accuracy: inBin.filter((a) => a.right).length / inBin.length,
      });
    }
    lo = hi;
  }
  return rows;
}

/** Fits the logistic confidence model on labelled candidate samples (plain gradient descent). */
export function fitConfidenceModel(samples: EvalReport["samples"], iterations = 20000, rate = 2) {
  const keys = ["coverage", "strong", "nearest", "known", "lead", "title"] as const;
  const w = { bias: 0, coverage: 0, strong: 0, nearest: 0, known: 0, lead: 0, title: 0 };
  const l2 = 0.0005;
  for (let it = 0; it < iterations; it++) {
    const g = { bias: 0, coverage: 0, strong: 0, nearest: 0, known: 0, lead: 0, title: 0 };
    for (const s of samples) {
      const z = w.bias + keys.reduce((acc, k) => acc + w[k] * s.f[k], 0);
      const p = 1 / (1 + Math.exp(-z));
      const err = p - s.y;
      g.bias += err;
      for (const k of keys) g[k] += err * s.f[k];
    }
    w.bias -= (rate * g.bias) / samples.length;
    for (const k of keys) w[k] -= rate * (g[k] / samples.length + l2 * w[k]);
  }
  return w;
}

export interface HeldOutMetrics {
  lang: ForeignLanguage;
  /** Example questions asked (articles with at least two in this language). */
  asked: number;
  top1: number;
  answeredRight: number;
  answeredWrong: number;
  clarified: number;
  misses: Miss[];
}

/**
 * Ukrainian or Arabic questions, held out one at a time: the article's other example questions
 * in that language are indexed, the held-out one is asked. Measures how well a new question in
 * that language finds its article (there is no separately written uk/ar eval set yet).
 */
export function evaluateHeldOut(engine: KnowledgeEngine, lang: ForeignLanguage, decision: DecisionConfig): HeldOutMetrics {
  const kb: KnowledgeBase = engine.kb;
  const latin = { index: engine.indexes.de, synonyms: buildSynonymTable(kb.synonyms.de, engine.indexes.de) };
  let asked = 0, top1 = 0, right = 0, wrong = 0, clarified = 0;
  const misses: Miss[] = [];
  // The classifier learns from the same example questions: it is trained once per fold, without
  // that fold's questions in this language (the i-th question of every article in fold i mod 4),
  // so no question is read by a model that has seen it.
  for (let fold = 0; fold < HELD_OUT_FOLDS; fold++) {
    const outOfFold = (_: string, i: number) => i % HELD_OUT_FOLDS !== fold;
    const classifier = trainArticleClassifier(kb.articles.map((a) => ({ ...a, [lang]: { questions: (a[lang]?.questions ?? []).filter(outOfFold) } })), foreignExamples);
    for (const a of kb.articles) {
      const own = a[lang]?.questions ?? [];
      if (own.length < 2) continue;
      for (let i = fold; i < own.length; i += HELD_OUT_FOLDS) {
        const rest = own.filter((_, k) => k !== i);
        const held: KnowledgeBase = { ...kb, articles: kb.articles.map((x) => (x === a ? { ...x, [lang]: { questions: rest } } : x)) };
        const rank = rankForeign(own[i]!, buildForeignIndex(held, lang), latin);
        const second = readSecondTime(own[i]!, decideOutcome(rank, decision, FOREIGN_CONFIDENCE_MODEL, { minNearest: FOREIGN_MIN_NEAREST }), classifier, FOREIGN_SECOND_READING);
        const d = readThroughLexicon(own[i]!, lexiconGloss(own[i]!, engine.indexes[lang].lexicon), second, engine.indexes.classifier, classifier);
        asked++;
        const first = d.scored[0]?.id;
        if (d.outcome !== "none" && first === a.id) top1++;
        if (d.outcome === "answer") {
          if (first === a.id) right++;
          else wrong++;
        }
        if (d.outcome === "clarify") clarified++;
        if (!(d.outcome === "answer" && first === a.id)) misses.push({ q: own[i]!, expected: [a.id], outcome: d.outcome, got: d.scored.slice(0, 3).map((c) => c.id) });
      }
    }
  }
  return { lang, asked, top1: ratio(top1, asked), answeredRight: ratio(right, asked), answeredWrong: ratio(wrong, asked), clarified: ratio(clarified, asked), misses };
}

const HELD_OUT_FOLDS = 4;

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}
