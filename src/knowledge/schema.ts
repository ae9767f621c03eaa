/**
 * The shapes of the knowledge base files navigators edit. Each zod schema is the single
 * source of truth; the TypeScript types are inferred from it.
 */
import { z } from "zod";

export const AREAS = [
  "aufenthalt-arbeit",
  "foerderung",
  "ausbildung",
  "sprache",
  "anerkennung",
  "sozialleistungen",
  "ehrenamt",
  "zustaendigkeiten",
] as const;
export const Area = z.enum(AREAS);
export type Area = z.infer<typeof Area>;

export const AUDIENCES = ["employer", "chamber", "association", "volunteer"] as const;
export const Audience = z.enum(AUDIENCES);
export type Audience = z.infer<typeof Audience>;

export const LANGUAGES = ["de", "en"] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** Languages a question may be asked in: the article languages plus those with example questions only. */
export const QUESTION_LANGUAGES = ["de", "en", "uk", "ar"] as const;
export const QuestionLanguage = z.enum(QUESTION_LANGUAGES);
export type QuestionLanguage = z.infer<typeof QuestionLanguage>;
export const FOREIGN_LANGUAGES = ["uk", "ar"] as const;
export type ForeignLanguage = (typeof FOREIGN_LANGUAGES)[number];
export function isArticleLanguage(lang: QuestionLanguage): lang is Language {
  return lang === "de" || lang === "en";
}

export const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const Id = z
  .string()
  .regex(KEBAB_ID, "must be kebab-case: lower-case letters, digits and single hyphens (e.g. eingliederungszuschuss)");

/** A calendar date written as YYYY-MM-DD (the "Stand" of an article). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written as YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    message: "is not a real calendar date",
  });

export const HttpsUrl = z
  .string()
  .url("must be a web address")
  .refine((u) => u.startsWith("https://"), { message: "must start with https://" });

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `is longer than ${max} characters`);

/**
 * On a translated block (en, uk, ar): the hash of the German text it was translated from
 * (src/knowledge/review.ts germanHash). When the German changes later, the translation is
 * flagged as stale. Quoted in YAML, or twelve digits would be read as a number.
 */
export const SourceHash = z
  .string()
  .regex(/^[0-9a-f]{12}$/, 'must be 12 lower-case hex characters in quotes, e.g. "3f2a9c01b7d4" (npm run content:report -- --stamp ID)');

export const ArticleText = z.strictObject({
  title: text(160),
  /** The short answer shown first (2–3 sentences); the full answer is one tap away. */
  summary: text(350),
  questions: z.array(text(300)).min(3, "needs at least 3 example questions"),
  /** Markdown. The first paragraph is a self-contained short answer. */
  answer: text(12_000),
  keywords: z.array(text(80)).default([]),
  /** Only on en: hash of the German text this translation follows (see SourceHash). */
  source_hash: SourceHash.optional(),
});
export type ArticleText = z.infer<typeof ArticleText>;

/**
 * Example questions in a language the articles are not written in (Ukrainian, Arabic): how
 * people ask in their language, so that search finds the article; the answer is shown in
 * German or English.
 */
export const ArticleQuestions = z.strictObject({
  questions: z.array(text(300)).min(3, "needs at least 3 example questions"),
  /** Hash of the German text these questions were written for (see SourceHash). */
  source_hash: SourceHash.optional(),
});
export type ArticleQuestions = z.infer<typeof ArticleQuestions>;

export const Source = z.strictObject({
  title: text(200),
  url: HttpsUrl,
});
export type Source = z.infer<typeof Source>;

/** An article file as written on disk (the id and area come from its path). */
export const ArticleFile = z.strictObject({
  /** Optional; when present it must equal the file name. */
  id: Id.optional(),
  audiences: z.array(Audience).min(1, "needs at least one audience"),
  de: ArticleText,
  en: ArticleText,
  uk: ArticleQuestions,
  ar: ArticleQuestions,
  legal: z.array(text(200)).min(1, "needs at least one legal basis (e.g. § 88 SGB III)"),
  sources: z.array(Source).min(1, "needs at least one official source"),
  contacts: z.array(Id).default([]),
  related: z.array(Id).default([]),
  reviewed: IsoDate,
  review_every_months: z.number().int().min(1).max(36).default(12),
  owner: text(120),
});
export type ArticleFile = z.infer<typeof ArticleFile>;

export const Article = ArticleFile.omit({ id: true }).extend({
  id: Id,
  area: Area,
  /** Path relative to the content root, for messages. */
  file: z.string(),
});
export type Article = z.infer<typeof Article>;

export const LocalizedText = z.strictObject({ de: text(400), en: text(400) });

export const Contact = z
  .strictObject({
    id: Id,
    name: LocalizedText,
    responsible_for: LocalizedText,
    address: text(300).optional(),
    website: HttpsUrl,
    phone: text(60).optional(),
    email: z.string().email("must be an e-mail address").optional(),
    /** The official page that states the phone number or e-mail address. */
    contact_source: HttpsUrl.optional(),
  })
  .refine((c) => !(c.phone || c.email) || c.contact_source, {
    message: "phone or e-mail given without contact_source (the official page that states them)",
    path: ["contact_source"],
  });
export type Contact = z.infer<typeof Contact>;

export const ContactsFile = z.strictObject({
  contacts: z.array(Contact),
});
export type ContactsFile = z.infer<typeof ContactsFile>;

const SynonymGroup = z.array(text(80)).min(2, "a synonym group needs at least two terms");
export const SynonymsFile = z.strictObject({
  de: z.array(SynonymGroup).default([]),
  en: z.array(SynonymGroup).default([]),
});
export type SynonymsFile = z.infer<typeof SynonymsFile>;

/**
 * content/lexicon.yaml: Ukrainian and Arabic wordings of the domain's concepts, each with the
 * German search terms it stands for ("дозвіл на роботу" → Arbeitserlaubnis). A question in those
 * languages then also searches the German articles, not only their few example questions.
 */
const LexiconTerms = z.array(text(80)).default([]);
export const LexiconEntry = z
  .strictObject({
    /** German search words (one concept; several words are alternatives, e.g. "Arbeitserlaubnis Beschäftigungserlaubnis"). */
    de: text(200),
    uk: LexiconTerms,
    ar: LexiconTerms,
  })
  .refine((e) => e.uk.length + e.ar.length > 0, { message: "needs at least one Ukrainian (uk) or Arabic (ar) wording", path: ["uk"] });
export type LexiconEntry = z.infer<typeof LexiconEntry>;
export const LexiconFile = z.strictObject({ lexicon: z.array(LexiconEntry) });
export type LexiconFile = z.infer<typeof LexiconFile>;

/**
 * content/not-covered.yaml: topics near the domain that no article covers (general labour law,
 * taxes, Wohngeld …), each with the terms people type for it. A question with such a term is
 * answered "not covered" instead of with a weakly related article (src/knowledge/not-covered.ts).
 */
const NotCoveredTerms = z.array(text(80).refine((s) => /[\p{L}\p{N}]{3}/u.test(s), { message: "a term needs a word of at least 3 letters" }));
export const NotCoveredTopic = z.strictObject({
  id: Id,
  de: NotCoveredTerms.min(1, "needs at least one German term"),
  en: NotCoveredTerms.min(1, "needs at least one English term"),
  uk: NotCoveredTerms.optional(),
  ar: NotCoveredTerms.optional(),
});
export type NotCoveredTopic = z.infer<typeof NotCoveredTopic>;
export const NotCoveredFile = z.strictObject({ topics: z.array(NotCoveredTopic) });
export type NotCoveredFile = z.infer<typeof NotCoveredFile>;
