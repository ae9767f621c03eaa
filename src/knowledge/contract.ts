/**
 * The stable contract of a question and its answer, shared by the `ask` CLI, `POST /api/ask`
 * and the bot. Other tools parse this; change it only additively.
 */
import { z } from "zod";
import { Audience, Language } from "./schema.js";

export const MAX_QUESTION_LENGTH = 1000;

export const AskRequest = z.strictObject({
  question: z
    .string()
    .trim()
    .min(1, "question must not be empty")
    .max(MAX_QUESTION_LENGTH, `question must be at most ${MAX_QUESTION_LENGTH} characters`),
  language: Language.optional(),
  audience: Audience.optional(),
});
export type AskRequest = z.infer<typeof AskRequest>;

export const Outcome = z.enum(["answer", "clarify", "handoff", "none"]);
export type Outcome = z.infer<typeof Outcome>;

export const AnswerContact = z.object({
  id: z.string(),
  name: z.string(),
  responsible_for: z.string(),
  website: z.string(),
  address: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
});

export const AskAnswer = z.object({
  id: z.string(),
  title: z.string(),
  /** The article's full answer text (Markdown) in the chosen language. */
  text: z.string(),
  legal: z.array(z.string()),
  sources: z.array(z.object({ title: z.string(), url: z.string() })),
  contacts: z.array(AnswerContact),
  reviewed: z.string(),
});
export type AskAnswer = z.infer<typeof AskAnswer>;

export const Alternative = z.object({ id: z.string(), title: z.string(), score: z.number() });

export const AskResult = z.object({
  question: z.string(),
  language: Language,
  outcome: Outcome,
  confidence: z.number().min(0).max(1),
  answer: AskAnswer.nullable(),
  alternatives: z.array(Alternative),
});
export type AskResult = z.infer<typeof AskResult>;
