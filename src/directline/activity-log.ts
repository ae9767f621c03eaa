/**
 * The per-conversation activity log of Lotse's Direct Line channel, in SQLite. Every activity a
 * visitor sends and every one the bot sends (answers, and a navigator's reply relayed while the
 * visitor is offline) gets the next sequence number of its conversation; the number is the
 * Direct Line watermark. Nothing is written for a conversation before its visitor sends something.
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
  private readonly insertConversation;
  private readonly bump;
  private readonly insertActivity;
  private readonly selectSince;
  private readonly selectConversation;
  private readonly appendTx;

  constructor(private readonly db: Db) {
    this.insertConversation = db.prepare(
      "INSERT INTO directline_conversations (id, user_id, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
    );
    this.bump = db.prepare<[string, string], { last_seq: number }>(
      "UPDATE directline_conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq",
    );
    this.insertActivity = db.prepare("INSERT INTO directline_activities (conversation_id, seq, body, created_at) VALUES (?, ?, ?, ?)");
    this.selectSince = db.prepare<[string, number, number], { seq: number; body: string }>(
      "SELECT seq, body FROM directline_activities WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?",
    );
    this.selectConversation = db.prepare<[string], { user_id: string; last_seq: number }>(
      "SELECT user_id, last_seq FROM directline_conversations WHERE id = ?",
    );
    this.appendTx = db.transaction((conversationId: string, fill: (id: string, seq: number) => Wire, now: string): AppendedActivity | undefined => {
      const row = this.bump.get(now, conversationId);
      if (!row) return undefined;
      const id = activityId(conversationId, row.last_seq);
      const json = JSON.stringify(fill(id, row.last_seq));
      this.insertActivity.run(conversationId, row.last_seq, json, now);
      return { seq: row.last_seq, id, json };
    });
  }

  /** Called with the visitor's first activity: from here on the conversation is stored. */
  open(conversationId: string, userId: string, now = new Date()): void {
    const at = now.toISOString();
    this.insertConversation.run(conversationId, userId, at, at);
  }

  conversation(conversationId: string): { userId: string; watermark: number } | undefined {
    const row = this.selectConversation.get(conversationId);
    return row ? { userId: row.user_id, watermark: row.last_seq } : undefined;
  }

  /**
   * Appends an activity under the next sequence number; `fill` receives the id and number and
   * returns what is stored. Undefined when the conversation is not (or no longer) stored.
   */
  append(conversationId: string, fill: (id: string, seq: number) => Wire, now = new Date()): AppendedActivity | undefined {
    return this.appendTx(conversationId, fill, now.toISOString());
  }

  since(conversationId: string, watermark: number, limit = MAX_ACTIVITIES_PER_READ): LoggedActivity[] {
    return this.selectSince.all(conversationId, watermark, limit).map((r) => ({ seq: r.seq, json: r.body }));
  }

  /** Retention: conversations nobody wrote to since `cutoff`, with their activities. */
  deleteIdleBefore(cutoff: Date): number {
    return this.db.prepare("DELETE FROM directline_conversations WHERE updated_at < ?").run(cutoff.toISOString()).changes;
  }

  /** GDPR erasure of one conversation (the privacy CLI, by a ticket's conversation id). */
  delete(conversationId: string): boolean {
    return this.db.prepare("DELETE FROM directline_conversations WHERE id = ?").run(conversationId).changes > 0;
  }
}
