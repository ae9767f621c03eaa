/**
 * Probefragen: before a draft is published, ask questions against the knowledge base with the
 * draft applied and show what changes. The draft's own example questions, the dev-set questions
 * labelled for the article and the questions a navigator types are always shown; every other
 * dev-set question is asked too, and shown only when its outcome changes (another article's
 * question that would now land on the draft, or one the draft pushes elsewhere).
 *
 * Domain only (no Fastify): the curation plugin validates the body with `TrialRequest`, builds
 * the draft engine with `engineWithDraft` and calls `runTrial`.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { EvalQuestion } from "../eval/evaluate.js";
import { KnowledgeEngine } from "../knowledge/engine.js";
import type { KnowledgeBase } from "../knowledge/loader.js";
import { Outcome, type AskResult } from "../knowledge/contract.js";
import { QUESTION_LANGUAGES, QuestionLanguage, type Article } from "../knowledge/schema.js";
import { buildIndexesInSlices } from "../knowledge/search-index.js";
import { runInSlices } from "../util/slices.js";
import { scrubPersonalData } from "../privacy/scrub.js";

export const MAX_TRIAL_QUESTIONS = 20;
export const MAX_TRIAL_QUESTION_LENGTH = 500;

/**
 * Body of POST /api/console/drafts/:id/trial. Typed questions are scrubbed here already: they
 * may end up in logs and in the response, and a navigator may paste a case with a BG-Nummer.
 */
export const TrialRequest = z.strictObject({
  questions: z
    .array(
      z
        .string()
        .trim()
        .min(1, "a question must not be empty")
        .max(MAX_TRIAL_QUESTION_LENGTH, `a question must be at most ${MAX_TRIAL_QUESTION_LENGTH} characters`)
        .transform(scrubPersonalData),
    )
    .min(1, "give at least one question, or leave questions out")
    .max(MAX_TRIAL_QUESTIONS, `at most ${MAX_TRIAL_QUESTIONS} questions at once`)
    .optional(),
});
export type TrialRequest = z.infer<typeof TrialRequest>;

export const TrialSource = z.enum(["draft", "dev", "typed", "other"]);
export type TrialSource = z.infer<typeof TrialSource>;

/** What one engine made of a question. */
export const TrialSide = z.object({
  outcome: Outcome,
  /** The answered article's id (outcome "answer"), else null. */
  id: z.string().nullable(),
  /** The offered articles' ids for outcome "clarify", else empty. */
  alternatives: z.array(z.string()),
  confidence: z.number(),
});
export type TrialSide = z.infer<typeof TrialSide>;

export const TrialRow = z.object({
  question: z.string(),
  language: QuestionLanguage,
  source: TrialSource,
  /** The article the question should reach: the draft's for draft/dev rows, the dev label for "other" (may be "none"/"handoff"), null for typed. */
  expected: z.string().nullable(),
  /**
   * The question is one of the draft's own example questions: it is in the draft's index, so its
   * answer is optimistic (a new wording from a real asker may not match as well).
   */
  ownExample: z.boolean(),
  before: TrialSide,
  after: TrialSide,
  changed: z.boolean(),
});
export type TrialRow = z.infer<typeof TrialRow>;

export const TrialSummary = z.object({
  /** Distinct questions asked on both engines, including every dev-set question checked for side effects. */
  asked: z.number().int(),
  /** Rows whose outcome changed (all sources). */
  changed: z.number().int(),
  /** Rows answered with the draft's article after, but not before. */
  nowHere: z.number().int(),
  /** Rows answered with the article before, but not after. */
  lostHere: z.number().int(),
  /** Draft and dev rows answered directly with the draft's article after. */
  draftRight: z.number().int(),
});
export type TrialSummary = z.infer<typeof TrialSummary>;

export const Trial = z.object({ rows: z.array(TrialRow), summary: TrialSummary });
export type Trial = z.infer<typeof Trial>;

/**
 * A new engine over the same knowledge base with `draft` in place of the article with its id
 * (or added when it is new): indexes rebuilt in memory, same decision config. The live engine,
 * its indexes and its answer cache are not touched (the engine only reads the knowledge base).
 * The draft must be a valid article (the caller validates it first).
 */
export async function engineWithDraft(engine: KnowledgeEngine, draft: Article): Promise<KnowledgeEngine> {
  const base = engine.kb;
  const exists = base.articles.some((a) => a.id === draft.id);
  const articles = exists ? base.articles.map((a) => (a.id === draft.id ? draft : a)) : [...base.articles, draft];
  const kb: KnowledgeBase = {
    ...base,
    articles,
    // A hash of its own, so nothing mistakes the trial knowledge base for the published one.
    contentHash: createHash("sha256").update(base.contentHash).update("\0draft\0").update(JSON.stringify(draft)).digest("hex"),
  };
  // In slices: training the article model and building the indexes take seconds, during which
  // the server would otherwise answer nobody.
  return new KnowledgeEngine(kb, await buildIndexesInSlices(kb), engine.decision);
}

export interface TrialInput {
  current: KnowledgeEngine;
  withDraft: KnowledgeEngine;
  articleId: string;
  /** Questions the navigator typed (validated by TrialRequest; scrubbed again here all the same). */
  typed: string[];
  /** The dev set (tests/eval/questions.yaml, loaded with loadEvalSet). Never the holdout set. */
  dev: EvalQuestion[];
}

interface Planned {
  question: string;
  language: QuestionLanguage | null;
  source: TrialSource;
  expected: string | null;
}

const keyOf = (q: string) => q.trim().normalize("NFC").toLowerCase();
const labelsOf = (q: EvalQuestion) => (Array.isArray(q.expect) ? q.expect : [q.expect]);

/**
 * Asks the planned questions on both engines, in slices (util/slices.ts): every dev question
 * twice takes tens of seconds, and the bot and the console go on answering meanwhile.
 */
export function runTrial(input: TrialInput): Promise<Trial> {
  return runInSlices(trialSteps(input));
}

/**
 * What the live engine answered to each dev-set question: a navigator tries a draft again and
 * again, and the live side stays the same until the next reload brings another engine (or the
 * day changes). The engine's own answer cache holds 5,000 answers, fewer than the dev set, and
 * asked in a fixed order they would push each other out. Only dev
 * questions are kept (a bounded set); typed ones are asked afresh.
 */
const liveSides = new WeakMap<KnowledgeEngine, { day: string; sides: Map<string, TrialSide> }>();

function liveSide(engine: KnowledgeEngine, question: string, keep: boolean): TrialSide {
  // Like the engine's own answer cache, only for a day: an article's review state may change at midnight.
  const day = engine.today();
  let cached = liveSides.get(engine);
  if (cached?.day !== day) liveSides.set(engine, (cached = { day, sides: new Map() }));
  const sides = cached.sides;
  const known = sides.get(question);
  if (known) return known;
  // `ask`, not `explain`: flows and the answer cache behave as for a real asker. Asking the
  // live engine only caches its own (correct) answers.
  const side = sideOf(engine.ask(question));
  if (keep) sides.set(question, side);
  return side;
}

function* trialSteps(input: TrialInput): Generator<void, Trial, undefined> {
  const { current, withDraft, articleId } = input;
  const draft = withDraft.article(articleId);
  const ownExamples = new Set<string>();
  for (const lang of QUESTION_LANGUAGES) for (const q of draft?.[lang]?.questions ?? []) ownExamples.add(keyOf(q));

  // Each question once; the first source wins (typed, then dev, then the draft's examples).
  const planned: Planned[] = [];
  const seen = new Set<string>();
  const plan = (p: Planned) => {
    const key = keyOf(p.question);
    if (!key || seen.has(key)) return;
    seen.add(key);
    planned.push(p);
  };
  for (const q of input.typed) plan({ question: scrubPersonalData(q.trim()), language: null, source: "typed", expected: null });
  for (const q of input.dev) if (labelsOf(q).includes(articleId)) plan({ question: q.q, language: null, source: "dev", expected: articleId });
  for (const lang of QUESTION_LANGUAGES) {
    for (const q of draft?.[lang]?.questions ?? []) plan({ question: q, language: lang, source: "draft", expected: articleId });
  }
  const shownCount = planned.length;
  for (const q of input.dev) if (!labelsOf(q).includes(articleId)) plan({ question: q.q, language: null, source: "other", expected: labelsOf(q)[0]! });

  const rows: TrialRow[] = [];
  for (const [i, p] of planned.entries()) {
    if (i > 0) yield;
    const before = liveSide(current, p.question, p.source === "dev" || p.source === "other");
    const after = withDraft.ask(p.question);
    const row: TrialRow = {
      question: p.question,
      language: p.language ?? after.language,
      source: p.source,
      expected: p.expected,
      ownExample: ownExamples.has(keyOf(p.question)),
      before,
      after: sideOf(after),
      changed: false,
    };
    row.changed = changedFor(row.before, row.after, articleId);
    if (i < shownCount || row.changed) rows.push(row);
  }

  const summary: TrialSummary = {
    asked: planned.length,
    changed: rows.filter((r) => r.changed).length,
    nowHere: rows.filter((r) => r.after.id === articleId && r.before.id !== articleId).length,
    lostHere: rows.filter((r) => r.before.id === articleId && r.after.id !== articleId).length,
    draftRight: rows.filter((r) => (r.source === "draft" || r.source === "dev") && r.after.outcome === "answer" && r.after.id === articleId).length,
  };
  return { rows, summary };
}

function sideOf(r: AskResult): TrialSide {
  return {
    outcome: r.outcome,
    id: r.outcome === "answer" ? (r.answer?.id ?? null) : null,
    alternatives: r.outcome === "clarify" ? r.alternatives.map((a) => a.id) : [],
    confidence: r.confidence,
  };
}

/**
 * Changed: another outcome or another answered article, or the draft's article joined or left
 * the choices of a clarification. Other shifts among the choices are noise from rebuilding the
 * index (term weights move a little) and would bury the rows that matter.
 */
function changedFor(before: TrialSide, after: TrialSide, articleId: string): boolean {
  return before.outcome !== after.outcome
    || before.id !== after.id
    || before.alternatives.includes(articleId) !== after.alternatives.includes(articleId);
}
