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
  now?: () => Date;
}

/**
 * How long a poster's claim on a ticket holds (src/handoff/store/teams-cards.ts): a node that
 * dies mid-post leaves it to run out, then the next sweep posts the card. A post that takes
 * longer than this could be posted a second time.
 */
export const TEAMS_POST_CLAIM_MS = 5 * 60_000;

export class TeamsNotifier implements TicketListener {
  readonly name = "teams";
  private messenger?: ChannelMessenger;
  private readonly store: TicketStore;
  private readonly channels: NavigatorChannels;
  private readonly cards: TicketCards;
  private readonly logger?: Logger;
  private readonly now: () => Date;
  /** Tickets being posted here (a create and a sweep wait for the same post); the claim in the database keeps other nodes out. */
  private readonly posting = new Map<number, Promise<boolean>>();
  private readonly background = new Set<Promise<void>>();

  constructor(opts: TeamsNotifierOptions) {
    this.store = opts.store;
    this.channels = opts.channels;
    this.cards = opts.cards;
    this.messenger = opts.messenger;
    this.logger = opts.logger;
    this.now = opts.now ?? (() => new Date());
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
    if (event.type === "created") {
      await this.post(ticket.id);
      return;
    }
    const placed = await this.placed(ticket.id);
    if (!placed) return;
    if (event.type === "taken" || event.type === "closed") await this.refreshCard(ticket.id);
    const line = this.cards.threadLine(ticket, event);
    if (line) await this.messenger.reply(placed.channel, placed.activityId, { text: line });
  }

  /** Posts the cards of waiting tickets that are not in Teams yet (no channel then, or a crash); how many this node posted. */
  async postWaiting(): Promise<number> {
    if (!this.messenger || !(await this.channels.current())) return 0;
    let posted = 0;
    for (const ticket of await this.store.withoutTeamsCard(this.now())) {
      try {
        if (await this.post(ticket.id)) posted++;
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

  /**
   * Posts the card of a ticket that has none, if this poster gets the claim on it: another node
   * (or this one) posting it right now keeps it, and a failed post gives it back for the next sweep.
   * True when this node posted it.
   */
  private post(ticketId: number): Promise<boolean> {
    const running = this.posting.get(ticketId);
    if (running) return running;
    const job = (async () => {
      const channel = await this.channels.current();
      const messenger = this.messenger;
      if (!channel || !messenger) return false;
      const at = this.now();
      const until = new Date(at.getTime() + TEAMS_POST_CLAIM_MS);
      if (!(await this.store.claimTeamsPost(ticketId, at, until))) return false;
      let activityId: string;
      try {
        const ticket = await this.store.getWithMessages(ticketId);
        if (!ticket) return false;
        activityId = await messenger.post(channel, this.cards.card(ticket));
      } catch (err) {
        await this.store
          .releaseTeamsPost(ticketId, until)
          .catch((releaseErr: unknown) => this.logger?.warn({ ticket: ticketId, err: errorSummary(releaseErr), code: "handoff.teams_release_failed" }, "could not release the claim on a Teams post; it runs out"));
        throw err;
      }
      await this.store.setTeamsCard(ticketId, channel.teamId, activityId);
      this.logger?.info({ ticket: ticketId, code: "handoff.teams_posted" }, "ticket posted to the navigators' Teams channel");
      return true;
    })().finally(() => this.posting.delete(ticketId));
    this.posting.set(ticketId, job);
    return job;
  }
}
