/**
 * What Lotse remembers: about the person (user state) and about this conversation
 * (conversation state). Stored through the Agents SDK's `Storage`; parsed on read so that state
 * written by an older version never breaks a turn.
 */
import type { ConversationState, StatePropertyAccessor, TurnContext, UserState } from "@microsoft/agents-hosting";
import { z } from "zod";
import { Contact } from "../src/handoff/contact.js";
import { HANDOFF_REASONS } from "../src/handoff/ticket-store.js";
import { Audience, Language } from "../src/knowledge/index.js";
import { BotAction } from "./actions.js";
import { UI_LANGUAGES } from "./i18n.js";
import { FlowState } from "./flows.js";

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

/** One line of the conversation, kept so that a handoff ticket carries what was asked and answered. */
export const HistoryEntry = z.object({
  author: z.enum(["user", "bot"]),
  text: z.string(),
  at: z.string(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** Lines of history kept; a ticket needs the recent context, not the whole conversation. */
export const MAX_HISTORY = 20;

export const HANDOFF_STEPS = ["consent", "name", "organisation", "contact", "question"] as const;

/** The handoff dialogue in progress: what the person has answered so far. */
export const HandoffDraft = z.object({
  step: z.enum(HANDOFF_STEPS),
  reason: z.enum(HANDOFF_REASONS),
  /** Prefilled from the last question; the person confirms or rephrases it. */
  question: z.string().optional(),
  topics: z.array(z.string()).default([]),
  consentAt: z.string().optional(),
  name: z.string().optional(),
  organisation: z.string().optional(),
  contact: Contact.optional(),
});
export type HandoffDraft = z.infer<typeof HandoffDraft>;

export const ConversationData = z.object({
  /** Questions in a row without an answer; two in a row bring the navigator offer. */
  misses: z.number().int().min(0).default(0),
  offered: z.array(OfferedChoice).default([]),
  /** Id of the offer still open; its buttons carry it, buttons of older offers are closed. */
  openOffer: z.string().optional(),
  /** The last question (answered or not): stored with feedback, prefilled in a handoff. */
  lastQuestion: z.string().optional(),
  /** Best article ids for the last question: the topic guess of a handoff ticket. */
  lastTopics: z.array(z.string()).default([]),
  history: z.array(HistoryEntry).default([]),
  handoff: HandoffDraft.optional(),
  /** The guided referral (Wegweiser) in progress, see bot/flows.ts. */
  flow: FlowState.optional(),
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
