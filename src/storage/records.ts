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

/** The bot depends on this, not on a database. */
export interface NavigatorRecords {
  saveFeedback(record: FeedbackRecord): Promise<void>;
  saveUnanswered(record: UnansweredRecord): Promise<void>;
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

export class DatabaseNavigatorRecords implements NavigatorRecords {
  constructor(private readonly db: Db) {}

  async saveFeedback(r: FeedbackRecord): Promise<void> {
    await this.db
      .insertInto("feedback")
      .values({
        created_at: new Date().toISOString(),
        article_id: r.articleId,
        helpful: r.helpful ? 1 : 0,
        comment: clean(r.comment?.trim()),
        question: clean(r.question),
        language: r.language,
        channel: r.channel,
        vote_key: r.conversationId ? voteKey(r.conversationId) : null,
      })
      // The partial unique index (migration 5) makes this an upsert for votes with a
      // conversation; a comment given earlier stays when the second click has none.
      .onConflict((oc) =>
        oc
          .columns(["vote_key", "article_id"])
          .where("vote_key", "is not", null)
          .doUpdateSet((eb) => ({
            helpful: eb.ref("excluded.helpful"),
            comment: eb.fn.coalesce("excluded.comment", "feedback.comment"),
            question: eb.fn.coalesce("excluded.question", "feedback.question"),
            language: eb.ref("excluded.language"),
            updated_at: eb.ref("excluded.created_at"),
          })),
      )
      .execute();
  }

  async saveUnanswered(r: UnansweredRecord): Promise<void> {
    await this.db
      .insertInto("unanswered")
      .values({
        created_at: new Date().toISOString(),
        question: clean(r.question) ?? "",
        language: r.language,
        audience: r.audience ?? null,
        candidates: JSON.stringify(r.candidates),
        channel: r.channel,
      })
      .execute();
  }

  async listFeedback(): Promise<StoredFeedback[]> {
    const rows = await this.db.selectFrom("feedback").selectAll().orderBy("id").execute();
    return rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      articleId: r.article_id,
      helpful: r.helpful === 1,
      ...(r.comment != null ? { comment: r.comment } : {}),
      ...(r.question != null ? { question: r.question } : {}),
      language: r.language,
      channel: r.channel,
      ...(r.updated_at != null ? { updatedAt: r.updated_at } : {}),
    }));
  }

  /**
   * Article ids by how many votes (helpful or not) they received, most first: the closest record
   * Lotse keeps of which articles people are shown, since answered questions are not stored.
   * Counts per article only — nothing about who voted or what was asked.
   */
  async mostVotedArticles(limit = 50): Promise<string[]> {
    const rows = await this.db
      .selectFrom("feedback")
      .select("article_id")
      .groupBy("article_id")
      .orderBy((eb) => eb.fn.countAll(), "desc")
      .orderBy((eb) => eb.fn.max("created_at"), "desc")
      .orderBy("article_id")
      .limit(limit)
      .execute();
    return rows.map((r) => r.article_id);
  }

  async listUnanswered(): Promise<StoredUnanswered[]> {
    const rows = await this.db.selectFrom("unanswered").selectAll().orderBy("id").execute();
    return rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      question: r.question,
      language: r.language,
      ...(r.audience != null ? { audience: r.audience } : {}),
      candidates: JSON.parse(r.candidates) as string[],
      channel: r.channel,
    }));
  }
}

/** Feedback needs to know which votes belong together, not which conversation cast them. */
function voteKey(conversationId: string): string {
  return createHash("sha256").update(`lotse-feedback:${conversationId}`).digest("base64url").slice(0, 22);
}
