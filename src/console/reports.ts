/**
 * What tells the navigators which articles to write or fix: the questions Lotse could not
 * answer, grouped by wording, and the feedback on each article. Reads the tables that
 * src/storage/records.ts fills; those hold no personal data.
 */
import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "../storage/database.js";
import { toCsv } from "./csv.js";

export const UnansweredGroup = z.object({
  /** The latest wording of the question. */
  question: z.string(),
  count: z.number().int(),
  firstAskedAt: z.string(),
  lastAskedAt: z.string(),
  languages: z.array(z.string()),
  audiences: z.array(z.string()),
  /** Articles the engine found but did not trust, most frequent first. */
  candidates: z.array(z.string()),
});
export type UnansweredGroup = z.infer<typeof UnansweredGroup>;

export const FeedbackComment = z.object({
  helpful: z.boolean(),
  comment: z.string(),
  createdAt: z.string(),
  language: z.string(),
});

export const ArticleFeedback = z.object({
  articleId: z.string(),
  /** German title; null when the article no longer exists. */
  title: z.string().nullable(),
  helpful: z.number().int(),
  notHelpful: z.number().int(),
  lastAt: z.string(),
  comments: z.array(FeedbackComment),
});
export type ArticleFeedback = z.infer<typeof ArticleFeedback>;

/** Case, punctuation and spacing do not make a different question. */
export function questionKey(question: string): string {
  return question
    .normalize("NFKC")
    .toLocaleLowerCase("de")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const MAX_CANDIDATES = 5;

export async function unansweredGroups(db: Db): Promise<UnansweredGroup[]> {
  const rows = await db
    .selectFrom("unanswered")
    .select(["created_at", "question", "language", "audience", "candidates"])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const groups = new Map<string, UnansweredGroup & { candidateCounts: Map<string, number> }>();
  for (const row of rows) {
    const key = questionKey(row.question);
    if (!key) continue;
    let g = groups.get(key);
    if (!g) {
      g = { question: row.question, count: 0, firstAskedAt: row.created_at, lastAskedAt: row.created_at, languages: [], audiences: [], candidates: [], candidateCounts: new Map() };
      groups.set(key, g);
    }
    g.count++;
    g.question = row.question;
    g.lastAskedAt = row.created_at;
    if (!g.languages.includes(row.language)) g.languages.push(row.language);
    if (row.audience && !g.audiences.includes(row.audience)) g.audiences.push(row.audience);
    for (const id of JSON.parse(row.candidates) as string[]) g.candidateCounts.set(id, (g.candidateCounts.get(id) ?? 0) + 1);
  }
  return [...groups.values()]
    .map(({ candidateCounts, ...g }) => ({
      ...g,
      candidates: [...candidateCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_CANDIDATES).map(([id]) => id),
    }))
    .sort((a, b) => b.count - a.count || b.lastAskedAt.localeCompare(a.lastAskedAt));
}

/**
 * Each row is one vote: a conversation's second click on the same answer changed its row
 * (src/storage/records.ts), so counting rows counts each conversation once, with its last verdict.
 */
export async function articleFeedback(db: Db, titleOf: (articleId: string) => string | undefined): Promise<ArticleFeedback[]> {
  // A changed vote counts from when it was changed.
  const at = sql<string>`COALESCE(updated_at, created_at)`;
  const rows = await db
    .selectFrom("feedback")
    .select([at.as("created_at"), "article_id", "helpful", "comment", "language"])
    .orderBy(at)
    .orderBy("id")
    .execute();
  const byArticle = new Map<string, ArticleFeedback>();
  for (const row of rows) {
    let a = byArticle.get(row.article_id);
    if (!a) {
      a = { articleId: row.article_id, title: titleOf(row.article_id) ?? null, helpful: 0, notHelpful: 0, lastAt: row.created_at, comments: [] };
      byArticle.set(row.article_id, a);
    }
    if (row.helpful === 1) a.helpful++;
    else a.notHelpful++;
    a.lastAt = row.created_at;
    if (row.comment) a.comments.push({ helpful: row.helpful === 1, comment: row.comment, createdAt: row.created_at, language: row.language });
  }
  // Most "not helpful" first: those are the articles to fix.
  return [...byArticle.values()].sort((a, b) => b.notHelpful - a.notHelpful || b.helpful + b.notHelpful - (a.helpful + a.notHelpful) || a.articleId.localeCompare(b.articleId));
}

export function unansweredCsv(groups: readonly UnansweredGroup[]): string {
  return toCsv(
    ["question", "count", "first_asked_at", "last_asked_at", "languages", "audiences", "candidate_articles"],
    groups.map((g) => [g.question, g.count, g.firstAskedAt, g.lastAskedAt, g.languages.join(" "), g.audiences.join(" "), g.candidates.join(" ")]),
  );
}

/** One row per comment (the article's counts repeated), and one row for an article without comments. */
export function feedbackCsv(articles: readonly ArticleFeedback[]): string {
  const rows = articles.flatMap((a) => {
    const head = [a.articleId, a.title ?? "", a.helpful, a.notHelpful, a.lastAt] as const;
    if (a.comments.length === 0) return [[...head, "", "", "", ""]];
    return a.comments.map((c) => [...head, c.helpful ? "helpful" : "not helpful", c.comment, c.language, c.createdAt]);
  });
  return toCsv(["article_id", "title", "helpful", "not_helpful", "last_feedback_at", "comment_verdict", "comment", "comment_language", "comment_at"], rows);
}
