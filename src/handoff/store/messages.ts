/** A ticket's transcript and the messages written while it is open: the person's, the navigators'. */
import type { Db } from "../../storage/database.js";
import { isRowId, transact } from "./db.js";
import { toMessage } from "./rows.js";
import type { NewMessage, TicketMessage, TranscriptEntry } from "./schemas.js";

/** The conversation before the handoff, stored with the new ticket (in its transaction). */
export async function insertTranscript(trx: Db, ticketId: number, transcript: readonly TranscriptEntry[]): Promise<void> {
  if (!transcript.length) return;
  await trx
    .insertInto("ticket_messages")
    .values(transcript.map((entry) => ({ ticket_id: ticketId, created_at: entry.at, author: entry.author, text: entry.text })))
    .execute();
}

export class TicketMessages {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** Oldest first. */
  async list(ticketId: number): Promise<TicketMessage[]> {
    if (!isRowId(ticketId)) return [];
    const rows = await this.db.selectFrom("ticket_messages").selectAll().where("ticket_id", "=", ticketId).orderBy("id").execute();
    return rows.map(toMessage);
  }

  /**
   * Adds a message unless the ticket is closed (or gone); undefined then. The ticket's row is
   * updated first: on PostgreSQL that locks it, so a close running at the same time either
   * comes before (no message) or waits for this one.
   */
  async add(ticketId: number, message: NewMessage): Promise<TicketMessage | undefined> {
    if (!isRowId(ticketId)) return undefined;
    const now = this.now().toISOString();
    return transact(this.db, async (trx) => {
      const open = await trx
        .updateTable("tickets")
        .set({ updated_at: now })
        .where("id", "=", ticketId)
        .where("status", "!=", "closed")
        .returning("id")
        .executeTakeFirst();
      if (!open) return undefined;
      const row = await trx
        .insertInto("ticket_messages")
        .values({
          ticket_id: ticketId,
          created_at: now,
          author: message.author,
          author_name: message.authorName ?? null,
          text: message.text,
          delivered: message.delivered === undefined ? null : Number(message.delivered),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toMessage(row);
    });
  }

  async setDelivered(messageId: number, delivered: boolean): Promise<void> {
    if (!isRowId(messageId)) return;
    await this.db.updateTable("ticket_messages").set({ delivered: Number(delivered) }).where("id", "=", messageId).execute();
  }
}
