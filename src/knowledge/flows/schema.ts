/**
 * The shape of a guided referral ("Wegweiser") in `content/flows/<id>.yaml`: a few questions
 * with 2–6 options each, every option leading to the next step, an article or a referral.
 */
import { z } from "zod";
import { Audience, Id, IsoDate } from "../schema.js";

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `is longer than ${max} characters`);

/** Text shown to people: German and English always, Ukrainian and Arabic when a navigator wrote them. */
const localized = (max: number) => z.strictObject({ de: text(max), en: text(max), uk: text(max).optional(), ar: text(max).optional() });
export const FlowText = localized(600);
export type FlowText = z.infer<typeof FlowText>;

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 6;

export const FlowOption = z.strictObject({
  label: localized(120),
  /** Exactly one of these three says where the option leads (checked with the graph). */
  next: Id.optional(),
  article: Id.optional(),
  referral: Id.optional(),
});
export type FlowOption = z.infer<typeof FlowOption>;

export const FlowStep = z.strictObject({
  question: localized(300),
  /** 2–6 options; counted by the graph check, whose message says how many there are. */
  options: z.array(FlowOption),
});
export type FlowStep = z.infer<typeof FlowStep>;

export const FlowReferral = z.strictObject({
  title: localized(160),
  /** What happens there and why this office: facts from the articles only. */
  text: FlowText,
  contacts: z.array(Id).min(1, "a referral names at least one contact from contacts.yaml"),
  /** What the person (or the employer) should bring or have at hand. */
  bring: z.array(localized(200)).min(1, "say what to bring (at least one item)"),
});
export type FlowReferral = z.infer<typeof FlowReferral>;

const triggers = z.array(text(300));
export const FlowQuestions = z.strictObject({
  de: triggers.min(2, "needs at least 2 trigger questions"),
  en: triggers.min(2, "needs at least 2 trigger questions"),
  uk: triggers.optional(),
  ar: triggers.optional(),
});

/** A flow file as written on disk (the id comes from the file name). */
export const FlowFile = z.strictObject({
  id: Id.optional(),
  audiences: z.array(Audience).min(1, "needs at least one audience").default(["employer", "chamber", "association", "volunteer"]),
  reviewed: IsoDate,
  owner: text(120),
  title: localized(160),
  intro: FlowText,
  /** Broad questions that start this flow ("Welche Förderung gibt es?"). */
  questions: FlowQuestions,
  /** The id of the first step. */
  start: Id,
  steps: z.record(Id, FlowStep),
  referrals: z.record(Id, FlowReferral).default({}),
});
export type FlowFile = z.infer<typeof FlowFile>;

export const Flow = FlowFile.omit({ id: true }).extend({
  id: Id,
  /** Path relative to the content root's parent, for messages. */
  file: z.string(),
});
export type Flow = z.infer<typeof Flow>;

/** The languages flow texts are always written in (the contract's languages). */
export type FlowLanguage = "de" | "en";
/** The UI languages a flow text may be written in. */
export type FlowTextLanguage = FlowLanguage | "uk" | "ar";

/** Text in the wanted language, falling back to German or English (`fallback`). */
export function pickText(t: { de: string; en: string; uk?: string; ar?: string }, lang: FlowTextLanguage, fallback: FlowLanguage = "de"): string {
  return t[lang] ?? t[fallback];
}
