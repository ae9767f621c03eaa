/**
 * The navigators' side in Teams: the configured team, or the team paired with a code from the
 * console ("@Lotse koppeln 4831-9275"), receives new tickets; "Übernehmen" and "Abschließen" on a
 * ticket card act on the ticket; a reply in a card's thread (with @Lotse) goes to the person who
 * asked. Any other team gets the ordinary Lotse. The decisions are src/handoff/navigator-pairing.ts;
 * this file only turns activities into its plain inputs and its results into replies.
 */
import { ActivityTypes, type Activity } from "@microsoft/agents-activity";
import { MessageFactory, type TurnContext } from "@microsoft/agents-hosting";
import { conversationReferenceOf, outgoing, textWithoutBotMention } from "./activity.js";
import { z } from "zod";
import type { TeamChannel } from "../src/handoff/navigator-channel.js";
import { parsePairCommand, type NavigatorPairing, type PairRefusal } from "../src/handoff/navigator-pairing.js";
import { TicketError, ticketErrorKey } from "../src/handoff/ticket-errors.js";
import type { TicketService } from "../src/handoff/ticket-service.js";
import { TICKET_LIMITS, type Actor, type Ticket } from "../src/handoff/ticket-store.js";
import type { BotLogger } from "./lotse-bot.js";
import { navigatorT as t } from "./i18n.js";

/** What the ticket card's buttons send; parsed because card data comes back from a client. */
export const TicketCardAction = z.discriminatedUnion("action", [
  z.object({ action: z.literal("ticketTake"), ticketId: z.number().int().positive() }),
  z.object({ action: z.literal("ticketClose"), ticketId: z.number().int().positive(), note: z.string().max(TICKET_LIMITS.note).optional() }),
]);
export type TicketCardAction = z.infer<typeof TicketCardAction>;

export interface NavigatorDeskOptions {
  tickets: Pick<TicketService, "take" | "close" | "reply" | "get"> & { store: { byTeamsCard(activityId: string): Ticket | undefined } };
  /** Which team is the navigators' (configured or paired). */
  channels: Pick<NavigatorPairing, "isNavigatorTeam" | "installed" | "removed" | "pair">;
  /** The Teams side of the ticket listeners: posts waiting tickets, renders the card for invoke responses. */
  teams: { postWaiting(): Promise<number>; cardOf(ticketId: number): object | undefined };
  logger?: BotLogger & { info?(obj: object, msg: string): void };
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

function textWithoutMention(activity: Partial<Activity>): string {
  if (typeof activity.text !== "string") return "";
  return textWithoutBotMention(activity).trim();
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

function mentionsBot(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).some((e) => e.type === "mention" && (e as { mentioned?: { id?: string } }).mentioned?.id === botId);
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
  handles(activity: Partial<Activity>): boolean {
    if (activity.channelId !== "msteams") return false;
    const teamId = str(channelData(activity).team?.id);
    if (!teamId) return false;
    if (this.opts.channels.isNavigatorTeam(teamId, tenantOf(activity))) return true;
    switch (activity.type) {
      case ActivityTypes.ConversationUpdate:
      case ActivityTypes.InstallationUpdate:
        return true;
      case ActivityTypes.Invoke:
        return activity.name === "adaptiveCard/action" && TicketCardAction.safeParse((activity.value as { action?: { data?: unknown } } | undefined)?.action?.data).success;
      case ActivityTypes.Message: {
        if (activity.value !== undefined && activity.value !== null) return TicketCardAction.safeParse(activity.value).success;
        if (parsePairCommand(textWithoutMention(activity))) return true;
        const root = threadRoot(str(activity.conversation?.id) ?? "") ?? activity.replyToId;
        return !!root && !!this.opts.tickets.store.byTeamsCard(root);
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
      this.opts.channels.removed({ teamId: str(data.team?.id)!, tenantId: tenantOf(activity) }, this.navigator(activity));
      return;
    }
    if (!added) return;
    // Only the configured or the paired team is (re)registered; any other team registers nothing.
    if (this.opts.channels.installed(teamChannel(activity)) !== "registered") return;
    await context.sendActivity(MessageFactory.text(t("thread.registered")));
    await this.opts.teams.postWaiting();
  }

  /** "@Lotse koppeln 4831-9275" typed in a team (configured mode: "@Lotse koppeln" registers the configured team). */
  private async pair(context: TurnContext, code: string): Promise<void> {
    const { activity } = context;
    const team = teamChannel(activity);
    if (!code) {
      const registered = this.opts.channels.installed(team) === "registered";
      await context.sendActivity(MessageFactory.text(t(registered ? "thread.registered" : "pairing.missingCode")));
      if (registered) await this.opts.teams.postWaiting();
      return;
    }
    const result = this.opts.channels.pair({ code, team, by: this.navigator(activity) });
    if (!result.ok) {
      await context.sendActivity(MessageFactory.text(t(REFUSAL_TEXT[result.reason])));
      return;
    }
    await context.sendActivity(MessageFactory.text(t("pairing.paired")));
    await this.opts.teams.postWaiting();
  }

  /** Action.Execute (Universal Actions) arrives as an invoke; the answer is the refreshed card. */
  private async invoke(context: TurnContext): Promise<void> {
    const { activity } = context;
    const value = activity.value as { action?: { data?: unknown } } | undefined;
    if (activity.name !== "adaptiveCard/action") return this.invokeResponse(context, 400, undefined);
    const outcome = await this.act(context, value?.action?.data);
    const card = outcome.ticketId ? this.opts.teams.cardOf(outcome.ticketId) : undefined;
    if (outcome.error) {
      return this.invokeResponse(context, 200, { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: outcome.error });
    }
    return this.invokeResponse(context, 200, card ? { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: card } : undefined);
  }

  private async invokeResponse(context: TurnContext, status: number, body: unknown): Promise<void> {
    await context.sendActivity(outgoing({ type: ActivityTypes.InvokeResponse, value: { status, body } }));
  }

  private async cardAction(context: TurnContext, value: unknown): Promise<void> {
    const outcome = await this.act(context, value);
    // Success shows in the card itself (updated in place); failures are answered in the thread.
    if (outcome.error) await context.sendActivity(MessageFactory.text(outcome.error));
  }

  private async act(context: TurnContext, value: unknown): Promise<{ ticketId?: number; error?: string }> {
    const parsed = TicketCardAction.safeParse(value);
    if (!parsed.success) {
      this.opts.logger?.warn({ code: "handoff.invalid_card_action" }, "ticket card action rejected");
      return { error: t("thread.unknownTicket") };
    }
    if (!this.authorised(context.activity)) return { error: t("thread.notNavigatorChannel") };
    const action = parsed.data;
    const navigator = this.navigator(context.activity);
    try {
      if (action.action === "ticketTake") await this.opts.tickets.take(action.ticketId, navigator);
      else await this.opts.tickets.close(action.ticketId, navigator, action.note);
      return { ticketId: action.ticketId };
    } catch (err) {
      if (!(err instanceof TicketError)) throw err;
      this.refused(err);
      return { ticketId: action.ticketId, error: ticketErrorText(err) };
    }
  }

  private async threadReply(context: TurnContext): Promise<void> {
    const { activity } = context;
    const command = parsePairCommand(textWithoutMention(activity));
    if (command) return this.pair(context, command.code);
    // Navigators talk among themselves in a card's thread too; only what names @Lotse goes to the
    // person (Teams delivers nothing else anyway unless the app has channel-read permission).
    if (!mentionsBot(activity)) return;
    if (!this.authorised(activity)) {
      await context.sendActivity(MessageFactory.text(t("thread.notNavigatorChannel")));
      return;
    }
    const text = textWithoutBotMention(activity);
    const root = threadRoot((activity.conversation?.id ?? "")) ?? activity.replyToId;
    const ticket = root ? this.opts.tickets.store.byTeamsCard(root) : undefined;
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
    this.opts.logger?.info?.({ ticket: ticketId, error: err.code, code: "handoff.teams_action_refused" }, "ticket action from Teams refused");
  }

  /** Only the navigators' team acts on tickets, and only from its own tenant. */
  private authorised(activity: Partial<Activity>): boolean {
    return this.opts.channels.isNavigatorTeam(str(channelData(activity).team?.id) ?? "", tenantOf(activity));
  }

  private navigator(activity: Partial<Activity>): Actor {
    const from = activity.from!;
    const aad = str((from as { aadObjectId?: unknown }).aadObjectId);
    const name = (from.name ?? "").trim().slice(0, TICKET_LIMITS.name) || "Lotsin/Lotse";
    return { id: `teams:${aad ?? from.id}`, name };
  }
}
