/**
 * Lotse's own Direct Line 3.0 channel, independent of HTTP: starting conversations, taking a
 * visitor's activity (echo into the log, then a bot turn), keeping what the bot sends, reading
 * from a watermark, and telling open streams about new activities. The bot is reached through
 * the injected `BotGateway` (the Bot Framework adapter), so a visitor's message takes the same
 * path as every other channel's.
 */
import { z } from "zod";
import { scrubActivity } from "../privacy/scrub.js";
import { AppError } from "../util/app-error.js";
import type { Logger } from "../util/logger.js";
import { ActivityLog, MAX_ACTIVITIES_PER_READ, type LoggedActivity, type Wire } from "./activity-log.js";
import { newConversationId, newUserId, type IssuedToken, type TokenClaims, type TokenIssuer, type VerifiedClaims } from "./tokens.js";

export const DIRECT_LINE_CHANNEL_ID = "directline";
/** What the bot's outgoing activities would be POSTed to; the adapter hands them to this service instead. */
export const DIRECT_LINE_SERVICE_URL = "https://directline.lotse.invalid/";
export const BOT_ACCOUNT = { id: "lotse", name: "Lotse", role: "bot" } as const;

/** Far above what a person types into a chat; below the HTTP body limit. */
export const MAX_TEXT = 20_000;
/** A conversation this long is a script, not a person: further posts are refused. */
export const MAX_CONVERSATION_ACTIVITIES = 5_000;
const MAX_VALUE_JSON = 8_192;
const MAX_DEPTH = 8;

function depth(value: unknown, level = 0): number {
  if (level > MAX_DEPTH) return level;
  if (value === null || typeof value !== "object") return level;
  let max = level + 1;
  for (const v of Object.values(value)) max = Math.max(max, depth(v, level + 1));
  return max;
}

/** A card's submitted data: small and shallow, whatever a hostile client sends. */
const CardValue = z
  .record(z.string().max(64), z.unknown())
  .refine((v) => JSON.stringify(v).length <= MAX_VALUE_JSON, { message: `must be at most ${MAX_VALUE_JSON} characters as JSON` })
  .refine((v) => depth(v) <= MAX_DEPTH, { message: `must not be nested deeper than ${MAX_DEPTH} levels` });

/** What Web Chat puts in channelData: its own bookkeeping, and the widget's audience. */
const ChannelData = z.looseObject({
  clientActivityID: z.string().max(128).optional(),
  clientTimestamp: z.string().max(64).optional(),
  audience: z.enum(["employer", "chamber", "association", "volunteer"]).optional(),
});

/**
 * An activity as a Direct Line client posts it. Who sends it, where it goes and when are not
 * the client's to say: id, from, conversation, channel and timestamp are set by the server.
 */
export const ClientActivity = z
  .looseObject({
    type: z.enum(["message", "typing"], { error: "must be message or typing" }),
    text: z.string().max(MAX_TEXT).optional(),
    textFormat: z.enum(["plain", "markdown", "xml"]).optional(),
    value: CardValue.optional(),
    locale: z
      .string()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "must be a language tag such as de-DE")
      .max(35)
      .optional(),
    channelData: ChannelData.optional(),
    from: z.looseObject({ id: z.string().max(512).optional(), name: z.string().max(128).optional() }).optional(),
    attachments: z.array(z.unknown()).max(0, "attachments are not accepted by this channel").optional(),
  })
  .refine((a) => a.type !== "message" || (a.text?.trim() ?? "") !== "" || a.value !== undefined, {
    message: "a message needs text or a value",
    path: ["text"],
  });
export type ClientActivity = z.infer<typeof ClientActivity>;

/** Runs one bot turn for an activity of this channel; resolves when the turn is over. */
export interface BotGateway {
  process(activity: Wire): Promise<void>;
}

export class DirectLineError extends AppError {
  declare readonly status: 404 | 409 | 502;

  constructor(status: 404 | 409 | 502, code: string, message: string) {
    super(code, message, status);
    this.name = "DirectLineError";
  }
}

export interface ActivitySet {
  activities: Wire[];
  watermark: string;
}

export interface DirectLineServiceOptions {
  log: ActivityLog;
  tokens: TokenIssuer;
  logger?: Logger;
  now?: () => Date;
}

type Listener = (entry: LoggedActivity) => void;

export class DirectLineService {
  private readonly log: ActivityLog;
  private readonly tokens: TokenIssuer;
  private readonly logger?: Logger;
  private readonly now: () => Date;
  private bot?: BotGateway;
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Turns of one conversation run one after another, as they would for one person typing. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(opts: DirectLineServiceOptions) {
    this.log = opts.log;
    this.tokens = opts.tokens;
    this.logger = opts.logger;
    this.now = opts.now ?? (() => new Date());
  }

  useBot(bot: BotGateway): void {
    this.bot = bot;
  }

  /** A new conversation with its token. Nothing is stored until the visitor sends something. */
  start(): Promise<IssuedToken> {
    return this.tokens.issue({ conv: newConversationId(), user: newUserId() });
  }

  refresh(claims: TokenClaims): Promise<IssuedToken> {
    return this.tokens.issue({ conv: claims.conv, user: claims.user });
  }

  verify(token: string | undefined): Promise<VerifiedClaims> {
    return this.tokens.verify(token);
  }

  /** The conversation's watermark: the sequence number of its last activity (0 before the first). */
  watermark(conversationId: string): number {
    return this.log.conversation(conversationId)?.watermark ?? 0;
  }

  read(conversationId: string, watermark: number): ActivitySet {
    const entries = this.log.since(conversationId, watermark, MAX_ACTIVITIES_PER_READ);
    return { activities: entries.map((e) => JSON.parse(e.json) as Wire), watermark: String(entries.at(-1)?.seq ?? Math.max(watermark, 0)) };
  }

  /** Activities after `watermark`, for a stream that opens or resumes. */
  since(conversationId: string, watermark: number): LoggedActivity[] {
    return this.log.since(conversationId, watermark, MAX_ACTIVITIES_PER_READ);
  }

  subscribe(conversationId: string, listener: Listener): () => void {
    let set = this.listeners.get(conversationId);
    if (!set) this.listeners.set(conversationId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(conversationId) === set) this.listeners.delete(conversationId);
    };
  }

  /** The visitor's activity: echoed into the log, then handed to the bot. Resolves with its id. */
  post(claims: TokenClaims, input: ClientActivity): Promise<{ id: string }> {
    return this.serialised(claims.conv, () => this.postNow(claims, input));
  }

  /** What the bot sends into a Direct Line conversation. Undefined when it is not stored (any more). */
  appendFromBot(conversationId: string, activity: Wire): { id: string } | undefined {
    const now = this.now();
    const entry = this.log.append(
      conversationId,
      (id) => ({
        ...activity,
        serviceUrl: undefined,
        id,
        timestamp: now.toISOString(),
        channelId: DIRECT_LINE_CHANNEL_ID,
        conversation: { id: conversationId },
        from: (activity.from as Wire | undefined) ?? BOT_ACCOUNT,
      }),
      now,
    );
    if (!entry) {
      this.logger?.warn({ code: "directline.unknown_conversation" }, "directline: the bot wrote to a conversation that is not stored");
      return undefined;
    }
    this.notify(conversationId, entry);
    return { id: entry.id };
  }

  private async postNow(claims: TokenClaims, input: ClientActivity): Promise<{ id: string }> {
    // Typing indicators are neither stored nor worth a bot turn.
    if (input.type === "typing") return { id: "" };
    const stored = this.log.conversation(claims.conv);
    if (stored && stored.watermark >= MAX_CONVERSATION_ACTIVITIES) {
      throw new DirectLineError(409, "conversation_full", "this conversation is too long; start a new one");
    }
    const first = !stored;
    if (first) this.log.open(claims.conv, claims.user, this.now());

    const now = this.now();
    const from = { id: claims.user, ...(input.from?.name ? { name: input.from.name } : {}), role: "user" };
    const address = { recipient: BOT_ACCOUNT, conversation: { id: claims.conv }, channelId: DIRECT_LINE_CHANNEL_ID, serviceUrl: DIRECT_LINE_SERVICE_URL };
    const bot = this.bot;
    if (!bot) throw new DirectLineError(502, "bot_unavailable", "the bot is not available");
    const turn = async (activity: Wire) => {
      try {
        await bot.process(activity);
      } catch (err) {
        this.logger?.error({ err, code: "directline.turn_failed" }, "directline: the bot turn failed");
        throw new DirectLineError(502, "bot_failed", "the bot could not take the message; it is kept, try again later");
      }
    };

    // The visitor joins with their first message (as with Azure's Direct Line); the welcome
    // comes before it in the log, so the chat reads welcome, question, answer.
    if (first) {
      await turn({
        type: "conversationUpdate",
        id: `${claims.conv}|join`,
        timestamp: now.toISOString(),
        from,
        ...address,
        ...(input.locale ? { locale: input.locale } : {}),
        ...(input.channelData ? { channelData: input.channelData } : {}),
        membersAdded: [from],
      });
    }

    const activity: Wire = {
      type: "message",
      ...(input.text !== undefined ? { text: input.text, textFormat: input.textFormat ?? "plain" } : {}),
      ...(input.value !== undefined ? { value: input.value } : {}),
      ...(input.locale ? { locale: input.locale } : {}),
      ...(input.channelData ? { channelData: input.channelData } : {}),
      from,
      ...address,
    };
    // Web Chat recognises its own message in the stream by channelData.clientActivityID.
    const timestamp = this.now();
    const echo = { ...activity, timestamp: timestamp.toISOString() };
    // The log keeps the echo without identifiers (the visitor sees them removed); the bot gets
    // the original, so a contact typed for a ticket reaches the ticket and nothing else.
    const entry = this.log.append(claims.conv, (id) => Object.assign(echo, { id }) && scrubActivity(echo), timestamp);
    if (!entry) throw new DirectLineError(404, "not_found", "the conversation is no longer stored; start a new one");
    this.notify(claims.conv, entry);
    await turn(echo);
    return { id: entry.id };
  }

  private notify(conversationId: string, entry: LoggedActivity): void {
    const set = this.listeners.get(conversationId);
    if (!set) return;
    for (const listener of set) {
      try {
        listener(entry);
      } catch (err) {
        this.logger?.warn({ err, code: "directline.listener_failed" }, "directline: a stream listener failed");
      }
    }
  }

  private serialised<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return run;
  }
}
