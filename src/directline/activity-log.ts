/**
 * The per-conversation activity log of Lotse's Direct Line channel, in the database. Every
 * activity a visitor sends and every one the bot sends (answers, and a navigator's reply relayed
 * while the visitor is offline) gets the next sequence number of its conversation; the number is
 * the Direct Line watermark. Nothing is written for a conversation before its visitor sends something.
 */
import type { Db } from "../storage/database.js";

export type Wire = Record<string, unknown>;

/** An activity as stored: its sequence number and its JSON (streams send it as it is). */
export interface LoggedActivity {
  seq: number;
  json: string;
}

export interface AppendedActivity extends LoggedActivity {
  id: string;
}

/** A reload fetches at most this many activities at once; the client asks again from the new watermark. */
export const MAX_ACTIVITIES_PER_READ = 200;

/** "abc|0000042": the form Azure's Direct Line gives activity ids (conversation, then sequence). */
export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, "0")}`;
}

export class ActivityLog {
  constructor(private readonly db: Db) {}

  /**
   * Called with the visitor's first activity: from here on the conversation is stored. True when
   * this call stored it, false when it already was (another node, or a second tab, came first).
   */
  async open(conversationId: string, userId: string, now = new Date()): Promise<boolean> {
    const at = now.toISOString();
    const inserted = await this.db
      .insertInto("directline_conversations")
      .values({ id: conversationId, user_id: userId, created_at: at, updated_at: at })
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async conversation(conversationId: string): Promise<{ userId: string; watermark: number } | undefined> {
    const row = await this.db
      .selectFrom("directline_conversations")
      .select(["user_id", "last_seq"])
      .where("id", "=", conversationId)
      .executeTakeFirst();
    return row ? { userId: row.user_id, watermark: Number(row.last_seq) } : undefined;
  }

  /**
   * Appends an activity under the next sequence number; `fill` receives the id and number and
   * returns what is stored. Undefined when the conversation is not (or no longer) stored.
   * The number comes from the conversation's row, raised in the same transaction as the insert:
   * the row lock makes appenders on any node take turns, so numbers never collide or skip.
   */
  append(conversationId: string, fill: (id: string, seq: number) => Wire, now = new Date()): Promise<AppendedActivity | undefined> {
    const at = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable("directline_conversations")
        .set((eb) => ({ last_seq: eb("last_seq", "+", 1), updated_at: at }))
        .where("id", "=", conversationId)
        .returning("last_seq")
        .executeTakeFirst();
      if (!row) return undefined;
      const seq = Number(row.last_seq);
      const id = activityId(conversationId, seq);
      const json = JSON.stringify(fill(id, seq));
      await trx.insertInto("directline_activities").values({ conversation_id: conversationId, seq, body: json, created_at: at }).execute();
      return { seq, id, json };
    });
  }

  async since(conversationId: string, watermark: number, limit = MAX_ACTIVITIES_PER_READ): Promise<LoggedActivity[]> {
    const rows = await this.db
      .selectFrom("directline_activities")
      .select(["seq", "body"])
      .where("conversation_id", "=", conversationId)
      .where("seq", ">", watermark)
      .orderBy("seq")
      .limit(limit)
      .execute();
    return rows.map((r) => ({ seq: Number(r.seq), json: r.body }));
  }

  /** Retention: conversations nobody wrote to since `cutoff`, with their activities. */
  async deleteIdleBefore(cutoff: Date): Promise<number> {
    const result = await this.db.deleteFrom("directline_conversations").where("updated_at", "<", cutoff.toISOString()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** GDPR erasure of one conversation (the privacy CLI, by a ticket's conversation id). */
  async delete(conversationId: string): Promise<boolean> {
    const result = await this.db.deleteFrom("directline_conversations").where("id", "=", conversationId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
