/**
 * Referral tickets in the database (SQLite or PostgreSQL): the ticket, its transcript and
 * messages, the audit log, the webhook deliveries and the Teams cards. The records are kept by
 * the stores in ./store/; this facade is what the service, the notifiers, the console and the
 * privacy CLI use. Every write that belongs together runs in one transaction, so a crash (even
 * `kill -9`) leaves either all of it or none. The domain rules (who may take, reply, close; who
 * is told) live in ticket-service.ts; this file only keeps records.
 *
 * Constructed with a transaction (`new TicketStore(trx)`), every method works inside it.
 */
import type { Db } from "../storage/database.js";
import type { Contact } from "./contact.js";
import { AuditLog } from "./store/audit.js";
import { TicketMessages } from "./store/messages.js";
import type {
  Actor,
  AuditEntry,
  AuditQuery,
  NewMessage,
  NewTicket,
  TakeOutcome,
  Ticket,
  TicketLimits,
  TicketMessage,
  TicketPage,
  TicketQuery,
  TicketStatus,
  TicketWithMessages,
  WebhookDelivery,
} from "./store/schemas.js";
import { TeamsCards, type TeamsCard } from "./store/teams-cards.js";
import { TicketRecords } from "./store/tickets.js";
import { WebhookDeliveries, type DeliveryResult } from "./store/webhook-deliveries.js";

export * from "./store/schemas.js";
export type { DeliveryResult } from "./store/webhook-deliveries.js";
export type { TeamsCard } from "./store/teams-cards.js";
// Formatting lives in ./ticket-number.ts (zod-free); re-exported for the store's callers.
export { formatTicketNumber, parseTicketNumber } from "./ticket-number.js";

export class TicketStore {
  readonly tickets: TicketRecords;
  readonly transcript: TicketMessages;
  readonly auditLog: AuditLog;
  readonly webhooks: WebhookDeliveries;
  readonly teams: TeamsCards;

  private readonly now: () => Date;

  constructor(db: Db, now: () => Date = () => new Date()) {
    this.now = now;
    this.tickets = new TicketRecords(db, now);
    this.transcript = new TicketMessages(db, now);
    this.auditLog = new AuditLog(db, now);
    this.webhooks = new WebhookDeliveries(db, now);
    this.teams = new TeamsCards(db);
  }

  // ── tickets ──────────────────────────────────────────────────────────────

  /** Throws a ZodError on invalid input and `TicketRefused` (nothing stored) when the conversation has a ticket or a limit is reached. */
  create(input: NewTicket, limits: TicketLimits = {}): Promise<Ticket> {
    return this.tickets.create(input, limits);
  }

  get(id: number): Promise<Ticket | undefined> {
    return this.tickets.get(id);
  }

  async getWithMessages(id: number): Promise<TicketWithMessages | undefined> {
    const ticket = await this.tickets.get(id);
    return ticket ? { ...ticket, messages: await this.transcript.list(id) } : undefined;
  }

  list(query: TicketQuery = {}): Promise<TicketPage> {
    return this.tickets.list(query);
  }

  countByStatus(): Promise<Record<TicketStatus, number>> {
    return this.tickets.countByStatus();
  }

  take(id: number, navigator: Actor): Promise<TakeOutcome> {
    return this.tickets.take(id, navigator);
  }

  close(id: number, by: Actor, note: string | undefined): Promise<TakeOutcome> {
    return this.tickets.close(id, by, note);
  }

  activeForConversation(conversationId: string): Promise<Ticket | undefined> {
    return this.tickets.activeForConversation(conversationId);
  }

  conversationReference(id: number): Promise<Record<string, unknown> | undefined> {
    return this.tickets.conversationReference(id);
  }

  // ── messages ─────────────────────────────────────────────────────────────

  messages(ticketId: number): Promise<TicketMessage[]> {
    return this.transcript.list(ticketId);
  }

  /** Adds a message unless the ticket is closed (or gone); resolves to undefined then. */
  addMessage(ticketId: number, message: NewMessage): Promise<TicketMessage | undefined> {
    return this.transcript.add(ticketId, message);
  }

  setDelivered(messageId: number, delivered: boolean): Promise<void> {
    return this.transcript.setDelivered(messageId, delivered);
  }

  // ── Teams cards ──────────────────────────────────────────────────────────

  setTeamsCard(id: number, teamId: string, activityId: string): Promise<void> {
    return this.teams.set(id, teamId, activityId);
  }

  teamsCard(id: number): Promise<TeamsCard | undefined> {
    return this.teams.of(id);
  }

  byTeamsCard(activityId: string): Promise<Ticket | undefined> {
    return this.teams.ticket(activityId);
  }

  /** Tickets without a card that no poster holds a live claim on at `at` (default: now). */
  withoutTeamsCard(at: Date = this.now()): Promise<Ticket[]> {
    return this.teams.waiting(at);
  }

  /** Claims a ticket without a card for posting it until `until`, unless another claim is live at `at` (see TeamsCards.claim). */
  claimTeamsPost(id: number, at: Date, until: Date): Promise<boolean> {
    return this.teams.claim(id, at, until);
  }

  /** Gives up the claim made with `until` after a failed post. */
  releaseTeamsPost(id: number, until: Date): Promise<void> {
    return this.teams.release(id, until);
  }

  pendingRedactions(): Promise<Array<TeamsCard & { number: string }>> {
    return this.teams.pendingRedactions();
  }

  redactionDone(activityId: string): Promise<void> {
    return this.teams.redactionDone(activityId);
  }

  // ── audit ────────────────────────────────────────────────────────────────

  audit(actor: Actor, action: string, ticketId?: number, detail?: string): Promise<AuditEntry> {
    return this.auditLog.write(actor, action, ticketId, detail);
  }

  listAudit(query: AuditQuery = {}): Promise<AuditEntry[]> {
    return this.auditLog.list(query);
  }

  // ── webhook deliveries ───────────────────────────────────────────────────

  enqueueDelivery(ticketId: number, event: string, payload: string): Promise<WebhookDelivery> {
    return this.webhooks.enqueue(ticketId, event, payload);
  }

  delivery(id: number): Promise<WebhookDelivery | undefined> {
    return this.webhooks.get(id);
  }

  deliveryPayload(id: number): Promise<string | undefined> {
    return this.webhooks.payload(id);
  }

  /** Claims a pending delivery due by `dueBy` for one attempt until `until` (see WebhookDeliveries.claim). */
  claimDelivery(id: number, dueBy: Date, until: Date): Promise<{ delivery: WebhookDelivery; payload: string } | undefined> {
    return this.webhooks.claim(id, dueBy, until);
  }

  recordAttempt(id: number, result: DeliveryResult): Promise<void> {
    return this.webhooks.recordAttempt(id, result);
  }

  /** Per ticket (oldest first), or all failed deliveries when no ticket is given. */
  deliveries(ticketId?: number): Promise<WebhookDelivery[]> {
    return this.webhooks.list(ticketId);
  }

  pendingDeliveries(dueAt?: Date): Promise<WebhookDelivery[]> {
    return this.webhooks.pending(dueAt);
  }

  // ── retention and GDPR requests ──────────────────────────────────────────

  /** Deletes tickets closed before the cutoff, with everything attached; their Teams cards are queued for redaction. */
  deleteClosedBefore(cutoff: Date): Promise<number[]> {
    return this.tickets.deleteClosedBefore(cutoff);
  }

  async byContact(contact: Contact): Promise<TicketWithMessages[]> {
    const found: TicketWithMessages[] = [];
    for (const id of await this.tickets.idsByContact(contact)) {
      const ticket = await this.getWithMessages(id);
      if (ticket) found.push(ticket);
    }
    return found;
  }

  deleteByContact(contact: Contact): Promise<number[]> {
    return this.tickets.deleteByContact(contact);
  }
}
