/**
 * @mentions as Teams sends them (`entities: [{ type: "mention", text: "<at>Lotse</at>",
 * mentioned: { id, name } }]`), read defensively: entities come from the client, and
 * the SDKs' own helpers (TurnContext.removeRecipientMention) throw on a missing `recipient`
 * or a malformed entity — a junk activity would become an error in the logs. Plain activity
 * fields in, plain values out, so this works with either Bot Framework SDK.
 */
import { z } from "zod";

const Mention = z.object({
  type: z.string().refine((t) => t.toLowerCase() === "mention"),
  text: z.string().max(1024).optional(),
  mentioned: z.object({ id: z.string().min(1) }),
});
type Mention = z.infer<typeof Mention>;

export interface MentionFields {
  text?: unknown;
  entities?: unknown;
  recipient?: { id?: unknown } | null;
}

/** What any entity must look like: an object with a type; a mention also names who is mentioned. */
const Entity = z.looseObject({ type: z.string().min(1).max(256) }).refine((e) => e.type.toLowerCase() !== "mention" || Mention.safeParse(e).success);
const Entities = z.array(Entity).max(100).optional();

/** Entities that no Teams client sends: not an array, an element that is not an entity, a mention of nobody. */
export function hasMalformedEntities(activity: MentionFields): boolean {
  return !Entities.safeParse(activity.entities).success;
}

/** Mentions of the bot (the activity's recipient); none without a recipient. */
function botMentions(activity: MentionFields): Mention[] {
  const botId = activity.recipient?.id;
  if (typeof botId !== "string" || !botId || !Array.isArray(activity.entities)) return [];
  const out: Mention[] = [];
  // Teams sends a handful; a flood of entities is not read further.
  for (const entity of activity.entities.slice(0, 100)) {
    const parsed = Mention.safeParse(entity);
    if (parsed.success && parsed.data.mentioned.id === botId) out.push(parsed.data);
  }
  return out;
}

/** Does the message @mention the bot? */
export function mentionsBot(activity: MentionFields): boolean {
  return botMentions(activity).length > 0;
}

/** The message text without the bot's @mention, trimmed; "" when there is no text. */
export function textWithoutBotMention(activity: MentionFields): string {
  if (typeof activity.text !== "string") return "";
  const mention = botMentions(activity).find((m) => m.text);
  return (mention?.text ? activity.text.replace(mention.text, "") : activity.text).trim();
}
