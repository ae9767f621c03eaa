/**
 * The shapes of knowledge curation in the console (drafts, four-eyes publishing, versions):
 * one zod schema per shape, the TypeScript types inferred. A draft is deliberately loose — any
 * field may be missing or invalid while a navigator types — but bounded, so a hostile body
 * cannot grow the database; the article rules themselves are checked by validate.ts with the
 * same schema and cross checks as `npm run content:check`.
 */
import { z } from "zod";
import { ReloadResult } from "../knowledge/live.js";

const str = (max: number) => z.string().max(max, `is longer than ${max} characters`);
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max, `has more than ${max} entries`);

/**
 * A field the draft schema does not know (the article schema may gain fields): kept for the article
 * schema to judge, but only shallow JSON — a body nested thousands deep would exhaust the stack.
 */
const MAX_EXTRA_DEPTH = 8;
const depthOf = (v: unknown, limit: number): number => {
  if (limit < 0 || v === null || typeof v !== "object") return 0;
  let deepest = 0;
  for (const x of Object.values(v)) deepest = Math.max(deepest, depthOf(x, limit - 1));
  return 1 + deepest;
};
const Extra = z.unknown().refine((v) => depthOf(v, MAX_EXTRA_DEPTH) <= MAX_EXTRA_DEPTH, `is nested more than ${MAX_EXTRA_DEPTH} levels deep`);

/** Limits far above the article rules (schema.ts) so a draft can hold a too-long text and be told so. */
export const DRAFT_LIMITS = { text: 20_000, line: 2_000, list: 200 } as const;

export const DraftText = z
  .object({
    title: str(DRAFT_LIMITS.line).optional(),
    summary: str(DRAFT_LIMITS.line).optional(),
    questions: list(str(DRAFT_LIMITS.line), DRAFT_LIMITS.list).optional(),
    answer: str(DRAFT_LIMITS.text).optional(),
    keywords: list(str(DRAFT_LIMITS.line), DRAFT_LIMITS.list).optional(),
  })
  // Fields the article schema gains later pass through and are judged by it (unknown → a problem).
  .catchall(Extra);
export type DraftText = z.infer<typeof DraftText>;

export const DraftSource = z.object({ title: str(DRAFT_LIMITS.line).optional(), url: str(DRAFT_LIMITS.line).optional() }).catchall(Extra);

/** An article being edited: the fields of an article file plus its id and area (which give its path). */
export const DraftArticle = z
  .object({
    id: str(120).optional(),
    area: str(60).optional(),
    audiences: list(str(60), 20).optional(),
    reviewed: str(40).optional(),
    review_every_months: z.number().optional(),
    owner: str(DRAFT_LIMITS.line).optional(),
    legal: list(str(DRAFT_LIMITS.line), DRAFT_LIMITS.list).optional(),
    sources: list(DraftSource, DRAFT_LIMITS.list).optional(),
    contacts: list(str(120), DRAFT_LIMITS.list).optional(),
    related: list(str(120), DRAFT_LIMITS.list).optional(),
    de: DraftText.optional(),
    en: DraftText.optional(),
    uk: DraftText.optional(),
    ar: DraftText.optional(),
  })
  .catchall(Extra);
export type DraftArticle = z.infer<typeof DraftArticle>;

/** A problem shown beside a form field: `de.summary`, `en.questions[2]`, `contacts[0]`, `id`, `area`; "" for the article as a whole. */
export const FieldProblem = z.object({
  path: z.string(),
  severity: z.enum(["error", "warning"]),
  code: z.string(),
  message: z.string(),
  /** Where content:check would report it, for problems outside the draft's own file. */
  file: z.string().optional(),
  line: z.number().int().optional(),
  col: z.number().int().optional(),
});
export type FieldProblem = z.infer<typeof FieldProblem>;

export const DRAFT_KINDS = ["new", "edit", "rollback"] as const;
export const DraftKind = z.enum(DRAFT_KINDS);
export type DraftKind = z.infer<typeof DraftKind>;
export const DRAFT_STATUSES = ["draft", "review", "published", "discarded"] as const;
export const DraftStatus = z.enum(DRAFT_STATUSES);
export type DraftStatus = z.infer<typeof DraftStatus>;

export const Person = z.object({ id: z.string(), name: z.string() });
export type Person = z.infer<typeof Person>;

export const Draft = z.object({
  id: z.number().int().positive(),
  articleId: z.string().nullable(),
  kind: DraftKind,
  status: DraftStatus,
  draft: DraftArticle,
  /** Increases with every save; a save or approval names the revision it saw (optimistic locking). */
  revision: z.number().int().min(1),
  /** sha256 of the article file when the draft was started; null for a new article. */
  baseHash: z.string().nullable(),
  author: Person,
  reviewer: Person.nullable(),
  /** Who saved last (the author, or a reviewer sending it back). */
  updatedBy: Person,
  /** Everyone who wrote content into the draft, the author first: with four eyes none of them may approve it. */
  editors: z.array(Person),
  comment: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  publishedVersion: z.number().int().nullable(),
  /** The version a rollback restores. */
  rollbackOf: z.number().int().nullable(),
  problems: z.array(FieldProblem),
});
export type Draft = z.infer<typeof Draft>;

export const DraftSummary = z.object({
  id: z.number().int().positive(),
  articleId: z.string().nullable(),
  kind: DraftKind,
  status: DraftStatus,
  title: z.string().nullable(),
  area: z.string().nullable(),
  revision: z.number().int(),
  author: Person,
  reviewer: Person.nullable(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
});
export type DraftSummary = z.infer<typeof DraftSummary>;

export const VERSION_KINDS = ["imported", "new", "edit", "rollback"] as const;
export const VersionSummary = z.object({
  articleId: z.string(),
  version: z.number().int().positive(),
  kind: z.enum(VERSION_KINDS),
  publishedAt: z.string(),
  author: Person.nullable(),
  reviewer: Person.nullable(),
  contentHash: z.string(),
  draftId: z.number().int().nullable(),
  note: z.string().nullable(),
});
export type VersionSummary = z.infer<typeof VersionSummary>;

export const VersionDetail = VersionSummary.extend({
  yaml: z.string(),
  /** Unified diff to the previous version ("" for the first). */
  diff: z.string(),
});
export type VersionDetail = z.infer<typeof VersionDetail>;

export const ARTICLE_FLAGS = ["review_overdue", "review_soon", "withheld", "translation_stale"] as const;
export const ARTICLE_ROW_STATUSES = ["published", "draft", "review", "new"] as const;
export const ArticleRow = z.object({
  id: z.string(),
  area: z.string(),
  title: z.string(),
  owner: z.string(),
  reviewed: z.string(),
  reviewDue: z.string(),
  status: z.enum(ARTICLE_ROW_STATUSES),
  flags: z.array(z.enum(ARTICLE_FLAGS)),
  draft: z.object({ id: z.number().int(), status: DraftStatus, author: z.string(), updatedAt: z.string() }).nullable(),
});
export type ArticleRow = z.infer<typeof ArticleRow>;

// ── requests ──────────────────────────────────────────────────────────────

const trimmed = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `is longer than ${max} characters`);

export const ArticleQuery = z.object({
  q: z.string().trim().max(200).optional(),
  area: z.string().trim().max(60).optional(),
  owner: z.string().trim().max(200).optional(),
  status: z.enum(ARTICLE_ROW_STATUSES).optional(),
});
export type ArticleQuery = z.infer<typeof ArticleQuery>;

export const ArticleListing = z.object({ articles: z.array(ArticleRow), areas: z.array(z.string()), owners: z.array(z.string()) });
export type ArticleListing = z.infer<typeof ArticleListing>;

/** Article ids are kebab-case (they name a file): "../x" never reaches the disk. */
export const ArticleParams = z.strictObject({
  id: z.string().max(120).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "is not an article id (kebab-case)"),
});
export const VersionParams = ArticleParams.extend({ version: z.coerce.number().int().min(1).max(1_000_000) });
export const DraftParams = z.strictObject({ id: z.coerce.number().int().min(1).max(2 ** 31) });

export const ArticleDetail = z.object({
  id: z.string(),
  area: z.string(),
  file: z.string(),
  fileHash: z.string(),
  /** The file's fields as written on disk (defaults not filled in). */
  article: z.record(z.string(), z.unknown()),
  versions: z.number().int(),
});
export type ArticleDetail = z.infer<typeof ArticleDetail>;

/** `draftId`: validate in the context of a stored draft (which article it edits); without it, a draft whose id exists edits that article. */
const DraftContext = z.number().int().min(1).max(2 ** 31).optional();
export const ValidateBody = z.strictObject({ draft: DraftArticle, draftId: DraftContext });
export const ValidateResult = z.object({ ok: z.boolean(), problems: z.array(FieldProblem) });
export type ValidateResult = z.infer<typeof ValidateResult>;

export const PreviewBody = z.strictObject({ draft: DraftArticle, language: z.enum(["de", "en"]).default("de"), draftId: DraftContext });
export const PreviewResult = z.object({ card: z.record(z.string(), z.unknown()) });

export const MAX_DRAFT_QUESTIONS = 50;
export const CreateDraftBody = z.union([
  z.strictObject({ articleId: ArticleParams.shape.id }),
  z.strictObject({
    questions: z.array(trimmed(1000)).min(1, "needs at least one question").max(MAX_DRAFT_QUESTIONS, `at most ${MAX_DRAFT_QUESTIONS} questions`),
    articleId: ArticleParams.shape.id.optional(),
  }),
]);
export type CreateDraftBody = z.infer<typeof CreateDraftBody>;

export const DraftListQuery = z.object({ status: DraftStatus.optional() });
export const DraftList = z.object({ drafts: z.array(DraftSummary) });

const Revision = z.number().int().min(1).max(2 ** 31);
export const SaveDraftBody = z.strictObject({ revision: Revision, draft: DraftArticle });
export const RevisionBody = z.strictObject({ revision: Revision });
export const RejectBody = z.strictObject({ revision: Revision, comment: z.string().trim().max(2000).optional() });

/** `reload`: what the live knowledge base made of the new content (src/knowledge/live.ts). */
export const ApproveResult = z.object({ draft: Draft, version: VersionSummary, reload: ReloadResult });
export type ApproveResult = z.infer<typeof ApproveResult>;

export const VersionList = z.object({ versions: z.array(VersionSummary) });

/** Every curation error: a code for the console to word, the parameters it needs, and problems for 422. */
export const CurationErrorBody = z.object({
  error: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
  problems: z.array(FieldProblem).optional(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type CurationErrorBody = z.infer<typeof CurationErrorBody>;
