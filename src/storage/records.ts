/**
 * What the bot keeps for navigators: feedback on answers and questions it could not answer.
 * Free text is scrubbed of personal data here, at the only door into these tables.
 */
import { createHash } from "node:crypto";
import { scrubPersonalData } from "../privacy/scrub.js";
import type { Db } from "./database.js";

export interface FeedbackRecord {
  /** One vote per conversation and article: a later click on the same answer changes it. */
  conversationId?: string;
  articleId: string;
  helpful: boolean;
  comment?: string;
  /** The question that led to the answer, when known. */
  question?: string;
  language: string;
  channel: string;
}

export interface UnansweredRecord {
  question: string;
  language: string;
  audience?: string;
  /** Ids of the weak candidates the engine found, for navigators writing a new article. */
  candidates: string[];
  channel: string;
}

/** The bot depends on this, not on SQLite. */
export interface NavigatorRecords {
  saveFeedback(record: FeedbackRecord): void;
  saveUnanswered(record: UnansweredRecord): void;
}

export interface StoredFeedback extends Omit<FeedbackRecord, "conversationId"> {
  id: number;
  createdAt: string;
  /** When the vote was last changed; absent when it never was. */
  updatedAt?: string;
}

export interface StoredUnanswered extends UnansweredRecord {
  id: number;
  createdAt: string;
}

const MAX_TEXT = 2000;
const clean = (text: string | undefined) => (text ? scrubPersonalData(text).slice(0, MAX_TEXT) : null);

export class SqliteNavigatorRecords implements NavigatorRecords {
  private readonly insertFeedback;
  private readonly insertUnanswered;

  constructor(private readonly db: Db) {
    // The partial unique index (migration 5) makes this an upsert for votes with a conversation;
    // a comment given earlier stays when the second click has none.
    this.insertFeedback = db.prepare(
      `INSERT INTO feedback (created_at, article_id, helpful, comment, question, language, channel, vote_key)
       VALUES (@createdAt, @articleId, @helpful, @comment, @question, @language, @channel, @voteKey)
       ON CONFLICT (vote_key, article_id) WHERE vote_key IS NOT NULL DO UPDATE SET
         helpful = excluded.helpful,
         comment = COALESCE(excluded.comment, feedback.comment),
         question = COALESCE(excluded.question, feedback.question),
         language = excluded.language,
         updated_at = excluded.created_at`,
    );
    this.insertUnanswered = db.prepare(
      `INSERT INTO unanswered (created_at, question, language, audience, candidates, channel)
       VALUES (@createdAt, @question, @language, @audience, @candidates, @channel)`,
    );
  }

  saveFeedback(r: FeedbackRecord): void {
    this.insertFeedback.run({
      createdAt: new Date().toISOString(),
      articleId: r.articleId,
      helpful: r.helpful ? 1 : 0,
      comment: clean(r.comment?.trim()),
      question: clean(r.question),
      language: r.language,
      channel: r.channel,
      voteKey: r.conversationId ? voteKey(r.conversationId) : null,
    });
  }

  saveUnanswered(r: UnansweredRecord): void {
    this.insertUnanswered.run({
      createdAt: new Date().toISOString(),
      question: clean(r.question) ?? "",
      language: r.language,
      audience: r.audience ?? null,
      candidates: JSON.stringify(r.candidates),
      channel: r.channel,
    });
  }

  listFeedback(): StoredFeedback[] {
    const rows = this.db.prepare("SELECT * FROM feedback ORDER BY id").all() as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      id: r.id as number,
      createdAt: r.created_at as string,
      articleId: r.article_id as string,
      helpful: r.helpful === 1,
      ...(r.comment != null ? { comment: r.comment as string } : {}),
      ...(r.question != null ? { question: r.question as string } : {}),
      language: r.language as string,
      channel: r.channel as string,
      ...(r.updated_at != null ? { updatedAt: r.updated_at as string } : {}),
    }));
  }

  /**
   * Article ids by how many votes (helpful or not) they received, most first: the closest record
   * Lotse keeps of which articles people are shown, since answered questions are not stored.
   * Counts per article only — nothing about who voted or what was asked.
   */
  mostVotedArticles(limit = 50): string[] {
    const rows = this.db
      .prepare("SELECT article_id FROM feedback GROUP BY article_id ORDER BY COUNT(*) DESC, MAX(created_at) DESC, article_id LIMIT ?")
      .all(limit) as Array<{ article_id: string }>;
    return rows.map((r) => r.article_id);
  }

  listUnanswered(): StoredUnanswered[] {
    const rows = this.db.prepare("SELECT * FROM unanswered ORDER BY id").all() as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      id: r.id as number,
      createdAt: r.created_at as string,
      question: r.question as string,
      language: r.language as string,
      ...(r.audience != null ? { audience: r.audience as string } : {}),
      candidates: JSON.parse(r.candidates as string) as string[],
      channel: r.channel as string,
    }));
  }
}

/** Feedback needs to know which votes belong together, not which conversation cast them. */
function voteKey(conversationId: string): string {
  return createHash("sha256").update(`lotse-feedback:${conversationId}`).digest("base64url").slice(0, 22);
}
