/**
 * Small Activity helpers the Agents SDK has only as methods on its Activity class (which throw
 * on missing fields) — these accept any activity-shaped object and never throw on junk from a
 * channel (a mention entity without `mentioned`, an activity without recipient).
 */
import { Activity, type ConversationReference } from "@microsoft/agents-activity";

/** What the bot sends: a partial activity; the SDK fills in the conversation reference. */
export type Outgoing = Partial<Activity>;

/** For `context.sendActivity`/`updateActivity`, whose types want the Activity class. */
export function outgoing(activity: Outgoing): Activity {
  return activity as Activity;
}

/** The conversation reference of an incoming activity (as stored for proactive messages). */
export function conversationReferenceOf(activity: Partial<Activity>): Partial<ConversationReference> {
  return {
    activityId: activity.id,
    user: activity.from,
    agent: activity.recipient,
    conversation: activity.conversation,
    channelId: activity.channelId,
    locale: activity.locale,
    serviceUrl: activity.serviceUrl,
  };
}

/**
 * A plain JSON object of an activity. The SDK's Activity class keeps the channel id in a
 * private `_channelId` behind a getter, so a spread or JSON.stringify would lose `channelId`.
 */
export function plainActivity(activity: Partial<Activity>): Record<string, unknown> {
  const plain: Record<string, unknown> = { ...activity };
  delete plain._channelId;
  if (activity.channelId !== undefined) plain.channelId = activity.channelId;
  return plain;
}

/** Where channels put account-like objects whose empty strings the SDK's schema refuses. */
const ACCOUNT_FIELDS = ["from", "recipient", "conversation", "relatesTo"] as const;

function withoutEmptyStrings(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== ""));
}

/**
 * An activity as a channel sent it, as the SDK's Activity class. The SDK's schema refuses
 * empty strings where channels (and the Emulator) send them, e.g. `conversation.name: ""`;
 * those fields are dropped as unset. References stored by botbuilder call the bot `bot`.
 * Throws the SDK's ZodError for what is still malformed.
 */
export function activityFromWire(body: Record<string, unknown>): Activity {
  const copy = withoutEmptyStrings(body);
  for (const field of ACCOUNT_FIELDS) {
    const value = copy[field];
    if (value && typeof value === "object" && !Array.isArray(value)) copy[field] = withoutEmptyStrings(value as Record<string, unknown>);
  }
  for (const field of ["membersAdded", "membersRemoved"] as const) {
    const list = copy[field];
    if (Array.isArray(list)) copy[field] = list.map((m: unknown) => (m && typeof m === "object" ? withoutEmptyStrings(m as Record<string, unknown>) : m));
  }
  const relatesTo = copy.relatesTo as Record<string, unknown> | undefined;
  if (relatesTo && relatesTo.bot && !relatesTo.agent) {
    const { bot, ...rest } = relatesTo;
    copy.relatesTo = { ...rest, agent: bot };
  }
  return Activity.fromObject(copy);
}

export { Activity };
