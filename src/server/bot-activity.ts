/**
 * The shape of an activity a channel may POST to /api/messages. Checked before the SDK sees
 * it, so malformed input gets a 400 with details instead of an exception inside the SDK.
 */
import { ActivityTypes, type Activity } from "@microsoft/agents-activity";
import { activityFromWire } from "../../bot/activity.js";
import { z } from "zod";
import { AppError, type AppErrorBody } from "../util/app-error.js";

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
    // Required: every reply is addressed from it (the SDK's conversation reference throws without it).
    recipient: Account,
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

/** Thrown when the SDK's own schema refuses an activity that passed ours: a 400 like our own schema's, with `details`. */
export class ActivityRejected extends AppError<"bad_request"> {
  constructor(readonly issues: { path: string; message: string }[]) {
    super("bad_request", "the request is not valid", 400);
    this.name = "ActivityRejected";
  }

  override toBody(): AppErrorBody & { details: { path: string; message: string }[] } {
    return { ...super.toBody(), details: this.issues };
  }
}

/**
 * The SDK's Activity (a class: the channel id lives behind a getter, replies are addressed
 * from its conversation reference). Its own schema is stricter in places than ours (e.g. the
 * types of optional fields); what it refuses becomes a 400, not a failed turn.
 */
export function toActivity(body: IncomingActivity): Activity {
  try {
    return activityFromWire(body);
  } catch (err) {
    const issues = (err as { issues?: { path: (string | number)[]; message: string }[] }).issues;
    if (!Array.isArray(issues)) throw err;
    throw new ActivityRejected(issues.slice(0, 10).map((i) => ({ path: i.path.join(".") || "(body)", message: i.message })));
  }
}
