/**
 * The person's side of the handoff: consent, name, organisation, contact, the question, the
 * ticket — and afterwards the live relay, where everything the person writes goes to the
 * ticket until either side ends it. Cancel works at every step; nothing personal is stored
 * before consent, and a cancelled draft is dropped.
 */
import type { Activity } from "@microsoft/agents-activity";
import type { TurnContext } from "@microsoft/agents-hosting";
import { conversationReferenceOf as referenceOf } from "./activity.js";
import { parseContact } from "../src/handoff/contact.js";
import { scrubPersonalData } from "../src/privacy/scrub.js";
import { describeDay, describeOfficeHours, formatTime, isOpen, nextOpening, type OfficeHours } from "../src/handoff/office-hours.js";
import type { TicketService } from "../src/handoff/ticket-service.js";
import { TICKET_LIMITS, TicketRefused, type NewTicket, type Ticket } from "../src/handoff/ticket-store.js";
import type { BotAction } from "./actions.js";
import { isUiLanguage, translator, type Translate, type UiLanguage } from "./i18n.js";
import { recogniseHandoffWord } from "./recognise.js";
import { MAX_HISTORY, type ConversationData, type HandoffDraft, type OfferedChoice, type UserProfile } from "./state.js";

/** The part of the ticket service the conversation needs. */
export type HandoffTickets = Pick<TicketService, "create" | "activeTicket" | "addUserMessage" | "closeByRequester">;

export interface HandoffSettings {
  officeHours: OfficeHours;
  retentionDays: number;
  /** The navigator service's public phone and e-mail, offered to people who do not consent. */
  publicPhone?: string;
  publicEmail?: string;
  now?: () => Date;
}

/** What the dialogue needs from a turn of the bot. */
export interface HandoffTurn {
  context: TurnContext;
  conversation: ConversationData;
  profile: UserProfile;
  ui: UiLanguage;
  t: Translate;
  say(text: string): Promise<void>;
  offer(text: string, choices: OfferedChoice[]): Promise<void>;
}

export interface HandoffRequest {
  /** The question behind the request, when there was one (prefills the confirmation). */
  question?: string;
  reason: NewTicket["reason"];
}

type HandoffAction = Extract<BotAction, { action: `handoff${string}` }>;

export function isHandoffAction(action: BotAction): action is HandoffAction {
  return action.action.startsWith("handoff");
}

/** Names are one line of letters; anything that parses as a contact is not a name. */
const NAME_LIKE = /\p{L}/u;
const CONTROL = /[\p{Cc}]/u;

export class HandoffDialogue {
  private readonly now: () => Date;

  constructor(
    private readonly tickets: HandoffTickets,
    private readonly settings: HandoffSettings,
  ) {
    this.now = settings.now ?? (() => new Date());
  }

  /** The ticket this conversation is connected to, while it is open or taken. */
  activeTicket(context: TurnContext): Promise<Ticket | undefined> {
    return this.tickets.activeTicket(context.activity.conversation?.id ?? "");
  }

  async start(turn: HandoffTurn, request: HandoffRequest): Promise<void> {
    const active = await this.activeTicket(turn.context);
    if (active) return turn.offer(turn.t("handoff.already", { number: active.number }), [this.endChoice(turn)]);
    const asked = request.question ?? turn.conversation.lastQuestion;
    const question = asked === undefined ? undefined : scrubPersonalData(asked).trim();
    turn.conversation.handoff = {
      step: "consent",
      reason: request.reason,
      topics: turn.conversation.lastTopics,
      ...(question ? { question: question.slice(0, TICKET_LIMITS.question) } : {}),
    };
    await turn.say(turn.t("handoff.intro", { days: this.settings.retentionDays }));
    await this.askConsent(turn, turn.t("handoff.consentQuestion"));
  }

  async perform(turn: HandoffTurn, action: HandoffAction): Promise<void> {
    const draft = turn.conversation.handoff;
    switch (action.action) {
      case "handoff":
        return this.start(turn, { reason: action.via ?? "button" });
      case "handoffEnd":
        return this.end(turn);
      case "handoffCancel":
        return this.cancel(turn);
      case "handoffConsent":
        if (draft?.step !== "consent") return this.stale(turn);
        return action.consent ? this.consented(turn, draft) : this.declined(turn);
      case "handoffSkip":
        if (draft?.step !== "organisation") return this.stale(turn);
        return this.askContact(turn, draft);
      case "handoffSend":
        if (draft?.step !== "question" || !draft.question) return this.stale(turn);
        return this.createTicket(turn, draft, draft.question);
    }
  }

  /** Text while a draft or a ticket is active; false when the bot should treat it as a question. */
  async onText(turn: HandoffTurn, text: string): Promise<boolean> {
    const active = await this.activeTicket(turn.context);
    if (active) {
      // A draft started before the ticket appeared (another tab, a retried turn) can never be
      // sent now; its name and contact are not kept.
      delete turn.conversation.handoff;
      return this.relay(turn, active, text);
    }
    const draft = turn.conversation.handoff;
    if (!draft) return false;
    const word = recogniseHandoffWord(text);
    if (word === "cancel" || word === "end") {
      await this.cancel(turn);
      return true;
    }
    switch (draft.step) {
      case "consent":
        if (word === "yes") await this.consented(turn, draft);
        else if (word === "no") await this.declined(turn);
        else await this.askConsent(turn, turn.t("handoff.consentRepeat"));
        return true;
      case "name":
        await this.takeName(turn, draft, text);
        return true;
      case "organisation":
        if (word === "skip") await this.askContact(turn, draft);
        else await this.takeOrganisation(turn, draft, text);
        return true;
      case "contact":
        await this.takeContact(turn, draft, text);
        return true;
      case "question":
        // "ja" or "So senden" confirms the prefilled question; it is no question of its own.
        if ((word === "yes" || word === "send") && draft.question) await this.createTicket(turn, draft, draft.question);
        else await this.takeQuestion(turn, draft, text);
        return true;
    }
  }

  /** A card click that is not part of the handoff abandons a draft in progress. */
  abandonDraft(turn: HandoffTurn): void {
    delete turn.conversation.handoff;
  }

  // ── steps ────────────────────────────────────────────────────────────────

  private askConsent(turn: HandoffTurn, text: string): Promise<void> {
    return turn.offer(text, [
      { label: turn.t("handoff.consentYes"), value: { action: "handoffConsent", consent: true } },
      { label: turn.t("handoff.consentNo"), value: { action: "handoffConsent", consent: false } },
    ]);
  }

  private consented(turn: HandoffTurn, draft: HandoffDraft): Promise<void> {
    turn.conversation.handoff = { ...draft, step: "name", consentAt: this.now().toISOString() };
    return turn.offer(turn.t("handoff.askName"), [this.cancelChoice(turn)]);
  }

  /** No consent: nothing is stored; the public ways to reach the navigators instead. */
  private declined(turn: HandoffTurn): Promise<void> {
    delete turn.conversation.handoff;
    return turn.offer(turn.t("handoff.noConsent", { channels: this.publicChannels(turn) }), this.elsewhereChoices(turn));
  }

  /** The navigator service's public address, phone and e-mail (as configured), as one phrase. */
  private publicChannels({ t }: HandoffTurn): string {
    const channels = [t("handoff.channelsDefault")];
    if (this.settings.publicPhone) channels.push(t("handoff.channelPhone", { phone: this.settings.publicPhone }));
    if (this.settings.publicEmail) channels.push(t("handoff.channelEmail", { email: this.settings.publicEmail }));
    return channels.join(", ");
  }

  private elsewhereChoices({ t }: HandoffTurn): OfferedChoice[] {
    return [
      { label: t("handoff.directory"), value: { action: "topic", area: "zustaendigkeiten" } },
      { label: t("commands.labels.topics"), value: { action: "command", command: "topics" } },
    ];
  }

  private async takeName(turn: HandoffTurn, draft: HandoffDraft, text: string): Promise<void> {
    const name = text.trim().replace(/\s+/g, " ");
    if (!name || name.length > TICKET_LIMITS.name || CONTROL.test(name) || !NAME_LIKE.test(name) || name.includes("@") || parseContact(name)) {
      return turn.offer(turn.t("handoff.invalidName", { max: TICKET_LIMITS.name }), [this.cancelChoice(turn)]);
    }
    turn.conversation.handoff = { ...draft, step: "organisation", name };
    return turn.offer(turn.t("handoff.askOrganisation"), [
      { label: turn.t("handoff.labels.skip"), value: { action: "handoffSkip" } },
      this.cancelChoice(turn),
    ]);
  }

  private async takeOrganisation(turn: HandoffTurn, draft: HandoffDraft, text: string): Promise<void> {
    const organisation = text.trim().replace(/\s+/g, " ");
    if (!organisation || organisation.length > TICKET_LIMITS.organisation || CONTROL.test(organisation)) {
      return turn.offer(turn.t("handoff.invalidOrganisation", { max: TICKET_LIMITS.organisation }), [
        { label: turn.t("handoff.labels.skip"), value: { action: "handoffSkip" } },
        this.cancelChoice(turn),
      ]);
    }
    return this.askContact(turn, { ...draft, organisation });
  }

  private askContact(turn: HandoffTurn, draft: HandoffDraft): Promise<void> {
    turn.conversation.handoff = { ...draft, step: "contact" };
    return turn.offer(turn.t("handoff.askContact"), [this.cancelChoice(turn)]);
  }

  private async takeContact(turn: HandoffTurn, draft: HandoffDraft, text: string): Promise<void> {
    const contact = parseContact(text);
    if (!contact) return turn.offer(turn.t("handoff.invalidContact"), [this.cancelChoice(turn)]);
    turn.conversation.handoff = { ...draft, step: "question", contact };
    if (draft.question) {
      return turn.offer(turn.t("handoff.confirmQuestion", { question: draft.question }), [
        { label: turn.t("handoff.labels.send"), value: { action: "handoffSend" } },
        this.cancelChoice(turn),
      ]);
    }
    return turn.offer(turn.t("handoff.askQuestion"), [this.cancelChoice(turn)]);
  }

  private async takeQuestion(turn: HandoffTurn, draft: HandoffDraft, text: string): Promise<void> {
    // Only the contact given for the ticket is kept; identifiers in the question are not.
    const question = scrubPersonalData(text.trim());
    if (!question || question.length > TICKET_LIMITS.question) {
      return turn.offer(turn.t("handoff.invalidQuestion", { max: TICKET_LIMITS.question }), [this.cancelChoice(turn)]);
    }
    return this.createTicket(turn, draft, question);
  }

  private async createTicket(turn: HandoffTurn, draft: HandoffDraft, question: string): Promise<void> {
    const { context, t } = turn;
    if (!draft.name || !draft.contact || !draft.consentAt) return this.stale(turn);
    const activity = context.activity;
    const input: NewTicket = {
      name: draft.name,
      ...(draft.organisation ? { organisation: draft.organisation } : {}),
      contact: draft.contact,
      question,
      language: turn.ui,
      ...(turn.profile.audience ? { audience: turn.profile.audience } : {}),
      topics: draft.topics.slice(0, 10),
      reason: draft.reason,
      channel: activity.channelId ?? "",
      conversationId: activity.conversation?.id ?? "",
      conversationReference: conversationReferenceOf(activity),
      consentAt: draft.consentAt,
      transcript: turn.conversation.history
        .filter((h) => h.text.trim())
        .slice(-MAX_HISTORY)
        .map((h) => ({ author: h.author, text: h.text.slice(0, 2000), at: h.at })),
    };
    let ticket: Ticket;
    try {
      ticket = await this.tickets.create(input);
    } catch (err) {
      if (!(err instanceof TicketRefused)) throw err;
      return this.refused(turn, err);
    }
    delete turn.conversation.handoff;
    const text = [t("handoff.created", { number: ticket.number }), this.expectation(turn), t("handoff.relayInfo")].join("\n\n");
    await turn.offer(text, [this.endChoice(turn)]);
  }

  /**
   * No ticket was stored, so the draft (name, contact) goes too. A second ticket of the same
   * conversation (a double click on "send") points to the first; a limit offers the public channels.
   */
  private refused(turn: HandoffTurn, refusal: TicketRefused): Promise<void> {
    delete turn.conversation.handoff;
    if (refusal.reason === "conversation_active" && refusal.active) {
      return turn.offer(turn.t("handoff.already", { number: refusal.active.number }), [this.endChoice(turn)]);
    }
    const key = refusal.reason === "contact_limit" ? "handoff.contactLimit" : "handoff.dailyLimit";
    return turn.offer(turn.t(key, { channels: this.publicChannels(turn) }), this.elsewhereChoices(turn));
  }

  /** An honest expectation from the office hours: now, or the next working day. */
  expectation(turn: Pick<HandoffTurn, "t" | "ui">): string {
    const hours = this.settings.officeHours;
    const locale = turn.ui;
    const described = describeOfficeHours(hours, locale);
    const now = this.now();
    if (isOpen(hours, now)) return turn.t("handoff.expectOpen", { hours: described });
    const next = nextOpening(hours, now);
    if (!next) return turn.t("handoff.expectOpen", { hours: described });
    return turn.t("handoff.expectClosed", {
      hours: described,
      day: describeDay(next.inDays, next.window.day, locale),
      time: formatTime(next.window.from, locale),
    });
  }

  // ── the live relay ───────────────────────────────────────────────────────

  private async relay(turn: HandoffTurn, ticket: Ticket, text: string): Promise<boolean> {
    const word = recogniseHandoffWord(text);
    if (word === "end" || word === "cancel") {
      await this.end(turn);
      return true;
    }
    if (text.length > TICKET_LIMITS.message) {
      await turn.say(turn.t("handoff.tooLong", { max: TICKET_LIMITS.message }));
      return true;
    }
    const message = await this.tickets.addUserMessage(ticket.id, text);
    // Closed between our read and the write: the bot answers the text itself.
    if (!message) return false;
    // Once a navigator has taken over, the chat is theirs: no bot chatter in between.
    if (ticket.status === "open") await turn.say(turn.t("handoff.added", { number: ticket.number }));
    return true;
  }

  private async end(turn: HandoffTurn): Promise<void> {
    const active = await this.activeTicket(turn.context);
    if (!active) return this.cancel(turn);
    await this.tickets.closeByRequester(active.id);
    await turn.say(turn.t("handoff.closedByYou", { number: active.number }));
  }

  private async cancel(turn: HandoffTurn): Promise<void> {
    delete turn.conversation.handoff;
    await turn.say(turn.t("handoff.cancelled"));
  }

  private stale(turn: HandoffTurn): Promise<void> {
    return turn.say(turn.t("errors.invalidAction"));
  }

  private cancelChoice(turn: HandoffTurn): OfferedChoice {
    return { label: turn.t("handoff.labels.cancel"), value: { action: "handoffCancel" } };
  }

  private endChoice(turn: HandoffTurn): OfferedChoice {
    return { label: turn.t("handoff.labels.end"), value: { action: "handoffEnd" } };
  }
}

/** Proactive messages to the person, in the language of their ticket. */
export function relayMessage(ticket: Ticket, event: { type: "reply"; name: string; text: string } | { type: "taken"; name: string } | { type: "closed" }): Partial<Activity> {
  const ui: UiLanguage = isUiLanguage(ticket.language) ? ticket.language : "de";
  const t = translator(ui);
  const text =
    event.type === "reply"
      ? t("handoff.fromNavigator", { name: event.name, text: event.text })
      : event.type === "taken"
        ? t("handoff.taken", { name: event.name, number: ticket.number })
        : t("handoff.closedByNavigator", { number: ticket.number });
  return { type: "message", text, textFormat: "markdown", locale: ui };
}

/**
 * Where navigator replies go. Without the activity id they are new messages in the
 * conversation, not replies to the turn that created the ticket.
 */
function conversationReferenceOf(activity: Activity): Record<string, unknown> {
  const reference = referenceOf(activity);
  delete reference.activityId;
  return JSON.parse(JSON.stringify(reference)) as Record<string, unknown>;
}

/** Appends to the conversation history kept for a possible ticket. */
export function remember(conversation: ConversationData, author: "user" | "bot", text: string, at: Date = new Date()): void {
  // What the person wrote is scrubbed of identifiers before it is kept (and later in a ticket).
  const line = (author === "user" ? scrubPersonalData(text) : text).trim().slice(0, 1000);
  if (!line) return;
  conversation.history = [...conversation.history, { author, text: line, at: at.toISOString() }].slice(-MAX_HISTORY);
}
