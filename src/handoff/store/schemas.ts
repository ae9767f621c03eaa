/**
 * The shapes of the handoff's records, as zod schemas (the single source of truth for the bot,
 * the console API and the stores), the limits of what a ticket holds, and the refusals of
 * ticket creation.
 */
import { z } from "zod";
import { Contact } from "../contact.js";

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

export interface NewMessage {
  author: TicketMessage["author"];
  authorName?: string;
  text: string;
  delivered?: boolean;
}

