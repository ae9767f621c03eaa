/**
 * What Lotse remembers: about the person (user state) and about this conversation
 * (conversation state). Stored through botbuilder's `Storage`; parsed on read so that state
 * written by an older version never breaks a turn.
 */
import type { ConversationState, StatePropertyAccessor, TurnContext, UserState } from "botbuilder";
import { z } from "zod";
import { Audience, Language } from "../src/knowledge/schema.js";
import { BotAction } from "./actions.js";
import { UI_LANGUAGES } from "./i18n.js";

export const UserProfile = z.object({
  audience: Audience.optional(),
  /** Chosen with the language command; without it the language follows each question. */
  language: z.enum(UI_LANGUAGES).optional(),
  /** Article language for Ukrainian and Arabic UI (articles exist in German and English). */
  contentLanguage: Language.optional(),
  /** Language of the last question, for turns that carry no question (buttons). */
  lastLanguage: z.enum(UI_LANGUAGES).optional(),
});
export type UserProfile = z.infer<typeof UserProfile>;

/** A choice offered as a suggested action: typing its label or number picks it. */
export const OfferedChoice = z.object({ label: z.string(), value: BotAction });
export type OfferedChoice = z.infer<typeof OfferedChoice>;

export const ConversationData = z.object({
  /** Questions in a row without an answer; two in a row bring the navigator offer. */
  misses: z.number().int().min(0).default(0),
  offered: z.array(OfferedChoice).default([]),
  /** The question behind the last answer, stored with feedback on it. */
  lastQuestion: z.string().optional(),
});
export type ConversationData = z.infer<typeof ConversationData>;

export class BotMemory {
  private readonly profile: StatePropertyAccessor<unknown>;
  private readonly conversation: StatePropertyAccessor<unknown>;

  constructor(
    readonly userState: UserState,
    readonly conversationState: ConversationState,
  ) {
    this.profile = userState.createProperty("profile");
    this.conversation = conversationState.createProperty("conversation");
  }

  async load(context: TurnContext): Promise<{ profile: UserProfile; conversation: ConversationData }> {
    const profile = UserProfile.safeParse((await this.profile.get(context)) ?? {});
    const conversation = ConversationData.safeParse((await this.conversation.get(context)) ?? {});
    return {
      profile: profile.success ? profile.data : {},
      conversation: conversation.success ? conversation.data : ConversationData.parse({}),
    };
  }

  async store(context: TurnContext, profile: UserProfile, conversation: ConversationData): Promise<void> {
    await this.profile.set(context, profile);
    await this.conversation.set(context, conversation);
  }

  async save(context: TurnContext): Promise<void> {
    await this.conversationState.saveChanges(context);
    await this.userState.saveChanges(context);
  }

  async clearConversation(context: TurnContext): Promise<void> {
    await this.conversation.delete(context);
  }
}
