/**
 * Referral tickets in SQLite: the ticket, its transcript and messages, the audit log and the
 * webhook deliveries. Every write that belongs together runs in one transaction, so a crash
 * (even `kill -9`) leaves either all of it or none. The domain rules (who may take, reply,
 * close; who is told) live in ticket-service.ts; this file only keeps records.
 */
import type { Statement } from "better-sqlite3";
import { z } from "zod";
import type { Db } from "../storage/database.js";
import { Contact } from "./contact.js";
import { formatTicketNumber, parseTicketNumber } from "./ticket-number.js";

export const TICKET_STATUSES = ["open", "taken", "closed"] as const;
export const TicketStatus = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** Limits of what a ticket holds; the bot and the console API validate against the same numbers. */
export const TICKET_LIMITS = {
  name: 100,
  organisation: 200,
  question: 1000,
  message: 4000,
  note: 1000,
  transcript: 50,
  search: 200,
  pageSize: 100,
} as const;

/** Someone who acts on a ticket: a navigator (`entra:…`, `token:…`, `teams:…`) or the requester. */
export const Actor = z.object({
  id: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(TICKET_LIMITS.name),
});
export type Actor = z.infer<typeof Actor>;

/** The actor id used when the person who asked closes the ticket themselves. */
export const REQUESTER_ID = "requester";

const isoDate = z.iso.datetime({ offset: true });
/** Single-line text a person typed (name, organisation): no control characters. */
const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[\p{Cc}]/u.test(s), { message: "must be one line without control characters" });
/** Multi-line text: newlines and tabs allowed, other control characters not. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { message: "must not contain control characters" });

/** What a navigator or the person writes into a ticket. */
export const MessageText = text(TICKET_LIMITS.message);
/** The internal note a navigator may leave when closing. */
export const CloseNote = z.string().trim().max(TICKET_LIMITS.note).optional();

export const HANDOFF_REASONS = ["intent", "button", "offer"] as const;

export const TranscriptEntry = z.object({
  author: z.enum(["user", "bot"]),
  text: text(2000),
  at: isoDate,
});
export type TranscriptEntry = z.infer<typeof TranscriptEntry>;

/** What the bot knows when the person has consented and answered every question. */
export const NewTicket = z.object({
  name: line(TICKET_LIMITS.name),
  organisation: line(TICKET_LIMITS.organisation).optional(),
  contact: Contact,
  question: text(TICKET_LIMITS.question),
  /** UI language of the person (de, en, uk, ar); navigators answer in it where they can. */
  language: z.string().min(2).max(8),
  audience: z.string().max(32).optional(),
  /** Best article ids for the question: the topic guess. */
  topics: z.array(z.string().max(100)).max(10).default([]),
  reason: z.enum(HANDOFF_REASONS),
  channel: z.string().min(1).max(64),
  conversationId: z.string().min(1).max(1024),
  /** Bot SDK ConversationReference of the person's conversation, for the relay. */
  conversationReference: z.record(z.string(), z.unknown()),
  consentAt: isoDate,
  /** The conversation before the handoff, oldest first. */
  transcript: z.array(TranscriptEntry).max(TICKET_LIMITS.transcript).default([]),
});
export type NewTicket = z.input<typeof NewTicket>;

export const Ticket = z.object({
  id: z.number().int().positive(),
  /** What the person and the navigators say on the phone: "L-0042". */
  number: z.string(),
  status: TicketStatus,
  createdAt: isoDate,
  updatedAt: isoDate,
  name: z.string(),
  organisation: z.string().nullable(),
  contact: Contact,
  question: z.string(),
  language: z.string(),
  audience: z.string().nullable(),
  topics: z.array(z.string()),
  reason: z.enum(HANDOFF_REASONS),
  channel: z.string(),
  consentAt: isoDate,
  takenBy: Actor.nullable(),
  takenAt: isoDate.nullable(),
  closedBy: Actor.nullable(),
  closedAt: isoDate.nullable(),
  closeNote: z.string().nullable(),
  /** Whether the ticket's card is in the navigators' Teams channel. */
  postedToTeams: z.boolean(),
});
export type Ticket = z.infer<typeof Ticket>;

export const MESSAGE_AUTHORS = ["user", "bot", "navigator", "system"] as const;
export const TicketMessage = z.object({
  id: z.number().int().positive(),
  ticketId: z.number().int().positive(),
  at: isoDate,
  author: z.enum(MESSAGE_AUTHORS),
  /** The navigator's name; null for the person and the bot. */
  authorName: z.string().nullable(),
  text: z.string(),
  /** Navigator messages: whether the person's conversation accepted it; null otherwise. */
  delivered: z.boolean().nullable(),
});
export type TicketMessage = z.infer<typeof TicketMessage>;

export const TicketWithMessages = Ticket.extend({ messages: z.array(TicketMessage) });
export type TicketWithMessages = z.infer<typeof TicketWithMessages>;

/** A queue query; the console API parses its query string with this. */
export const TicketQuery = z.object({
  status: TicketStatus.optional(),
  /** Matches the number, name, organisation, contact and question (case-insensitive). */
  q: z.string().trim().max(TICKET_LIMITS.search).optional(),
  limit: z.coerce.number().int().min(1).max(TICKET_LIMITS.pageSize).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type TicketQuery = z.input<typeof TicketQuery>;

export const TicketPage = z.object({
  tickets: z.array(Ticket),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type TicketPage = z.infer<typeof TicketPage>;

/** Dotted lower-case names such as `ticket.take`, `export.feedback`, `privacy.erase`. */
export const AuditAction = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z][a-z_]*(\.[a-z_]+)+$/, { message: "must look like area.verb, e.g. ticket.take" });

export const AuditEntry = z.object({
  id: z.number().int().positive(),
  at: isoDate,
  actor: Actor,
  action: AuditAction,
  ticketId: z.number().int().nullable(),
  /** Never contact details or message texts: counts, ids, filters. */
  detail: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  ticketId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type AuditQuery = z.input<typeof AuditQuery>;

export const WEBHOOK_STATUSES = ["pending", "delivered", "failed"] as const;
export const WebhookDelivery = z.object({
  id: z.number().int().positive(),
  ticketId: z.number().int().positive(),
  event: z.string(),
  status: z.enum(WEBHOOK_STATUSES),
  attempts: z.number().int(),
  /** HTTP status or network error of the last failed attempt; never the payload. */
  lastError: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
  nextAttemptAt: isoDate.nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

// Formatting lives in ./ticket-number.ts (zod-free); re-exported for the store's callers.
export { formatTicketNumber, parseTicketNumber };

interface TicketRow {
  id: number;
  status: TicketStatus;
  created_at: string;
  updated_at: string;
  name: string;
  organisation: string | null;
  contact_kind: Contact["kind"];
  contact: string;
  question: string;
  language: string;
  audience: string | null;
  topics: string;
  reason: Ticket["reason"];
  channel: string;
  conversation_id: string;
  conversation_ref: string;
  consent_at: string;
  taken_by_id: string | null;
  taken_by_name: string | null;
  taken_at: string | null;
  closed_by_id: string | null;
  closed_by_name: string | null;
  closed_at: string | null;
  close_note: string | null;
  teams_activity_id: string | null;
  teams_team_id: string | null;
}

interface MessageRow {
  id: number;
  ticket_id: number;
  created_at: string;
  author: TicketMessage["author"];
  author_name: string | null;
  text: string;
  delivered: number | null;
}

interface DeliveryRow {
  id: number;
  ticket_id: number;
  event: string;
  payload: string;
  status: WebhookDelivery["status"];
  attempts: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  next_attempt_at: string | null;
}

function toTicket(r: TicketRow): Ticket {
  return {
    id: r.id,
    number: formatTicketNumber(r.id),
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    name: r.name,
    organisation: r.organisation,
    contact: { kind: r.contact_kind, value: r.contact },
    question: r.question,
    language: r.language,
    audience: r.audience,
    topics: JSON.parse(r.topics) as string[],
    reason: r.reason,
    channel: r.channel,
    consentAt: r.consent_at,
    takenBy: r.taken_by_id ? { id: r.taken_by_id, name: r.taken_by_name ?? "" } : null,
    takenAt: r.taken_at,
    closedBy: r.closed_by_id ? { id: r.closed_by_id, name: r.closed_by_name ?? "" } : null,
    closedAt: r.closed_at,
    closeNote: r.close_note,
    postedToTeams: r.teams_activity_id !== null,
  };
}

function toMessage(r: MessageRow): TicketMessage {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    at: r.created_at,
    author: r.author,
    authorName: r.author_name,
    text: r.text,
    delivered: r.delivered === null ? null : r.delivered === 1,
  };
}

function toDelivery(r: DeliveryRow): WebhookDelivery {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    event: r.event,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    nextAttemptAt: r.next_attempt_at,
  };
}

/** `%` and `_` typed into the search box are literal characters, not wildcards. */
const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export type TakeOutcome = { ok: true; ticket: Ticket } | { ok: false; ticket: Ticket | undefined };

/** How many tickets may be created; checked in the same transaction as the insert. */
export interface TicketLimits {
  /** Tickets one contact (normalised e-mail address or phone number) may open within 24 hours. */
  perContactPerDay?: number;
  /** All tickets within 24 hours: a safety valve against a flood of invented contacts. */
  perDay?: number;
}

export const TICKET_REFUSALS = ["conversation_active", "contact_limit", "daily_limit"] as const;
export type TicketRefusal = (typeof TICKET_REFUSALS)[number];

/**
 * A ticket was not created, and nothing was stored: the conversation already has an open or
 * taken ticket (`active`), or a limit of `TicketLimits` was reached.
 */
export class TicketRefused extends Error {
  constructor(
    readonly reason: TicketRefusal,
    readonly active?: Ticket,
  ) {
    super(
      reason === "conversation_active"
        ? `the conversation already has ticket ${active?.number ?? "(open)"}`
        : reason === "contact_limit"
          ? "this contact has reached the number of tickets allowed within 24 hours"
          : "the number of tickets allowed within 24 hours is reached",
    );
    this.name = "TicketRefused";
  }
}

const DAY_MS = 24 * 60 * 60_000;

export interface NewMessage {
  author: TicketMessage["author"];
  authorName?: string;
  text: string;
  delivered?: boolean;
}

export class TicketStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private stamp(): string {
    return this.now().toISOString();
  }

  /**
   * The ticket and its transcript in one transaction. Throws a ZodError on invalid input and
   * `TicketRefused` when the conversation already has an open or taken ticket or a limit is
   * reached. The checks and the insert are one IMMEDIATE transaction: it takes SQLite's write
   * lock before the checks, so two creates — from two turns, or two processes on the same
   * database — cannot both see "no ticket yet" (within one process better-sqlite3 runs them one
   * after the other anyway).
   */
  create(input: NewTicket, limits: TicketLimits = {}): Ticket {
    const t = NewTicket.parse(input);
    const now = this.stamp();
    const dayAgo = new Date(Date.parse(now) - DAY_MS).toISOString();
    return this.db.transaction(() => {
      const active = this.activeForConversation(t.conversationId);
      if (active) throw new TicketRefused("conversation_active", active);
      if (limits.perContactPerDay !== undefined) {
        const { n } = this.db
          .prepare<[string, string, string], { n: number }>("SELECT count(*) AS n FROM tickets WHERE contact = ? AND contact_kind = ? AND created_at > ?")
          .get(t.contact.value, t.contact.kind, dayAgo)!;
        if (n >= limits.perContactPerDay) throw new TicketRefused("contact_limit");
      }
      if (limits.perDay !== undefined) {
        const { n } = this.db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM tickets WHERE created_at > ?").get(dayAgo)!;
        if (n >= limits.perDay) throw new TicketRefused("daily_limit");
      }
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO tickets (status, created_at, updated_at, name, organisation, contact_kind, contact, question, language,
             audience, topics, reason, channel, conversation_id, conversation_ref, consent_at)
           VALUES ('open', @now, @now, @name, @organisation, @kind, @contact, @question, @language,
             @audience, @topics, @reason, @channel, @conversationId, @reference, @consentAt)`,
        )
        .run({
          now,
          name: t.name,
          organisation: t.organisation ?? null,
          kind: t.contact.kind,
          contact: t.contact.value,
          question: t.question,
          language: t.language,
          audience: t.audience ?? null,
          topics: JSON.stringify(t.topics),
          reason: t.reason,
          channel: t.channel,
          conversationId: t.conversationId,
          reference: JSON.stringify(t.conversationReference),
          consentAt: t.consentAt,
        });
      const id = Number(lastInsertRowid);
      const insert = this.db.prepare(
        "INSERT INTO ticket_messages (ticket_id, created_at, author, text) VALUES (?, ?, ?, ?)",
      );
      for (const entry of t.transcript) insert.run(id, entry.at, entry.author, entry.text);
      return this.get(id)!;
    }).immediate();
  }

  get(id: number): Ticket | undefined {
    const row = this.db.prepare<[number], TicketRow>("SELECT * FROM tickets WHERE id = ?").get(id);
    return row ? toTicket(row) : undefined;
  }

  getWithMessages(id: number): TicketWithMessages | undefined {
    const ticket = this.get(id);
    return ticket ? { ...ticket, messages: this.messages(id) } : undefined;
  }

  messages(ticketId: number): TicketMessage[] {
    return this.db
      .prepare<[number], MessageRow>("SELECT * FROM ticket_messages WHERE ticket_id = ? ORDER BY id")
      .all(ticketId)
      .map(toMessage);
  }

  list(query: TicketQuery = {}): TicketPage {
    const { status, q, limit, offset } = TicketQuery.parse(query);
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (status) {
      where.push("status = @status");
      params.status = status;
    }
    if (q) {
      const byNumber = parseTicketNumber(q);
      where.push(
        `(lower(name) LIKE @q ESCAPE '\\' OR lower(coalesce(organisation, '')) LIKE @q ESCAPE '\\'
          OR lower(contact) LIKE @q ESCAPE '\\' OR lower(question) LIKE @q ESCAPE '\\'${byNumber ? " OR id = @id" : ""})`,
      );
      params.q = likePattern(q);
      if (byNumber) params.id = byNumber;
    }
    const clause = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const total = (this.db.prepare(`SELECT count(*) AS n FROM tickets ${clause}`).get(params) as { n: number }).n;
    // Open tickets first, oldest first: the queue order navigators work through.
    const rows = this.db
      .prepare(
        `SELECT * FROM tickets ${clause}
         ORDER BY CASE status WHEN 'open' THEN 0 WHEN 'taken' THEN 1 ELSE 2 END,
                  CASE WHEN status = 'closed' THEN -id ELSE id END
         LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit, offset }) as TicketRow[];
    return { tickets: rows.map(toTicket), total, limit, offset };
  }

  /**
   * Exactly one of several concurrent takes wins: the UPDATE only matches while the ticket is
   * still open, and SQLite serialises writers.
   */
  take(id: number, navigator: Actor): TakeOutcome {
    const now = this.stamp();
    return this.db.transaction((): TakeOutcome => {
      const { changes } = this.db
        .prepare(
          `UPDATE tickets SET status = 'taken', taken_by_id = ?, taken_by_name = ?, taken_at = ?, updated_at = ?
           WHERE id = ? AND status = 'open'`,
        )
        .run(navigator.id, navigator.name, now, now, id);
      return changes === 1 ? { ok: true, ticket: this.get(id)! } : { ok: false, ticket: this.get(id) };
    })();
  }

  close(id: number, by: Actor, note: string | undefined): TakeOutcome {
    const now = this.stamp();
    return this.db.transaction((): TakeOutcome => {
      const { changes } = this.db
        .prepare(
          `UPDATE tickets SET status = 'closed', closed_by_id = ?, closed_by_name = ?, closed_at = ?, close_note = ?, updated_at = ?
           WHERE id = ? AND status != 'closed'`,
        )
        .run(by.id, by.name, now, note ?? null, now, id);
      return changes === 1 ? { ok: true, ticket: this.get(id)! } : { ok: false, ticket: this.get(id) };
    })();
  }

  /** Adds a message unless the ticket is closed (or gone); returns undefined then. */
  addMessage(ticketId: number, message: NewMessage): TicketMessage | undefined {
    const now = this.stamp();
    return this.db.transaction(() => {
      const { changes } = this.db.prepare("UPDATE tickets SET updated_at = ? WHERE id = ? AND status != 'closed'").run(now, ticketId);
      if (changes !== 1) return undefined;
      const { lastInsertRowid } = this.db
        .prepare("INSERT INTO ticket_messages (ticket_id, created_at, author, author_name, text, delivered) VALUES (?, ?, ?, ?, ?, ?)")
        .run(ticketId, now, message.author, message.authorName ?? null, message.text, message.delivered === undefined ? null : Number(message.delivered));
      return toMessage(this.db.prepare<[number], MessageRow>("SELECT * FROM ticket_messages WHERE id = ?").get(Number(lastInsertRowid))!);
    })();
  }

  setDelivered(messageId: number, delivered: boolean): void {
    this.db.prepare("UPDATE ticket_messages SET delivered = ? WHERE id = ?").run(Number(delivered), messageId);
  }

  /** The ticket a conversation is currently connected to (open or taken). */
  activeForConversation(conversationId: string): Ticket | undefined {
    // Asked on every chat turn (is this person talking to a navigator?): prepared once.
    this.selectActive ??= this.db.prepare<[string], TicketRow>(
      "SELECT * FROM tickets WHERE conversation_id = ? AND status != 'closed' ORDER BY id DESC LIMIT 1",
    );
    const row = this.selectActive.get(conversationId);
    return row ? toTicket(row) : undefined;
  }
  private selectActive?: Statement<[string], TicketRow>;

  /** The stored Bot SDK ConversationReference of the person's conversation. */
  conversationReference(id: number): Record<string, unknown> | undefined {
    const row = this.db.prepare<[number], { conversation_ref: string }>("SELECT conversation_ref FROM tickets WHERE id = ?").get(id);
    return row ? (JSON.parse(row.conversation_ref) as Record<string, unknown>) : undefined;
  }

  setTeamsCard(id: number, teamId: string, activityId: string): void {
    this.db.prepare("UPDATE tickets SET teams_team_id = ?, teams_activity_id = ? WHERE id = ?").run(teamId, activityId, id);
  }

  teamsCard(id: number): { teamId: string; activityId: string } | undefined {
    const row = this.db
      .prepare<[number], { teams_team_id: string | null; teams_activity_id: string | null }>("SELECT teams_team_id, teams_activity_id FROM tickets WHERE id = ?")
      .get(id);
    return row?.teams_activity_id && row.teams_team_id ? { teamId: row.teams_team_id, activityId: row.teams_activity_id } : undefined;
  }

  byTeamsCard(activityId: string): Ticket | undefined {
    const row = this.db.prepare<[string], TicketRow>("SELECT * FROM tickets WHERE teams_activity_id = ?").get(activityId);
    return row ? toTicket(row) : undefined;
  }

  /** Tickets still waiting that never made it to Teams (no channel yet, or a crash in between). */
  withoutTeamsCard(): Ticket[] {
    return (this.db.prepare("SELECT * FROM tickets WHERE teams_activity_id IS NULL AND status != 'closed' ORDER BY id").all() as TicketRow[]).map(toTicket);
  }

  // ── audit ────────────────────────────────────────────────────────────────

  audit(actor: Actor, action: string, ticketId?: number, detail?: string): AuditEntry {
    const a = Actor.parse(actor);
    const act = AuditAction.parse(action);
    const { lastInsertRowid } = this.db
      .prepare("INSERT INTO audit_log (created_at, actor_id, actor_name, action, ticket_id, detail) VALUES (?, ?, ?, ?, ?, ?)")
      .run(this.stamp(), a.id, a.name, act, ticketId ?? null, detail?.slice(0, 1000) ?? null);
    return this.auditEntry(Number(lastInsertRowid))!;
  }

  private auditEntry(id: number): AuditEntry | undefined {
    const r = this.db.prepare("SELECT * FROM audit_log WHERE id = ?").get(id) as AuditRow | undefined;
    return r ? toAudit(r) : undefined;
  }

  /** Newest first. */
  listAudit(query: AuditQuery = {}): AuditEntry[] {
    const { ticketId, limit, offset } = AuditQuery.parse(query);
    const rows = (
      ticketId
        ? this.db.prepare("SELECT * FROM audit_log WHERE ticket_id = ? ORDER BY id DESC LIMIT ? OFFSET ?").all(ticketId, limit, offset)
        : this.db.prepare("SELECT * FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?").all(limit, offset)
    ) as AuditRow[];
    return rows.map(toAudit);
  }

  // ── webhook deliveries ───────────────────────────────────────────────────

  enqueueDelivery(ticketId: number, event: string, payload: string): WebhookDelivery {
    const now = this.stamp();
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO webhook_deliveries (ticket_id, event, payload, status, attempts, created_at, updated_at, next_attempt_at)
         VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)`,
      )
      .run(ticketId, event, payload, now, now, now);
    return this.delivery(Number(lastInsertRowid))!;
  }

  delivery(id: number): WebhookDelivery | undefined {
    const row = this.db.prepare<[number], DeliveryRow>("SELECT * FROM webhook_deliveries WHERE id = ?").get(id);
    return row ? toDelivery(row) : undefined;
  }

  deliveryPayload(id: number): string | undefined {
    return this.db.prepare<[number], { payload: string }>("SELECT payload FROM webhook_deliveries WHERE id = ?").get(id)?.payload;
  }

  recordAttempt(id: number, result: { status: WebhookDelivery["status"]; error?: string; nextAttemptAt?: Date }): void {
    this.db
      .prepare("UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, last_error = ?, updated_at = ?, next_attempt_at = ? WHERE id = ?")
      .run(result.status, result.error ?? null, this.stamp(), result.nextAttemptAt?.toISOString() ?? null, id);
  }

  /** Per ticket (oldest first), or all failed deliveries when no ticket is given. */
  deliveries(ticketId?: number): WebhookDelivery[] {
    const rows = (
      ticketId === undefined
        ? this.db.prepare("SELECT * FROM webhook_deliveries WHERE status = 'failed' ORDER BY id").all()
        : this.db.prepare("SELECT * FROM webhook_deliveries WHERE ticket_id = ? ORDER BY id").all(ticketId)
    ) as DeliveryRow[];
    return rows.map(toDelivery);
  }

  pendingDeliveries(): WebhookDelivery[] {
    return (this.db.prepare("SELECT * FROM webhook_deliveries WHERE status = 'pending' ORDER BY id").all() as DeliveryRow[]).map(toDelivery);
  }

  // ── retention and GDPR requests ──────────────────────────────────────────

  /**
   * Deletes tickets closed before the cutoff, with their messages and deliveries. Their Teams
   * cards are queued for redaction (the server does it; the privacy CLI has no adapter).
   */
  deleteClosedBefore(cutoff: Date): number[] {
    return this.deleteWhere("status = 'closed' AND closed_at < ?", [cutoff.toISOString()]);
  }

  byContact(contact: Contact): TicketWithMessages[] {
    return this.db
      .prepare<[string, string], { id: number }>("SELECT id FROM tickets WHERE contact_kind = ? AND contact = ? ORDER BY id")
      .all(contact.kind, contact.value)
      .map((r) => this.getWithMessages(r.id)!);
  }

  deleteByContact(contact: Contact): number[] {
    return this.deleteWhere("contact_kind = ? AND contact = ?", [contact.kind, contact.value]);
  }

  /** Teams cards of deleted tickets that still show personal data. */
  pendingRedactions(): Array<{ teamId: string; activityId: string; number: string }> {
    return this.db
      .prepare<[], { team_id: string; activity_id: string; number: string }>("SELECT team_id, activity_id, number FROM teams_redactions ORDER BY created_at")
      .all()
      .map((r) => ({ teamId: r.team_id, activityId: r.activity_id, number: r.number }));
  }

  redactionDone(activityId: string): void {
    this.db.prepare("DELETE FROM teams_redactions WHERE activity_id = ?").run(activityId);
  }

  private deleteWhere(where: string, params: unknown[]): number[] {
    return this.db.transaction(() => {
      const rows = this.db
        .prepare(`SELECT id, teams_team_id, teams_activity_id FROM tickets WHERE ${where} ORDER BY id`)
        .all(...params) as Array<{ id: number; teams_team_id: string | null; teams_activity_id: string | null }>;
      const remove = this.db.prepare("DELETE FROM tickets WHERE id = ?");
      const redact = this.db.prepare("INSERT OR IGNORE INTO teams_redactions (activity_id, team_id, number, created_at) VALUES (?, ?, ?, ?)");
      const now = this.stamp();
      for (const row of rows) {
        remove.run(row.id);
        if (row.teams_activity_id && row.teams_team_id) redact.run(row.teams_activity_id, row.teams_team_id, formatTicketNumber(row.id), now);
      }
      return rows.map((r) => r.id);
    })();
  }
}

interface AuditRow {
  id: number;
  created_at: string;
  actor_id: string;
  actor_name: string;
  action: string;
  ticket_id: number | null;
  detail: string | null;
}

function toAudit(r: AuditRow): AuditEntry {
  return { id: r.id, at: r.created_at, actor: { id: r.actor_id, name: r.actor_name }, action: r.action, ticketId: r.ticket_id, detail: r.detail };
}
