/**
 * Tickets in the navigators' Teams channel: each new ticket becomes a card (a new thread),
 * the card is replaced in place as the status changes, and what the person writes — or a
 * navigator writes from the console — appears in the card's thread. The Bot Framework calls
 * go through the injected `ChannelMessenger`, so this file knows no bot SDK.
 */
import type { NavigatorChannel } from "./navigator-channel.js";
import type { Logger } from "../util/logger.js";
import { errorSummary, type TicketEvent, type TicketListener } from "./ticket-service.js";
import { REQUESTER_ID, type Ticket, type TicketStore, type TicketWithMessages } from "./ticket-store.js";

/** One message for the channel: text, an Adaptive Card, or both. */
export interface ChannelMessage {
  text?: string;
  card?: object;
  /** Shown in Teams notifications for a card. */
  summary?: string;
}

export interface ChannelMessenger {
  /** Posts a new thread; returns the id of the new activity (the thread's root). */
  post(channel: NavigatorChannel, message: ChannelMessage): Promise<string>;
  /** Replaces an earlier post (the ticket card) in place. */
  update(channel: NavigatorChannel, activityId: string, message: ChannelMessage): Promise<void>;
  /** Replies in the thread of an earlier post. */
  reply(channel: NavigatorChannel, activityId: string, message: ChannelMessage): Promise<void>;
}

/** How tickets look in Teams; built by the bot layer (it knows cards and phrases). */
export interface TicketCards {
  card(ticket: TicketWithMessages): ChannelMessage;
  /** The card once retention or an erase request deleted the ticket. */
  deleted(number: string): ChannelMessage;
  /** A thread line for an event, or undefined when the thread should stay quiet. */
  threadLine(ticket: Ticket, event: TicketEvent): string | undefined;
}

/**
 * The navigators' channel as the notifier needs it (src/handoff/navigator-pairing.ts decides
 * which team that is: configured or paired, never one that merely installed the app).
 */
export interface NavigatorChannels {
  /** Where new tickets go; undefined: nowhere yet (they wait). */
  current(): Promise<NavigatorChannel | undefined>;
  /** The channel of `teamId` if it is still the navigators': only there are cards updated and threads continued. */
  active(teamId: string): Promise<NavigatorChannel | undefined>;
  /** Any channel Lotse posted to, also a former one: only to replace a deleted ticket's card. */
  known(teamId: string): Promise<NavigatorChannel | undefined>;
}

export interface TeamsNotifierOptions {
  store: TicketStore;
  channels: NavigatorChannels;
  cards: TicketCards;
  messenger?: ChannelMessenger;
  logger?: Logger;
}

export class TeamsNotifier implements TicketListener {
  readonly name = "teams";
  private messenger?: ChannelMessenger;
  private readonly store: TicketStore;
  private readonly channels: NavigatorChannels;
  private readonly cards: TicketCards;
  private readonly logger?: Logger;
  /** Tickets being posted, so that a resume and a create never post the same card twice. */
  private readonly posting = new Map<number, Promise<void>>();
  private readonly background = new Set<Promise<void>>();

  constructor(opts: TeamsNotifierOptions) {
    this.store = opts.store;
    this.channels = opts.channels;
    this.cards = opts.cards;
    this.messenger = opts.messenger;
    this.logger = opts.logger;
  }

  /** Set by the bot plugin once the adapter exists. */
  useMessenger(messenger: ChannelMessenger): void {
    this.messenger = messenger;
  }

  /**
   * Events from the person's chat are handled in the background: a slow Teams must not hold
   * up their turn (channels retry a turn that takes too long, which would duplicate it).
   * Navigators' own actions wait for the card, so they see it change.
   */
  async onTicketEvent(ticket: Ticket, event: TicketEvent): Promise<void> {
    if (!this.messenger) return;
    const fromPerson = event.type === "created" || (event.type === "message" && event.source === "chat") || (event.type === "closed" && event.by.id === REQUESTER_ID);
    if (!fromPerson) return this.apply(ticket, event);
    const job = this.apply(ticket, event)
      .catch((err: unknown) => this.logger?.warn({ ticket: ticket.id, event: event.type, err: errorSummary(err), code: "handoff.teams_failed" }, "Teams notification failed"))
      .finally(() => this.background.delete(job));
    this.background.add(job);
  }

  /** Resolves when no background notification is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.background.size) await Promise.allSettled([...this.background]);
  }

  private async apply(ticket: Ticket, event: TicketEvent): Promise<void> {
    if (!this.messenger) return;
    if (event.type === "created") return this.post(ticket.id);
    const placed = await this.placed(ticket.id);
    if (!placed) return;
    if (event.type === "taken" || event.type === "closed") await this.refreshCard(ticket.id);
    const line = this.cards.threadLine(ticket, event);
    if (line) await this.messenger.reply(placed.channel, placed.activityId, { text: line });
  }

  /** Posts the cards of waiting tickets that are not in Teams yet (no channel then, or a crash). */
  async postWaiting(): Promise<number> {
    if (!this.messenger || !(await this.channels.current())) return 0;
    let posted = 0;
    for (const ticket of await this.store.withoutTeamsCard()) {
      try {
        await this.post(ticket.id);
        if (await this.store.teamsCard(ticket.id)) posted++;
      } catch (err) {
        this.logger?.warn({ ticket: ticket.id, err: errorSummary(err), code: "handoff.teams_post_failed" }, "could not post a waiting ticket to Teams");
      }
    }
    return posted;
  }

  /** The card of a ticket as it looks now (for invoke responses). */
  render(ticket: TicketWithMessages): object | undefined {
    return this.cards.card(ticket).card;
  }

  /** Replaces the card with its current state. */
  async refreshCard(ticketId: number): Promise<void> {
    const placed = await this.placed(ticketId);
    const ticket = placed && (await this.store.getWithMessages(ticketId));
    if (!placed || !ticket || !this.messenger) return;
    await this.messenger.update(placed.channel, placed.activityId, this.cards.card(ticket));
  }

  /** After deletion the card must not keep showing personal data. */
  async redact(card: { teamId: string; activityId: string; number: string }): Promise<void> {
    const channel = await this.channels.known(card.teamId);
    if (!channel || !this.messenger) return;
    await this.messenger.update(channel, card.activityId, this.cards.deleted(card.number));
  }

  private async placed(ticketId: number): Promise<{ channel: NavigatorChannel; activityId: string } | undefined> {
    const card = await this.store.teamsCard(ticketId);
    // A card in a team that is no longer the navigators' gets no further personal data.
    const channel = card && (await this.channels.active(card.teamId));
    return card && channel ? { channel, activityId: card.activityId } : undefined;
  }

  private post(ticketId: number): Promise<void> {
    const running = this.posting.get(ticketId);
    if (running) return running;
    const job = (async () => {
      const channel = await this.channels.current();
      const ticket = channel && (await this.store.getWithMessages(ticketId));
      if (!channel || !ticket || ticket.postedToTeams || !this.messenger) return;
      const activityId = await this.messenger.post(channel, this.cards.card(ticket));
      await this.store.setTeamsCard(ticketId, channel.teamId, activityId);
      this.logger?.info({ ticket: ticketId, code: "handoff.teams_posted" }, "ticket posted to the navigators' Teams channel");
    })().finally(() => this.posting.delete(ticketId));
    this.posting.set(ticketId, job);
    return job;
  }
}
