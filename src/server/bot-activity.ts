/**
 * The shape of an activity a channel may POST to /api/messages. Checked before the SDK sees
 * it, so malformed input gets a 400 with details instead of an exception inside botbuilder.
 */
import { ActivityTypes, type Activity } from "botbuilder";
import { z } from "zod";

/** Far above any channel's own limit (Teams: ~28 KB per message) and below the body limit. */
export const MAX_ACTIVITY_TEXT = 20_000;

/** What channels send to a bot; the bot's own outbound types (traces, invoke responses) are not accepted. */
const INBOUND_TYPES = new Set<string>(Object.values(ActivityTypes).filter((t) => t !== ActivityTypes.InvokeResponse && t !== ActivityTypes.Trace));

const Account = z.looseObject({
  id: z.string().min(1).max(512),
  name: z.string().max(512).optional(),
});

export const IncomingActivity = z
  .looseObject({
    type: z.string().refine((t) => INBOUND_TYPES.has(t), { message: "is not a known Bot Framework activity type" }),
    id: z.string().max(512).optional(),
    timestamp: z.string().max(64).optional(),
    localTimestamp: z.string().max(64).optional(),
    serviceUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2048),
    channelId: z.string().min(1).max(64),
    from: Account,
    recipient: Account.optional(),
    conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
    text: z.string().max(MAX_ACTIVITY_TEXT).optional(),
    value: z.unknown().optional(),
    name: z.string().max(256).optional(),
    locale: z.string().max(32).optional(),
    deliveryMode: z.enum(["normal", "notification", "expectReplies", "ephemeral"]).optional(),
    membersAdded: z.array(Account).max(500).optional(),
    membersRemoved: z.array(Account).max(500).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.type === ActivityTypes.Invoke && (a.value === undefined || a.value === null)) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "an invoke activity needs a value" });
    }
  });
export type IncomingActivity = z.infer<typeof IncomingActivity>;

/** Dates as botbuilder expects them (its own `validateAndFixActivity` is not exported). */
export function toActivity(body: IncomingActivity): Activity {
  const activity = { ...body } as unknown as Activity & Record<string, unknown>;
  if (body.timestamp) {
    activity.rawTimestamp = body.timestamp;
    activity.timestamp = new Date(body.timestamp);
  }
  if (body.localTimestamp) {
    activity.rawLocalTimestamp = body.localTimestamp;
    activity.localTimestamp = new Date(body.localTimestamp);
  }
  return activity;
}
