/**
 * The stable contract of a question and its answer, shared by the `ask` CLI, `POST /api/ask`
 * and the bot. Other tools parse this; change it only additively.
 */
import { z } from "zod";
import { Audience, Language, QuestionLanguage } from "./schema.js";
import { FlowView } from "./flows/view.js";
import { ContactView } from "./contact-view.js";
import { ReviewState } from "./review.js";

export const MAX_QUESTION_LENGTH = 1000;

export const AskRequest = z.strictObject({
  question: z
    .string()
    .trim()
    .min(1, "question must not be empty")
    .max(MAX_QUESTION_LENGTH, `question must be at most ${MAX_QUESTION_LENGTH} characters`),
  /** The asker's language (de, en, uk, ar); the answer is in it when it is de or en. */
  language: QuestionLanguage.optional(),
  /** The language of the answer text; by default `language`, English for uk and ar. */
  answerLanguage: Language.optional(),
  audience: Audience.optional(),
});
export type AskRequest = z.infer<typeof AskRequest>;

// "flow": a broad question starts a guided referral (src/knowledge/flows); see `flow` below.
export const Outcome = z.enum(["answer", "clarify", "handoff", "none", "flow"]);
export type Outcome = z.infer<typeof Outcome>;

export const AnswerContact = ContactView;

export const AskAnswer = z.object({
  id: z.string(),
  title: z.string(),
  /** The short answer to show first (2–3 sentences); `text` is one tap away. */
  summary: z.string(),
  /** The article's full answer text (Markdown) in the chosen language. */
  text: z.string(),
  legal: z.array(z.string()),
  sources: z.array(z.object({ title: z.string(), url: z.string() })),
  contacts: z.array(AnswerContact),
  reviewed: z.string(),
  /**
   * The review lifecycle (src/knowledge/review.ts): `due` is the day the next review is due;
   * "overdue" answers carry a visible "Stand … – bitte bei … prüfen" note. A "withheld" article
   * is never the answer of `ask` (outcome "handoff", reason "review_overdue").
   */
  review: z.object({ due: z.string(), state: ReviewState }),
});
export type AskAnswer = z.infer<typeof AskAnswer>;

export const Alternative = z.object({ id: z.string(), title: z.string(), score: z.number() });

export const AskResult = z.object({
  question: z.string(),
  /** The asker's language: the requested `language`, else the one the question is written in (de, en, uk, ar). */
  language: QuestionLanguage,
  /** The language of `answer` and the alternatives' titles (de or en; English for uk/ar unless asked otherwise). */
  answerLanguage: Language,
  outcome: Outcome,
  confidence: z.number().min(0).max(1),
  answer: AskAnswer.nullable(),
  alternatives: z.array(Alternative),
  /** Only with outcome "flow": the guided referral and its first step. */
  flow: FlowView.optional(),
  /**
   * Why the outcome is "handoff": "review_overdue" when the best article is withheld because
   * its review is overdue beyond the grace period (offer a navigator instead). Absent when the
   * asker asked for a person.
   */
  reason: z.enum(["review_overdue"]).optional(),
});
export type AskResult = z.infer<typeof AskResult>;
