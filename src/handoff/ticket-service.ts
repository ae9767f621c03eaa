/**
 * The handoff's domain: what happens when a ticket is created, taken, answered or closed, and
 * who is told. Used by the bot (the person's side, the Teams card) and the navigator console.
 *
 * API (all ids are the numeric `Ticket.id`; `Ticket.number` is the "L-0042" people read):
 *
 *   create(input: NewTicket)                → Promise<Ticket>            bot, after consent; throws TicketRefused
 *                                                                        (conversation already has a ticket,
 *                                                                        `limits` reached) and stores nothing
 *   list({status?, q?, limit?, offset?})    → Promise<TicketPage>        queue
 *   get(id)                                 → Promise<TicketWithMessages | undefined> (transcript)
 *   take(id, navigator)                     → Promise<Ticket>            atomic; one of two concurrent takes wins,
 *                                                                        also across nodes sharing PostgreSQL
 *   reply(id, navigator, text, source?)     → Promise<{message, delivered}>  stored, then relayed to the person;
 *                                                                        takes an open ticket on the way;
 *                                                                        source "console" (default) or "teams"
 *   close(id, navigator, note?)             → Promise<Ticket>
 *   audit(actor, action, ticketId?, detail?) / listAudit({ticketId?, limit?, offset?})
 *   webhookDeliveries(ticketId?)            → Promise<WebhookDelivery[]> per ticket, or all failed ones
 *
 * take/reply/close throw `TicketError` (ticket-errors.ts) with a `code` (not_found | already_taken |
 * taken_by_other | closed | invalid) and `params` ({ number: "L-0042", takenBy: "Anna", … }); the
 * Teams card and the console word it from their locale files, `message` is English for logs.
 * take/reply/close write their own audit entries (ticket.take, ticket.reply, ticket.close).
 * `navigator` is any `{id, name}` (the console's Navigator fits). Nothing here knows Fastify or
 * the bot SDK: the person's conversation is reached through the injected `UserRelay`, Teams and
 * the webhook through `TicketListener`s.
 */
import {
  Actor,
  CloseNote,
  MessageText,
  REQUESTER_ID,
  TicketRefused,
  TicketStore,
  type AuditEntry,
  type AuditQuery,
  type NewTicket,
  type Ticket,
  type TicketMessage,
  type TicketPage,
  type TicketQuery,
  type TicketLimits,
  type TicketWithMessages,
  type WebhookDelivery,
} from "./ticket-store.js";
import { scrubPersonalData } from "../privacy/scrub.js";
import type { Logger } from "../util/logger.js";
import { invalidInput, TicketError, ticketNotFound } from "./ticket-errors.js";

export { TICKET_ERROR_CODES, TicketError, type TicketErrorCode } from "./ticket-errors.js";

/** Reaches the person who asked, in the conversation they started (proactive messages). */
export interface UserRelay {
  /** A navigator's reply; false when the person's channel did not accept it. */
  sendToUser(ticket: Ticket, text: string, navigatorName: string): Promise<boolean>;
  /** Tells the person that a navigator took the ticket, or that the conversation with the navigators ended. */
  notifyUser(ticket: Ticket, event: "taken" | "closed"): Promise<boolean>;
}

export type MessageSource = "chat" | "teams" | "console";

export type TicketEvent =
  | { type: "created" }
  | { type: "taken"; by: Actor }
  /** `source`: where the message was written (the person's chat, the card's Teams thread, the console). */
  | { type: "message"; message: TicketMessage; source: MessageSource }
  | { type: "closed"; by: Actor };

/** Told about every change after it is stored: the Teams channel, the webhook. */
export interface TicketListener {
  readonly name: string;
  onTicketEvent(ticket: Ticket, event: TicketEvent): Promise<void>;
}

export interface TicketServiceOptions {
  store: TicketStore;
  /** Per contact and in total per 24 hours (TICKETS_PER_CONTACT_PER_DAY, TICKETS_PER_DAY); none when absent. */
  limits?: TicketLimits;
  logger?: Logger;
  relay?: UserRelay;
  listeners?: TicketListener[];
}

export class TicketService {
  readonly store: TicketStore;
  private relay?: UserRelay;
  private readonly listeners: TicketListener[];
  private readonly logger?: Logger;
  private readonly limits: TicketLimits;

  constructor(opts: TicketServiceOptions) {
    this.store = opts.store;
    this.limits = opts.limits ?? {};
    this.relay = opts.relay;
    this.listeners = [...(opts.listeners ?? [])];
    this.logger = opts.logger;
  }

  /** The bot plugin sets this once the adapter exists; without it replies are stored, not delivered. */
  useRelay(relay: UserRelay): void {
    this.relay = relay;
  }

  addListener(listener: TicketListener): void {
    this.listeners.push(listener);
  }

  // ── the person's side (bot) ──────────────────────────────────────────────

  async create(input: NewTicket): Promise<Ticket> {
    let ticket: Ticket;
    try {
      ticket = await this.store.create(redactTicket(input), this.limits);
    } catch (err) {
      if (err instanceof TicketRefused) this.logRefusal(err, input);
      throw err;
    }
    this.logger?.info({ ticket: ticket.id, channel: ticket.channel, language: ticket.language, code: "handoff.created" }, "handoff ticket created");
    await this.emit(ticket, { type: "created" });
    return ticket;
  }

  /** The open or taken ticket of a conversation: while it exists, the person talks to the navigators. */
  activeTicket(conversationId: string): Promise<Ticket | undefined> {
    return this.store.activeForConversation(conversationId);
  }

  /** What the person writes while connected; undefined when the ticket was closed meanwhile. */
  async addUserMessage(id: number, text: string): Promise<TicketMessage | undefined> {
    const parsed = MessageText.safeParse(text);
    if (!parsed.success) throw invalidInput("message", parsed.error);
    const message = await this.store.addMessage(id, { author: "user", text: scrubPersonalData(parsed.data) });
    if (!message) return undefined;
    const ticket = await this.store.get(id);
    // Deleted in the moment between (an erase request): the message went with it.
    if (!ticket) return undefined;
    await this.emit(ticket, { type: "message", message, source: "chat" });
    return message;
  }

  /** The person ends the conversation with the navigators. */
  async closeByRequester(id: number): Promise<Ticket | undefined> {
    const ticket = await this.store.get(id);
    if (!ticket) return undefined;
    const by = { id: REQUESTER_ID, name: ticket.name };
    const outcome = await this.store.close(id, by, undefined);
    if (!outcome.ok) return undefined;
    this.logger?.info({ ticket: id, code: "handoff.closed_by_requester" }, "handoff ticket closed by the person");
    await this.emit(outcome.ticket, { type: "closed", by });
    return outcome.ticket;
  }

  // ── the navigators' side (Teams card, console) ───────────────────────────

  list(query?: TicketQuery): Promise<TicketPage> {
    return this.store.list(query);
  }

  get(id: number): Promise<TicketWithMessages | undefined> {
    return this.store.getWithMessages(id);
  }

  async take(id: number, navigator: Actor): Promise<Ticket> {
    const who = this.actor(navigator);
    const outcome = await this.store.take(id, who);
    if (!outcome.ok) throw this.cannotTake(id, outcome.ticket, who);
    await this.store.audit(who, "ticket.take", id);
    this.logger?.info({ ticket: id, navigator: who.id, code: "handoff.taken" }, "handoff ticket taken");
    await this.emit(outcome.ticket, { type: "taken", by: who });
    await this.tellUser(outcome.ticket, "taken");
    return outcome.ticket;
  }

  async reply(id: number, navigator: Actor, text: string, source: Exclude<MessageSource, "chat"> = "console"): Promise<{ message: TicketMessage; delivered: boolean }> {
    const who = this.actor(navigator);
    const parsed = MessageText.safeParse(text);
    if (!parsed.success) throw invalidInput("text", parsed.error);
    let ticket = await this.mustGet(id);
    if (ticket.status === "open") {
      try {
        ticket = await this.take(id, who);
      } catch (err) {
        // Taken by someone between our read and our take: the checks below say by whom.
        if (!(err instanceof TicketError) || err.code !== "already_taken" || !err.ticket) throw err;
        ticket = err.ticket;
      }
    }
    if (ticket.status === "closed") throw this.closedError(ticket);
    if (ticket.takenBy?.id !== who.id) {
      throw new TicketError({ code: "taken_by_other", params: { number: ticket.number, takenBy: ticket.takenBy?.name ?? "" } }, ticket);
    }
    const message = await this.store.addMessage(id, { author: "navigator", authorName: who.name, text: parsed.data, delivered: false });
    if (!message) throw this.closedError(await this.mustGet(id));
    await this.store.audit(who, "ticket.reply", id);
    let delivered = false;
    if (this.relay) {
      try {
        delivered = await this.relay.sendToUser(ticket, parsed.data, who.name);
      } catch (err) {
        this.logger?.warn({ ticket: id, err: errorSummary(err), code: "handoff.relay_failed" }, "navigator reply not delivered to the person");
      }
    }
    if (delivered) await this.store.setDelivered(message.id, true);
    const stored = { ...message, delivered };
    await this.emit(ticket, { type: "message", message: stored, source });
    return { message: stored, delivered };
  }

  async close(id: number, navigator: Actor, note?: string): Promise<Ticket> {
    const who = this.actor(navigator);
    const parsedNote = CloseNote.safeParse(note);
    if (!parsedNote.success) throw invalidInput("note", parsedNote.error);
    const outcome = await this.store.close(id, who, parsedNote.data || undefined);
    if (!outcome.ok) {
      if (!outcome.ticket) throw ticketNotFound(id);
      throw this.closedError(outcome.ticket);
    }
    await this.store.audit(who, "ticket.close", id);
    this.logger?.info({ ticket: id, navigator: who.id, code: "handoff.closed" }, "handoff ticket closed");
    await this.emit(outcome.ticket, { type: "closed", by: who });
    await this.tellUser(outcome.ticket, "closed");
    return outcome.ticket;
  }

  audit(actor: Actor, action: string, ticketId?: number, detail?: string): Promise<AuditEntry> {
    return this.store.audit(this.actor(actor), action, ticketId, detail);
  }

  listAudit(query?: AuditQuery): Promise<AuditEntry[]> {
    return this.store.listAudit(query);
  }

  webhookDeliveries(ticketId?: number): Promise<WebhookDelivery[]> {
    return this.store.deliveries(ticketId);
  }

  // ── internals ────────────────────────────────────────────────────────────

  /** The reason and the channel, never the contact: that would say who asked. */
  private logRefusal(err: TicketRefused, input: NewTicket): void {
    const fields = { channel: input.channel, code: `handoff.refused_${err.reason}` };
    if (err.reason === "conversation_active") this.logger?.info({ ...fields, ticket: err.active?.id }, "handoff ticket refused: the conversation already has one");
    else if (err.reason === "contact_limit") this.logger?.warn({ ...fields, max: this.limits.perContactPerDay }, "handoff ticket refused: contact limit reached");
    // Real people are turned away until the day's count drops: the operators should know at once.
    else this.logger?.error({ ...fields, max: this.limits.perDay }, "handoff ticket refused: daily limit of all tickets reached");
  }

  private actor(navigator: Actor): Actor {
    const parsed = Actor.safeParse(navigator);
    // A programming error of the caller (Teams and the console always send both), not a person's typo.
    if (!parsed.success) throw new TicketError({ code: "invalid", params: { field: "navigator", problem: "invalid" } });
    return { id: parsed.data.id, name: parsed.data.name };
  }

  private async mustGet(id: number): Promise<Ticket> {
    const ticket = Number.isSafeInteger(id) ? await this.store.get(id) : undefined;
    if (!ticket) throw ticketNotFound(id);
    return ticket;
  }

  private cannotTake(id: number, ticket: Ticket | undefined, who: Actor): TicketError {
    if (!ticket) return ticketNotFound(id);
    if (ticket.status === "closed") return this.closedError(ticket);
    return new TicketError({ code: "already_taken", params: { number: ticket.number, takenBy: ticket.takenBy?.name ?? "", byYou: ticket.takenBy?.id === who.id } }, ticket);
  }

  private closedError(ticket: Ticket): TicketError {
    return new TicketError({ code: "closed", params: { number: ticket.number } }, ticket);
  }

  private async tellUser(ticket: Ticket, event: "taken" | "closed"): Promise<void> {
    if (!this.relay) return;
    try {
      await this.relay.notifyUser(ticket, event);
    } catch (err) {
      this.logger?.warn({ ticket: ticket.id, event, err: errorSummary(err), code: "handoff.relay_failed" }, "could not tell the person about the ticket");
    }
  }

  /** Listeners never undo a stored change: their failures are logged, not thrown. */
  private async emit(ticket: Ticket, event: TicketEvent): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener.onTicketEvent(ticket, event);
      } catch (err) {
        this.logger?.warn({ ticket: ticket.id, event: event.type, listener: listener.name, err: errorSummary(err), code: "handoff.listener_failed" }, "ticket notification failed");
      }
    }
  }
}

/** Errors may quote request bodies; only the name and status go to the log. */
export function errorSummary(err: unknown): { name: string; status?: number } {
  const e = err as { name?: string; statusCode?: number; status?: number };
  return { name: e?.name ?? typeof err, ...(e?.statusCode ?? e?.status ? { status: e.statusCode ?? e.status } : {}) };
}

/**
 * What the person typed loses its identifiers (BG-Nummer, Aktenzeichen, dates of birth, …)
 * before it is stored; the contact they gave for the ticket stays, in its own field only.
 */
function redactTicket(input: NewTicket): NewTicket {
  return {
    ...input,
    question: typeof input.question === "string" ? scrubPersonalData(input.question) : input.question,
    ...(input.transcript
      ? { transcript: input.transcript.map((entry) => (entry.author === "user" && typeof entry.text === "string" ? { ...entry, text: scrubPersonalData(entry.text) } : entry)) }
      : {}),
  };
}
