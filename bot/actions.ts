/**
 * What a button can ask the bot to do. Card values come back from the client and can be
 * tampered with, so every one is parsed here before anything acts on it.
 */
import { z } from "zod";
import { Area, Audience, Id, Language } from "../src/knowledge/index.js";
import { UI_LANGUAGES } from "./i18n.js";
import { FlowAction } from "./flows.js";

export const COMMANDS = ["help", "topics", "restart", "language", "audience"] as const;
export const CommandName = z.enum(COMMANDS);
export type CommandName = z.infer<typeof CommandName>;

export const BotAction = z.discriminatedUnion("action", [
  z.object({ action: z.literal("show"), id: Id }),
  z.object({
    action: z.literal("feedback"),
    id: Id,
    helpful: z.boolean(),
    comment: z.string().max(1000).optional(),
  }),
  // `via: "offer"` marks the navigator offer after repeated misses (the ticket's reason).
  z.object({ action: z.literal("handoff"), via: z.literal("offer").optional() }),
  z.object({ action: z.literal("handoffConsent"), consent: z.boolean() }),
  z.object({ action: z.literal("handoffSkip") }),
  z.object({ action: z.literal("handoffSend") }),
  z.object({ action: z.literal("handoffCancel") }),
  z.object({ action: z.literal("handoffEnd") }),
  z.object({ action: z.literal("audience"), audience: Audience }),
  z.object({ action: z.literal("language"), language: z.enum(UI_LANGUAGES) }),
  z.object({ action: z.literal("contentLanguage"), language: Language }),
  z.object({ action: z.literal("command"), command: CommandName }),
  z.object({ action: z.literal("topic"), area: Area }),
  // A guided referral's button: option, back or restart (bot/flows.ts).
  FlowAction,
]);
export type BotAction = z.infer<typeof BotAction>;

export function parseAction(value: unknown): BotAction | undefined {
  const parsed = BotAction.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The offer a button belongs to (`offer` in its value), so a superseded offer's button can be refused. */
export function offerIdOf(value: unknown): string | undefined {
  const offer = (value as { offer?: unknown } | null | undefined)?.offer;
  return typeof offer === "string" && offer.length <= 40 ? offer : undefined;
}
