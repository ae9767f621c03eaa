/**
 * The navigators' side in Teams: the configured team, or the team paired with a code from the
 * console ("@Lotse koppeln 4831-9275"), receives new tickets; "Übernehmen", "Antworten" and
 * "Abschließen" on a ticket card act on the ticket — as Universal Actions (an `adaptiveCard/action`
 * invoke answered with the refreshed card, or with an error card saying why not), or as the
 * Action.Submit fallback of older clients (a message; refusals are answered in the thread); a
 * reply in a card's thread (with @Lotse) goes to the person who asked. Any other team gets the
 * ordinary Lotse. The decisions are src/handoff/navigator-pairing.ts; this file only turns
 * activities into its plain inputs and its results into replies.
 */
import { ActivityTypes, type Activity } from "@microsoft/agents-activity";
import { MessageFactory, type TurnContext } from "@microsoft/agents-hosting";
import { conversationReferenceOf, outgoing } from "./activity.js";
import { z } from "zod";
import type { TeamChannel } from "../src/handoff/navigator-channel.js";
import { parsePairCommand, type NavigatorPairing, type PairRefusal } from "../src/handoff/navigator-pairing.js";
import { TicketError, ticketErrorKey } from "../src/handoff/ticket-errors.js";
import { errorSummary, type TicketService } from "../src/handoff/ticket-service.js";
import { TICKET_LIMITS, type Actor, type Ticket } from "../src/handoff/ticket-store.js";
import type { Logger } from "../src/util/logger.js";
import { navigatorT as t } from "./i18n.js";
import { ADAPTIVE_CARD_ACTION, badRequest, cardResponse, invokeResponse, type InvokeResponseActivity } from "./invoke-response.js";
import { hasMalformedEntities, mentionsBot, textWithoutBotMention } from "./mentions.js";
import { cardReplyLine, ticketErrorCard, type TicketVerb } from "./cards/ticket-card.js";

const TicketId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** The reply input; an empty one is refused by the ticket service in the navigators' words. */
const ReplyText = z.string().max(TICKET_LIMITS.message).default("");
const CloseNote = z.string().max(TICKET_LIMITS.note).optional();

/** What the ticket card's Action.Submit fallback sends (bot/cards/ticket-card.ts); parsed because card data comes back from a client. */
export const TicketCardAction = z.discriminatedUnion("action", [
  z.object({ action: z.literal("ticketTake"), ticketId: TicketId }),
  z.object({ action: z.literal("ticketReply"), ticketId: TicketId, text: ReplyText }),
  z.object({ action: z.literal("ticketClose"), ticketId: TicketId, note: CloseNote }),
]);
export type TicketCardAction = z.infer<typeof TicketCardAction>;

/**
 * The value of an `adaptiveCard/action` invoke from a ticket card's Action.Execute: the verb,
 * and the data the card set (`ticketId`) merged with the inputs (`text`, `note`).
 */
export const TicketCardInvoke = z.object({
  action: z.discriminatedUnion("verb", [
    z.object({ type: z.literal("Action.Execute"), verb: z.literal("take" satisfies TicketVerb), data: z.object({ ticketId: TicketId }) }),
    z.object({ type: z.literal("Action.Execute"), verb: z.literal("reply" satisfies TicketVerb), data: z.object({ ticketId: TicketId, text: ReplyText }) }),
    z.object({ type: z.literal("Action.Execute"), verb: z.literal("close" satisfies TicketVerb), data: z.object({ ticketId: TicketId, note: CloseNote }) }),
  ]),
  trigger: z.enum(["manual", "automatic"]).optional(),
});
export type TicketCardInvoke = z.infer<typeof TicketCardInvoke>;

function fromInvoke({ action }: TicketCardInvoke): TicketCardAction {
  switch (action.verb) {
    case "take":
      return { action: "ticketTake", ticketId: action.data.ticketId };
    case "reply":
      return { action: "ticketReply", ticketId: action.data.ticketId, text: action.data.text };
    case "close":
      return { action: "ticketClose", ticketId: action.data.ticketId, note: action.data.note };
  }
}

/** For the developer reading a 400: where the invoke went wrong (zod's messages never echo the input). */
function invalidInvoke(error: z.ZodError): string {
  const issue = error.issues[0];
  const at = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  return `not a ticket card action (${at}${issue?.message ?? "invalid"})`.slice(0, 300);
}

type ActOutcome = { ok: true; ticketId: number; reply?: { name: string; text: string } } | { ok: false; ticketId?: number; reason: string };

export interface NavigatorDeskOptions {
  tickets: Pick<TicketService, "take" | "close" | "reply" | "get"> & { store: { byTeamsCard(activityId: string): Promise<Ticket | undefined> } };
  /** Which team is the navigators' (configured or paired). */
  channels: Pick<NavigatorPairing, "isNavigatorTeam" | "installed" | "removed" | "pair">;
  /** The Teams side of the ticket listeners: posts waiting tickets, renders the card for invoke responses. */
  teams: { postWaiting(): Promise<number>; cardOf(ticketId: number): Promise<object | undefined> };
  logger?: Logger;
}

interface TeamsChannelData {
  team?: { id?: unknown; name?: unknown };
  channel?: { id?: unknown };
  tenant?: { id?: unknown };
  eventType?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

function tenantOf(activity: Partial<Activity>): string | null {
  return str(channelData(activity).tenant?.id) ?? str(activity.conversation?.tenantId) ?? null;
}

/** The team's channel as the pairing logic sees it: plain values and a JSON conversation reference. */
function teamChannel(activity: Partial<Activity>): TeamChannel {
  const data = channelData(activity);
  const channelId = str(data.channel?.id) ?? (activity.conversation?.id ?? "").replace(/;messageid=.*$/, "");
  const reference = conversationReferenceOf(activity);
  reference.conversation = { ...reference.conversation!, id: channelId };
  delete reference.activityId;
  return {
    teamId: str(data.team?.id)!,
    teamName: str(data.team?.name)?.slice(0, 512) ?? null,
    tenantId: tenantOf(activity),
    channelId,
    reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
  };
}

const REFUSAL_TEXT: Record<PairRefusal, string> = {
  configured: "pairing.configured",
  no_code: "pairing.refused",
  wrong: "pairing.refused",
  expired: "pairing.refused",
  used: "pairing.refused",
  wrong_tenant: "pairing.refused",
  locked: "pairing.locked",
};

function channelData(activity: Partial<Activity>): TeamsChannelData {
  const data = activity.channelData as TeamsChannelData | undefined;
  return data && typeof data === "object" ? data : {};
}

/** "19:abc@thread.tacv2;messageid=1700000000000" → the thread's root message id. */
export function threadRoot(conversationId: string): string | undefined {
  return /;messageid=([^;]+)$/.exec(conversationId)?.[1];
}

/** A refused ticket action in the navigators' words: `ticketErrors.*` of bot/locales/navigator.de.json. */
export function ticketErrorText(err: TicketError): string {
  return t(ticketErrorKey(err.detail), err.params);
}

export class NavigatorDesk {
  constructor(private readonly opts: NavigatorDeskOptions) {}

  /**
   * Activities from the navigators' team belong to the desk; so do, from any team, membership
   * events (only the desk may register a team), pairing commands, ticket card actions and
   * replies in a ticket card's thread (refused there). Everything else in another team is an
   * ordinary conversation with Lotse.
   */
  async handles(activity: Partial<Activity>): Promise<boolean> {
    if (activity.channelId !== "msteams") return false;
    // The ticket cards are Lotse's only Action.Execute cards: the desk answers every one, from
    // anywhere (junk with a 400, anyone but the navigators' team with an error card).
    if (activity.type === ActivityTypes.Invoke) return activity.name === ADAPTIVE_CARD_ACTION;
    const teamId = str(channelData(activity).team?.id);
    if (!teamId) return false;
    if (await this.opts.channels.isNavigatorTeam(teamId, tenantOf(activity))) return true;
    switch (activity.type) {
      case ActivityTypes.ConversationUpdate:
      case ActivityTypes.InstallationUpdate:
        return true;
      case ActivityTypes.Message: {
        if (activity.value !== undefined && activity.value !== null) return TicketCardAction.safeParse(activity.value).success;
        if (parsePairCommand(textWithoutBotMention(activity))) return true;
        const root = threadRoot(str(activity.conversation?.id) ?? "") ?? activity.replyToId;
        return !!root && !!(await this.opts.tickets.store.byTeamsCard(root));
      }
    }
    return false;
  }

  async run(context: TurnContext): Promise<void> {
    const { activity } = context;
    switch (activity.type) {
      case ActivityTypes.ConversationUpdate:
      case ActivityTypes.InstallationUpdate:
        return this.membership(context);
      case ActivityTypes.Invoke:
        return this.invoke(context);
      case ActivityTypes.Message:
        if (activity.value !== undefined && activity.value !== null) return this.cardAction(context, activity.value);
        return this.threadReply(context);
    }
  }

  private async membership(context: TurnContext): Promise<void> {
    const { activity } = context;
    const data = channelData(activity);
    const botId = activity.recipient?.id;
    const added = (activity.membersAdded ?? []).some((m) => m.id === botId) || (activity.type === ActivityTypes.InstallationUpdate && activity.action === "add");
    const removed =
      (activity.membersRemoved ?? []).some((m) => m.id === botId) ||
      data.eventType === "teamDeleted" ||
      (activity.type === ActivityTypes.InstallationUpdate && activity.action === "remove");
    if (removed) {
      await this.opts.channels.removed({ teamId: str(data.team?.id)!, tenantId: tenantOf(activity) }, this.navigator(activity));
      return;
    }
    if (!added) return;
    // Only the configured or the paired team is (re)registered; any other team registers nothing.
    if ((await this.opts.channels.installed(teamChannel(activity))) !== "registered") return;
    await context.sendActivity(MessageFactory.text(t("thread.registered")));
    await this.opts.teams.postWaiting();
  }

  /** "@Lotse koppeln 4831-9275" typed in a team (configured mode: "@Lotse koppeln" registers the configured team). */
  private async pair(context: TurnContext, code: string): Promise<void> {
    const { activity } = context;
    const team = teamChannel(activity);
    if (!code) {
      const registered = (await this.opts.channels.installed(team)) === "registered";
      await context.sendActivity(MessageFactory.text(t(registered ? "thread.registered" : "pairing.missingCode")));
      if (registered) await this.opts.teams.postWaiting();
      return;
    }
    const result = await this.opts.channels.pair({ code, team, by: this.navigator(activity) });
    if (!result.ok) {
      await context.sendActivity(MessageFactory.text(t(REFUSAL_TEXT[result.reason])));
      return;
    }
    await context.sendActivity(MessageFactory.text(t("pairing.paired")));
    await this.opts.teams.postWaiting();
  }

  /**
   * Action.Execute (Universal Actions) arrives as an invoke; the answer replaces the card for the
   * navigator who clicked: the refreshed card, or an error card saying why nothing happened.
   * Everyone else sees the change when the ticket listener updates the channel message (take,
   * close) or the reply's line in the thread.
   */
  private async invoke(context: TurnContext): Promise<void> {
    const { activity } = context;
    // Teams always names the bot as recipient and sends well-formed entities: anything else is forged.
    if (!str(activity.recipient?.id) || hasMalformedEntities(activity)) {
      this.opts.logger?.warn({ code: "handoff.invalid_card_invoke" }, "ticket card invoke rejected: no recipient or malformed entities");
      return this.respond(context, badRequest("the invoke needs a recipient and well-formed entities"));
    }
    const parsed = TicketCardInvoke.safeParse(activity.value);
    if (!parsed.success) {
      this.opts.logger?.warn({ code: "handoff.invalid_card_invoke" }, "ticket card invoke rejected");
      return this.respond(context, badRequest(invalidInvoke(parsed.error)));
    }
    const action = fromInvoke(parsed.data);
    if (!(await this.authorised(activity))) {
      this.opts.logger?.info({ code: "handoff.teams_action_outside" }, "ticket card action from outside the navigators' team refused");
      // No ticket card here: names and contacts stay in the navigators' team.
      return this.respond(context, cardResponse(ticketErrorCard(t("thread.notNavigatorChannel"))));
    }
    // An automatic trigger is a client refreshing the card on its own: it shows the card, never acts.
    if (parsed.data.trigger === "automatic") {
      const current = await this.opts.teams.cardOf(action.ticketId);
      return this.respond(context, current ? cardResponse(current) : invokeResponse(200));
    }
    const outcome = await this.act(context, action);
    const card = await this.opts.teams.cardOf(action.ticketId);
    if (!outcome.ok) return this.respond(context, cardResponse(ticketErrorCard(outcome.reason, card)));
    if (outcome.reply) await this.replyLine(context, outcome.ticketId, outcome.reply);
    return this.respond(context, card ? cardResponse(card) : invokeResponse(200));
  }

  private async respond(context: TurnContext, response: InvokeResponseActivity): Promise<void> {
    await context.sendActivity(outgoing(response));
  }

  /** The Action.Submit fallback: success shows in the card itself (updated in place); failures are answered in the thread. */
  private async cardAction(context: TurnContext, value: unknown): Promise<void> {
    const parsed = TicketCardAction.safeParse(value);
    if (!parsed.success) {
      this.opts.logger?.warn({ code: "handoff.invalid_card_action" }, "ticket card action rejected");
      await context.sendActivity(MessageFactory.text(t("thread.unknownTicket")));
      return;
    }
    if (!(await this.authorised(context.activity))) {
      await context.sendActivity(MessageFactory.text(t("thread.notNavigatorChannel")));
      return;
    }
    const outcome = await this.act(context, parsed.data);
    if (!outcome.ok) await context.sendActivity(MessageFactory.text(outcome.reason));
    else if (outcome.reply) await this.replyLine(context, outcome.ticketId, outcome.reply);
  }

  /** One ticket action of an authorised navigator; a refusal comes back in the navigators' words. */
  private async act(context: TurnContext, action: TicketCardAction): Promise<ActOutcome> {
    const navigator = this.navigator(context.activity);
    try {
      switch (action.action) {
        case "ticketTake":
          await this.opts.tickets.take(action.ticketId, navigator);
          return { ok: true, ticketId: action.ticketId };
        case "ticketClose":
          await this.opts.tickets.close(action.ticketId, navigator, action.note);
          return { ok: true, ticketId: action.ticketId };
        case "ticketReply": {
          const { message } = await this.opts.tickets.reply(action.ticketId, navigator, action.text, "teams");
          return { ok: true, ticketId: action.ticketId, reply: { name: navigator.name, text: message.text } };
        }
      }
    } catch (err) {
      if (!(err instanceof TicketError)) throw err;
      this.refused(err);
      return { ok: false, ticketId: action.ticketId, reason: ticketErrorText(err) };
    }
  }

  /**
   * A reply written on the card is not in the thread (one written in the thread is): the other
   * navigators read it there. The reply has reached the person already, so a failure here is
   * only logged.
   */
  private async replyLine(context: TurnContext, ticketId: number, reply: { name: string; text: string }): Promise<void> {
    try {
      await context.sendActivity(MessageFactory.text(cardReplyLine(reply.name, reply.text)));
    } catch (err) {
      this.opts.logger?.warn({ ticket: ticketId, err: errorSummary(err), code: "handoff.teams_reply_line_failed" }, "could not show a card reply in the ticket's thread");
    }
  }

  private async threadReply(context: TurnContext): Promise<void> {
    const { activity } = context;
    const command = parsePairCommand(textWithoutBotMention(activity));
    if (command) return this.pair(context, command.code);
    // Navigators talk among themselves in a card's thread too; only what names @Lotse goes to the
    // person (Teams delivers nothing else anyway unless the app has channel-read permission).
    if (!mentionsBot(activity)) return;
    if (!(await this.authorised(activity))) {
      await context.sendActivity(MessageFactory.text(t("thread.notNavigatorChannel")));
      return;
    }
    const text = textWithoutBotMention(activity);
    const root = threadRoot((activity.conversation?.id ?? "")) ?? activity.replyToId;
    const ticket = root ? await this.opts.tickets.store.byTeamsCard(root) : undefined;
    if (!text) return;
    if (!ticket) {
      await context.sendActivity(MessageFactory.text(root ? t("thread.unknownTicket") : t("thread.help")));
      return;
    }
    try {
      await this.opts.tickets.reply(ticket.id, this.navigator(activity), text, "teams");
    } catch (err) {
      if (!(err instanceof TicketError)) throw err;
      this.refused(err);
      await context.sendActivity(MessageFactory.text(ticketErrorText(err)));
    }
  }

  private refused(err: TicketError): void {
    const ticketId = "ticketId" in err.params ? err.params.ticketId : err.ticket?.id;
    this.opts.logger?.info({ ticket: ticketId, error: err.code, code: "handoff.teams_action_refused" }, "ticket action from Teams refused");
  }

  /** Only the navigators' team acts on tickets, and only from its own tenant. */
  private authorised(activity: Partial<Activity>): Promise<boolean> {
    return this.opts.channels.isNavigatorTeam(str(channelData(activity).team?.id) ?? "", tenantOf(activity));
  }

  private navigator(activity: Partial<Activity>): Actor {
    const from = activity.from!;
    const aad = str((from as { aadObjectId?: unknown }).aadObjectId);
    const name = (from.name ?? "").trim().slice(0, TICKET_LIMITS.name) || "Lotsin/Lotse";
    return { id: `teams:${aad ?? from.id}`, name };
  }
}
