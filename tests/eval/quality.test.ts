/**
 * Quality gate on the dev question set. Thresholds rise with the knowledge base; never edit a
 * dev question to make this pass — tune the engine.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultDecisionConfig } from "../../src/config.js";
import { evaluateBaseline, evaluateEngine, evaluateHeldOut, evaluateOutOfFold, loadEvalSet } from "../../src/eval/evaluate.js";
import { bundledEngine } from "../helpers/engine.js";

const DEV = path.resolve(import.meta.dirname, "questions.yaml");

// Every dev question (2,400 and growing) and every held-out uk/ar example question is asked.
describe("dev eval set", { timeout: 120_000 }, () => {
  const questions = loadEvalSet(DEV);
  const engine = bundledEngine();
  const { metrics } = evaluateEngine(engine, questions);

  it("covers every article with at least two questions, plus out-of-scope and handoff requests", () => {
    const perArticle = new Map<string, number>();
    for (const q of questions) for (const id of [q.expect].flat()) perArticle.set(id, (perArticle.get(id) ?? 0) + 1);
    for (const a of engine.articles) expect(perArticle.get(a.id) ?? 0, a.id).toBeGreaterThanOrEqual(2);
    expect(metrics.inScope).toBeGreaterThanOrEqual(150);
    expect(metrics.outOfScope).toBeGreaterThanOrEqual(40);
    expect(metrics.handoffs).toBeGreaterThanOrEqual(10);
  });

  it("only expects articles that exist", () => {
    const ids = new Set([...engine.articles.map((a) => a.id), "none", "handoff"]);
    for (const q of questions) for (const id of [q.expect].flat()) expect(ids.has(id), `${q.q} → ${id}`).toBe(true);
  });

  it("meets the quality thresholds", () => {
    // Just below what the engine reaches (issue 10). Batches 7 to 12 (questions written blind
    // to the engine) made the set harder: when each was first measured, the engine of the time
    // answered 70.9 % / 72.5 % / 75.6 % / – / 78.4 % / 69.5 % of them right and
    // 4.8 % / 4.0 % / 2.2 % / – / 2.2 % / 2.3 % wrong (batch 10 held no in-scope questions).
    expect(metrics.top1).toBeGreaterThanOrEqual(0.85);
    expect(metrics.answeredRight).toBeGreaterThanOrEqual(0.88);
    expect(metrics.answeredWrong).toBeLessThanOrEqual(0.02);
    // Out of scope 0.95 (the target) since batch 30: 110 out-of-scope questions that share
    // their words with one article, of which the engine rejected 63 when first measured and 74 after
    // the changes for it (dev set before it: 97.1 %, after: 95.7 %).
    expect(metrics.oosRejection).toBeGreaterThanOrEqual(0.95);
    expect(metrics.handoffDetection).toBe(1);
    expect(metrics.falseHandoffs).toBe(0);
  });

  it("meets them out of fold too, with the article model trained without each fifth of the set (it learns from the set's questions)", () => {
    // The in-sample figures above flatter: the article model has read these questions
    // (article-classifier.ts AskedQuestions). Out of fold on 1 December: 87.1 % right, 1.3 % wrong.
    const oof = evaluateOutOfFold(engine, questions, 5);
    expect(oof.inScope).toBe(metrics.inScope);
    expect(oof.answeredRight).toBeGreaterThanOrEqual(0.85);
    expect(oof.answeredWrong).toBeLessThanOrEqual(0.02);
    expect(oof.oosRejection).toBeGreaterThanOrEqual(0.95);
    expect(oof.falseHandoffs).toBe(0);
  }, 180_000);

  it("finds the article for held-out Ukrainian and Arabic example questions (lexicon, issue 10)", () => {
    // Before content/lexicon.yaml: uk 21 %, ar 14 % top-1; with it about 67 % and 69 %.
    for (const lang of ["uk", "ar"] as const) {
      const h = evaluateHeldOut(engine, lang, defaultDecisionConfig());
      expect(h.top1, lang).toBeGreaterThanOrEqual(0.62);
      expect(h.answeredWrong, lang).toBeLessThanOrEqual(0.02);
      // The second reading for Ukrainian and Arabic and the reading through the lexicon
      // (second-reading.ts): without them 26 % and 20 % were answered directly and right, with
      // the first 38 % and 36 %, with both 40 % and 38 %.
      expect(h.answeredRight, lang).toBeGreaterThanOrEqual(0.36);
    }
    // 464 questions, each against a foreign index rebuilt without it: seconds of work, more when
    // the machine is busy. Not a speed target (that is `npm run bench`).
  }, 120_000);

  it("beats plain Lunr on accuracy and on rejecting what is not ours", () => {
    const baseline = evaluateBaseline(engine.articles, questions);
    expect(metrics.top1).toBeGreaterThan(baseline.top1);
    expect(metrics.oosRejection).toBeGreaterThan(baseline.oosRejection);
  });
});
