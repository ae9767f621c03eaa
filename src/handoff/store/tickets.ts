/**
 * The tickets themselves: creation under the limits, the queue, and the status changes. Status
 * changes are single conditional UPDATEs (`… WHERE status = 'open' RETURNING *`), so two
 * navigators — on one node or on two sharing PostgreSQL — can never both take a ticket.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { Db, Tables } from "../../storage/database.js";
import type { Contact } from "../contact.js";
import { formatTicketNumber, parseTicketNumber } from "../ticket-number.js";
import { isPostgres, isRowId, transact } from "./db.js";
import { insertTranscript } from "./messages.js";
import { toTicket } from "./rows.js";
import { type Actor, NewTicket, type TakeOutcome, type Ticket, type TicketLimits, type TicketPage, TicketQuery, TicketRefused, type TicketStatus } from "./schemas.js";

const DAY_MS = 24 * 60 * 60_000;

/** Any fixed number (the migration lock is 7_155_001): ticket creations of all nodes queue behind it. */
const CREATE_LOCK = 7_155_101;

/** `%` and `_` typed into the search box are literal characters, not wildcards. */
const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const likes = (column: "name" | "organisation" | "contact" | "question", pattern: string) =>
  // SQLite has no default escape character, PostgreSQL's is the backslash: say it for both.
  sql<boolean>`lower(coalesce(${sql.ref(column)}, '')) LIKE ${pattern} ESCAPE '\\'`;

/** Open tickets first, oldest first, then taken ones, then closed ones newest first: the order navigators work through. */
const QUEUE_ORDER = [sql`CASE status WHEN 'open' THEN 0 WHEN 'taken' THEN 1 ELSE 2 END`, sql`CASE WHEN status = 'closed' THEN -id ELSE id END`];

export class TicketRecords {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /**
   * The ticket and its transcript in one transaction. Throws a ZodError on invalid input and
   * `TicketRefused` when the conversation already has an open or taken ticket or a limit is
   * reached. The checks and the insert run while holding a lock that every creation takes
   * first, so two creates — two turns, two processes, two nodes — cannot both see "no ticket
   * yet" or both squeeze under a limit.
   */
  async create(input: NewTicket, limits: TicketLimits = {}): Promise<Ticket> {
    const t = NewTicket.parse(input);
    const now = this.now().toISOString();
    const dayAgo = new Date(Date.parse(now) - DAY_MS).toISOString();
    return transact(this.db, async (trx) => {
      await lockCreation(trx);
      const active = await activeForConversation(trx, t.conversationId);
      if (active) throw new TicketRefused("conversation_active", active);
      if (limits.perContactPerDay !== undefined) {
        const n = await countSince(trx, dayAgo, t.contact);
        if (n >= limits.perContactPerDay) throw new TicketRefused("contact_limit");
      }
      if (limits.perDay !== undefined) {
        const n = await countSince(trx, dayAgo);
        if (n >= limits.perDay) throw new TicketRefused("daily_limit");
      }
      const row = await trx
        .insertInto("tickets")
        .values({
          status: "open",
          created_at: now,
          updated_at: now,
          name: t.name,
          organisation: t.organisation ?? null,
          contact_kind: t.contact.kind,
          contact: t.contact.value,
          question: t.question,
          language: t.language,
          audience: t.audience ?? null,
          topics: JSON.stringify(t.topics),
          reason: t.reason,
          channel: t.channel,
          conversation_id: t.conversationId,
          conversation_ref: JSON.stringify(t.conversationReference),
          consent_at: t.consentAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await insertTranscript(trx, row.id, t.transcript);
      return toTicket(row);
    });
  }

  async get(id: number): Promise<Ticket | undefined> {
    if (!isRowId(id)) return undefined;
    const row = await this.db.selectFrom("tickets").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toTicket(row) : undefined;
  }

  async list(query: TicketQuery = {}): Promise<TicketPage> {
    const { status, q, limit, offset } = TicketQuery.parse(query);
    let base = this.db.selectFrom("tickets");
    if (status) base = base.where("status", "=", status);
    if (q) {
      const pattern = likePattern(q);
      const byNumber = parseTicketNumber(q);
      base = base.where((eb) =>
        eb.or([
          likes("name", pattern),
          likes("organisation", pattern),
          likes("contact", pattern),
          likes("question", pattern),
          ...(byNumber && isRowId(byNumber) ? [eb("id", "=", byNumber)] : []),
        ]),
      );
    }
    const { n } = await base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    let rows = base.selectAll();
    for (const order of QUEUE_ORDER) rows = rows.orderBy(order);
    const page = await rows.limit(limit).offset(offset).execute();
    return { tickets: page.map(toTicket), total: Number(n), limit, offset };
  }

  /** How many tickets have each status (the metrics). */
  async countByStatus(): Promise<Record<TicketStatus, number>> {
    const rows = await this.db.selectFrom("tickets").select(["status", (eb) => eb.fn.countAll().as("n")]).groupBy("status").execute();
    const counts: Record<TicketStatus, number> = { open: 0, taken: 0, closed: 0 };
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }

  /** Exactly one of several concurrent takes wins: the UPDATE only matches while the ticket is still open. */
  async take(id: number, navigator: Actor): Promise<TakeOutcome> {
    if (!isRowId(id)) return { ok: false, ticket: undefined };
    const now = this.now().toISOString();
    const row = await this.db
      .updateTable("tickets")
      .set({ status: "taken", taken_by_id: navigator.id, taken_by_name: navigator.name, taken_at: now, updated_at: now })
      .where("id", "=", id)
      .where("status", "=", "open")
      .returningAll()
      .executeTakeFirst();
    return row ? { ok: true, ticket: toTicket(row) } : { ok: false, ticket: await this.get(id) };
  }

  /** Like take: only the first close of a ticket changes it (and says who closed it). */
  async close(id: number, by: Actor, note: string | undefined): Promise<TakeOutcome> {
    if (!isRowId(id)) return { ok: false, ticket: undefined };
    const now = this.now().toISOString();
    const row = await this.db
      .updateTable("tickets")
      .set({ status: "closed", closed_by_id: by.id, closed_by_name: by.name, closed_at: now, close_note: note ?? null, updated_at: now })
      .where("id", "=", id)
      .where("status", "!=", "closed")
      .returningAll()
      .executeTakeFirst();
    return row ? { ok: true, ticket: toTicket(row) } : { ok: false, ticket: await this.get(id) };
  }

  /** The ticket a conversation is currently connected to (open or taken). */
  activeForConversation(conversationId: string): Promise<Ticket | undefined> {
    return activeForConversation(this.db, conversationId);
  }

  /** The stored Bot SDK ConversationReference of the person's conversation. */
  async conversationReference(id: number): Promise<Record<string, unknown> | undefined> {
    if (!isRowId(id)) return undefined;
    const row = await this.db.selectFrom("tickets").select("conversation_ref").where("id", "=", id).executeTakeFirst();
    return row ? (JSON.parse(row.conversation_ref) as Record<string, unknown>) : undefined;
  }

  /** Ids of a contact's tickets, oldest first (GDPR requests). */
  async idsByContact(contact: Contact): Promise<number[]> {
    const rows = await this.db
      .selectFrom("tickets")
      .select("id")
      .where("contact_kind", "=", contact.kind)
      .where("contact", "=", contact.value)
      .orderBy("id")
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * Deletes tickets closed before the cutoff, with their messages and deliveries (ON DELETE
   * CASCADE). Their Teams cards are queued for redaction (the server does it; the privacy CLI
   * has no adapter). Returns the deleted ids, ascending.
   */
  deleteClosedBefore(cutoff: Date): Promise<number[]> {
    return this.deleteWhere((eb) => eb.and([eb("status", "=", "closed"), eb("closed_at", "<", cutoff.toISOString())]));
  }

  deleteByContact(contact: Contact): Promise<number[]> {
    return this.deleteWhere((eb) => eb.and([eb("contact_kind", "=", contact.kind), eb("contact", "=", contact.value)]));
  }

  private deleteWhere(which: (eb: ExpressionBuilder<Tables, "tickets">) => Expression<SqlBool>): Promise<number[]> {
    const now = this.now().toISOString();
    return transact(this.db, async (trx) => {
      const rows = await trx.deleteFrom("tickets").where(which).returning(["id", "teams_team_id", "teams_activity_id"]).execute();
      const cards = rows.flatMap((r) =>
        r.teams_activity_id && r.teams_team_id ? [{ activity_id: r.teams_activity_id, team_id: r.teams_team_id, number: formatTicketNumber(r.id), created_at: now }] : [],
      );
      if (cards.length) await trx.insertInto("teams_redactions").values(cards).onConflict((oc) => oc.column("activity_id").doNothing()).execute();
      return rows.map((r) => r.id).sort((a, b) => a - b);
    });
  }
}

async function activeForConversation(db: Db, conversationId: string): Promise<Ticket | undefined> {
  // Asked on every message the bot gets. No ORDER BY … LIMIT: on SQLite its sort costs several
  // times the lookup itself, and a conversation has at most one active ticket (create refuses a second).
  const rows = await db.selectFrom("tickets").selectAll().where("conversation_id", "=", conversationId).where("status", "!=", "closed").execute();
  const row = rows.reduce<(typeof rows)[number] | undefined>((newest, r) => (newest && newest.id > r.id ? newest : r), undefined);
  return row ? toTicket(row) : undefined;
}

/** Tickets created after `since`, of one contact or of everyone. */
async function countSince(db: Db, since: string, contact?: Contact): Promise<number> {
  let query = db.selectFrom("tickets").where("created_at", ">", since);
  if (contact) query = query.where("contact", "=", contact.value).where("contact_kind", "=", contact.kind);
  const { n } = await query.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * Serialises ticket creation for the rest of the transaction. PostgreSQL: a transaction-scoped
 * advisory lock (released at commit or rollback). SQLite: a write that matches no row takes the
 * database's write lock up front, as BEGIN IMMEDIATE would — another process on the same file
 * then waits (busy_timeout) instead of deciding on a stale read; within one process Kysely's
 * single SQLite connection runs transactions one after the other anyway.
 */
async function lockCreation(trx: Db): Promise<void> {
  if (isPostgres(trx)) await sql`SELECT pg_advisory_xact_lock(${CREATE_LOCK})`.execute(trx);
  else await trx.updateTable("tickets").set({ status: "open" }).where("id", "=", 0).execute();
}
