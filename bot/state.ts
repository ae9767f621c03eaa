/**
 * What Lotse remembers: about the person (user state) and about this conversation
 * (conversation state). Stored through the Agents SDK's `Storage`; parsed on read so that state
 * written by an older version never breaks a turn.
 */
import type { Activity } from "@microsoft/agents-activity";
import type { Storage, StoreItems, TurnContext } from "@microsoft/agents-hosting";
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

/** What one turn read: the stored items (eTag removed) and how they were serialised then. */
interface Loaded {
  userKey: string;
  conversationKey: string;
  user: Record<string, unknown>;
  conversation: Record<string, unknown>;
  /** JSON of each item as read (absent: nothing was stored); an unchanged item is not written again. */
  userJson?: string;
  conversationJson?: string;
}

/**
 * Reads and writes the two state items of a turn (the person's profile, the conversation) in one
 * storage call each, under the Agents SDK's keys and item shapes (`{ profile }` under
 * UserState's key, `{ conversation }` under ConversationState's), so state stored by earlier
 * versions reads the same. The SDK's own AgentState would read and write each item separately
 * and hash both with SHA-256 three times per turn to spot changes; comparing the JSON is enough.
 * Writes carry eTag "*" (last write wins) as the SDK's do: turns of one conversation are
 * serialised by the host (src/storage/conversation-lock.ts).
 */
export class BotMemory {
  private readonly loaded = Symbol("lotse.memory");

  constructor(private readonly storage: Storage) {}

  async load(context: TurnContext): Promise<{ profile: UserProfile; conversation: ConversationData }> {
    const { userKey, conversationKey } = stateKeys(context.activity);
    const items = await this.storage.read([userKey, conversationKey]);
    const loaded: Loaded = { userKey, conversationKey, user: withoutETag(items[userKey]), conversation: withoutETag(items[conversationKey]) };
    if (items[userKey]) loaded.userJson = JSON.stringify(loaded.user);
    if (items[conversationKey]) loaded.conversationJson = JSON.stringify(loaded.conversation);
    context.turnState.set(this.loaded, loaded);
    const profile = UserProfile.safeParse(loaded.user.profile ?? {});
    const conversation = ConversationData.safeParse(loaded.conversation.conversation ?? {});
    return {
      profile: profile.success ? profile.data : {},
      conversation: conversation.success ? conversation.data : ConversationData.parse({}),
    };
  }

  /** What the turn leaves behind; written by `save`. */
  store(context: TurnContext, profile: UserProfile, conversation: ConversationData): void {
    const loaded = this.turnLoaded(context);
    if (!loaded) throw new Error("bot: state stored in a turn that did not load it");
    loaded.user = { ...loaded.user, profile };
    loaded.conversation = { ...loaded.conversation, conversation };
  }

  /** Writes what changed in this turn, both items in one storage call; nothing if the turn loaded no state. */
  async save(context: TurnContext): Promise<void> {
    const loaded = this.turnLoaded(context);
    if (!loaded) return;
    const changes: StoreItems = {};
    // An item that was not stored is new; only a stored one is compared (the storage serialises what it writes).
    if (loaded.userJson === undefined || JSON.stringify(loaded.user) !== loaded.userJson) changes[loaded.userKey] = { ...loaded.user, eTag: "*" };
    if (loaded.conversationJson === undefined || JSON.stringify(loaded.conversation) !== loaded.conversationJson) {
      changes[loaded.conversationKey] = { ...loaded.conversation, eTag: "*" };
    }
    if (Object.keys(changes).length === 0) return;
    await this.storage.write(changes);
  }

  /** Forgets the conversation (the restart command); what the turn stores afterwards is saved. */
  clearConversation(context: TurnContext): void {
    const loaded = this.turnLoaded(context);
    if (loaded) loaded.conversation = {};
  }

  private turnLoaded(context: TurnContext): Loaded | undefined {
    return context.turnState.get(this.loaded) as Loaded | undefined;
  }
}

/**
 * The keys UserState and ConversationState (namespace "") of the Agents SDK store under; the
 * privacy CLI and the retention job find state by them. The SDK keeps its key function private.
 */
export function stateKeys(activity: Pick<Activity, "channelId" | "from" | "conversation">): { userKey: string; conversationKey: string } {
  const { channelId } = activity;
  const userId = activity.from?.id;
  const conversationId = activity.conversation?.id;
  if (!channelId || !userId || !conversationId) throw new Error("bot: state needs the activity's channelId, from.id and conversation.id");
  return { userKey: `${channelId}/users/${userId}/`, conversationKey: `${channelId}/conversations/${conversationId}/` };
}

function withoutETag(item: unknown): Record<string, unknown> {
  if (!item || typeof item !== "object") return {};
  const { eTag: _eTag, ...data } = item as Record<string, unknown>;
  return data;
}
