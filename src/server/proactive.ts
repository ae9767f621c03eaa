/**
 * Messages the bot sends on its own, outside a turn: a navigator's reply to the person (the
 * live relay) and ticket cards in the navigators' Teams channel. Both continue a stored
 * conversation through the adapter (`continueConversation`).
 */
import type { Activity, ConversationReference } from "@microsoft/agents-activity";
import { CardFactory, type CloudAdapter, type TurnContext } from "@microsoft/agents-hosting";
import { relayMessage } from "../../bot/index.js";
import { outgoing } from "../../bot/activity.js";
import type { NavigatorChannel } from "../handoff/navigator-channel.js";
import type { ChannelMessage, ChannelMessenger } from "../handoff/teams-notifier.js";
import { errorSummary, type UserRelay } from "../handoff/ticket-service.js";
import type { Logger } from "../util/logger.js";
import type { Ticket, TicketStore } from "../handoff/ticket-store.js";

export class Proactive {
  constructor(
    private readonly adapter: CloudAdapter,
    /** The bot's app id; empty when running unauthenticated (Emulator). */
    private readonly appId: string,
  ) {}

  /**
   * The adapter's pipeline would swallow a failed send into onTurnError (and apologise into
   * the very conversation that failed), so the error is caught inside and rethrown here.
   */
  async send(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    // Boxed, so even a falsy thrown value is rethrown as it was.
    let failure: { err: unknown } | undefined;
    // References stored before the Agents SDK name the bot `bot`; the SDK calls it `agent`.
    const { bot, ...rest } = reference as Partial<ConversationReference> & { bot?: ConversationReference["agent"] };
    const normalised = { ...rest, agent: rest.agent ?? bot } as ConversationReference;
    // Without an app id (local mode) the SDK still wants an identity: an anonymous one.
    const identity = this.appId || { aud: undefined };
    await this.adapter.continueConversation(identity, normalised, async (context) => {
      try {
        await logic(context);
      } catch (err) {
        failure = { err };
      }
    });
    if (failure) throw failure.err;
  }
}

/** The person's side: the conversation reference stored with the ticket. */
export class AdapterUserRelay implements UserRelay {
  constructor(
    private readonly proactive: Proactive,
    private readonly store: Pick<TicketStore, "conversationReference">,
    private readonly logger?: Logger,
  ) {}

  sendToUser(ticket: Ticket, text: string, navigatorName: string): Promise<boolean> {
    return this.deliver(ticket, relayMessage(ticket, { type: "reply", name: navigatorName, text }));
  }

  notifyUser(ticket: Ticket, event: "taken" | "closed"): Promise<boolean> {
    const message = event === "taken" ? relayMessage(ticket, { type: "taken", name: ticket.takenBy?.name ?? "" }) : relayMessage(ticket, { type: "closed" });
    return this.deliver(ticket, message);
  }

  private async deliver(ticket: Ticket, activity: Partial<Activity>): Promise<boolean> {
    const reference = (await this.store.conversationReference(ticket.id)) as Partial<ConversationReference> | undefined;
    if (!reference) return false;
    try {
      await this.proactive.send(reference, async (context) => {
        // A proactive message answers nothing in the chat: with the reference's replyToId, Web
        // Chat would hold it back for seconds, waiting for a message it never receives.
        context.onSendActivities(async (_ctx, activities, next) => {
          for (const a of activities) delete a.replyToId;
          return next();
        });
        await context.sendActivity(outgoing(activity));
      });
      return true;
    } catch (err) {
      this.logger?.warn({ ticket: ticket.id, err: errorSummary(err), code: "handoff.relay_failed" }, "could not reach the person's conversation");
      return false;
    }
  }
}

function toActivity(message: ChannelMessage): Partial<Activity> {
  return {
    type: "message",
    ...(message.text ? { text: message.text, textFormat: "markdown" } : {}),
    ...(message.card ? { attachments: [CardFactory.adaptiveCard(message.card)] } : {}),
    ...(message.summary ? { summary: message.summary } : {}),
  };
}

/** The navigators' Teams channel, through the reference captured when the bot joined the team. */
export class AdapterChannelMessenger implements ChannelMessenger {
  constructor(private readonly proactive: Proactive) {}

  async post(channel: NavigatorChannel, message: ChannelMessage): Promise<string> {
    let id: string | undefined;
    await this.proactive.send(this.reference(channel), async (context) => {
      id = (await context.sendActivity(outgoing(toActivity(message))))?.id;
    });
    if (!id) throw new Error("teams: the channel did not return an id for the new post");
    return id;
  }

  async update(channel: NavigatorChannel, activityId: string, message: ChannelMessage): Promise<void> {
    const reference = this.reference(channel);
    await this.proactive.send(reference, async (context) => {
      await context.updateActivity(outgoing({ ...toActivity(message), id: activityId, conversation: reference.conversation }));
    });
  }

  async reply(channel: NavigatorChannel, activityId: string, message: ChannelMessage): Promise<void> {
    // In Teams a thread is the channel's conversation id with the root message id appended.
    const reference = this.reference(channel, `${channel.channelId};messageid=${activityId}`);
    await this.proactive.send(reference, async (context) => {
      await context.sendActivity(outgoing({ ...toActivity(message), replyToId: activityId }));
    });
  }

  private reference(channel: NavigatorChannel, conversationId = channel.channelId): Partial<ConversationReference> {
    const stored = channel.reference as Partial<ConversationReference>;
    return { ...stored, conversation: { ...(stored.conversation ?? {}), id: conversationId } as ConversationReference["conversation"] };
  }
}
