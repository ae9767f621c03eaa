/**
 * Lotse's own Direct Line 3.0 channel, independent of HTTP: starting conversations, taking a
 * visitor's activity (echo into the log, then a bot turn), keeping what the bot sends, reading
 * from a watermark, and telling open streams about new activities. The bot is reached through
 * the injected `BotGateway` (the Bot Framework adapter), so a visitor's message takes the same
 * path as every other channel's.
 *
 * Several nodes may share one database: a visitor's stream can be open on one node while the
 * answer, or a navigator's reply, is written on another. The log in the database is the truth;
 * a signal only wakes the streams of a conversation on every node, and each re-reads the log
 * after the last number it sent.
 */
import { z } from "zod";
import { scrubActivity } from "../privacy/scrub.js";
import { AppError } from "../util/app-error.js";
import type { Signals } from "../storage/signals.js";
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
  /** Wakes the streams on the other nodes; without it, only this process's streams hear of new activities. */
  signals?: Pick<Signals, "notify" | "listen" | "onReconnect">;
  logger?: Logger;
  now?: () => Date;
}

/** Receives new activities of a followed conversation, in order, each once; `watermark` is the last one's number. */
export type Deliver = (entries: LoggedActivity[], watermark: number) => void;

/** After a failed read, a stream tries again this soon rather than waiting for the next activity. */
const RETRY_READ_MS = 1_000;

/** "conversation seq": the conversation to look at, and the number that is new there. */
function signalPayload(conversationId: string, seq: number): string {
  return `${conversationId} ${seq}`;
}

function parseSignal(payload: string): { conversationId: string; seq?: number } {
  const [conversationId = "", seq] = payload.split(" ");
  const n = Number(seq);
  return seq !== undefined && Number.isSafeInteger(n) ? { conversationId, seq: n } : { conversationId };
}

/**
 * One open stream's view of a conversation: what it has sent so far. Entries written on this
 * node arrive directly when they are the next number; anything else (a signal from another
 * node, a gap, a reconnect) makes it re-read the log after its watermark. One read at a time,
 * and only numbers above the watermark go out, so nothing is sent twice or out of order.
 */
class Follower {
  private reading = false;
  private again = false;
  private closed = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private sent: number,
    private readonly read: (watermark: number) => Promise<LoggedActivity[]>,
    private readonly deliver: Deliver,
    private readonly logger?: Logger,
  ) {}

  /** An entry just appended on this node. */
  offer(entry: LoggedActivity): void {
    if (this.closed || entry.seq <= this.sent) return;
    if (entry.seq === this.sent + 1 && !this.reading) this.send([entry]);
    else this.wake();
  }

  /** Something new may be in the log (up to `seq`, when known). */
  wake(seq?: number): void {
    if (this.closed || (seq !== undefined && seq <= this.sent)) return;
    this.again = true;
    if (!this.reading) void this.catchUp();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
  }

  private send(entries: LoggedActivity[]): void {
    const fresh = entries.filter((e) => e.seq > this.sent);
    if (!fresh.length) return;
    this.sent = fresh.at(-1)!.seq;
    this.deliver(fresh, this.sent);
  }

  private async catchUp(): Promise<void> {
    this.reading = true;
    try {
      while (this.again && !this.closed) {
        this.again = false;
        let entries: LoggedActivity[];
        do {
          entries = await this.read(this.sent);
          if (this.closed) return;
          this.send(entries);
        } while (entries.length >= MAX_ACTIVITIES_PER_READ);
      }
    } catch (err) {
      this.logger?.warn({ err, code: "directline.read_failed" }, "directline: a stream could not read the conversation; trying again");
      clearTimeout(this.retry);
      this.retry = setTimeout(() => this.wake(), RETRY_READ_MS);
      this.retry.unref();
    } finally {
      this.reading = false;
    }
  }
}

export class DirectLineService {
  private readonly log: ActivityLog;
  private readonly tokens: TokenIssuer;
  private readonly logger?: Logger;
  private readonly now: () => Date;
  private readonly signals?: DirectLineServiceOptions["signals"];
  private bot?: BotGateway;
  private readonly followers = new Map<string, Set<Follower>>();
  private readonly unlisten: (() => void)[] = [];
  /** Turns of one conversation run one after another, as they would for one person typing. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(opts: DirectLineServiceOptions) {
    this.log = opts.log;
    this.tokens = opts.tokens;
    this.logger = opts.logger;
    this.now = opts.now ?? (() => new Date());
    this.signals = opts.signals;
    if (this.signals) {
      this.unlisten.push(
        this.signals.listen("directline", (payload) => {
          const { conversationId, seq } = parseSignal(payload);
          for (const follower of this.followers.get(conversationId) ?? []) follower.wake(seq);
        }),
        // Signals sent while the listener was away are lost: every open stream looks for itself.
        this.signals.onReconnect(() => {
          for (const set of this.followers.values()) for (const follower of set) follower.wake();
        }),
      );
    }
  }

  /** Stops listening for other nodes' signals (the server closes). */
  close(): void {
    for (const stop of this.unlisten.splice(0)) stop();
    for (const set of this.followers.values()) for (const follower of set) follower.close();
    this.followers.clear();
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
  async watermark(conversationId: string): Promise<number> {
    return (await this.log.conversation(conversationId))?.watermark ?? 0;
  }

  async read(conversationId: string, watermark: number): Promise<ActivitySet> {
    const entries = await this.log.since(conversationId, watermark, MAX_ACTIVITIES_PER_READ);
    return { activities: entries.map((e) => JSON.parse(e.json) as Wire), watermark: String(entries.at(-1)?.seq ?? Math.max(watermark, 0)) };
  }

  /**
   * Follows a conversation for a stream: first what is stored after `watermark`, then every new
   * activity, whichever node writes it. Returns the function that stops following.
   */
  follow(conversationId: string, watermark: number, deliver: Deliver): () => void {
    const follower = new Follower(watermark, (after) => this.log.since(conversationId, after, MAX_ACTIVITIES_PER_READ), deliver, this.logger);
    let set = this.followers.get(conversationId);
    if (!set) this.followers.set(conversationId, (set = new Set()));
    set.add(follower);
    follower.wake();
    return () => {
      follower.close();
      set.delete(follower);
      if (set.size === 0 && this.followers.get(conversationId) === set) this.followers.delete(conversationId);
    };
  }

  /** The visitor's activity: echoed into the log, then handed to the bot. Resolves with its id. */
  post(claims: TokenClaims, input: ClientActivity): Promise<{ id: string }> {
    return this.serialised(claims.conv, () => this.postNow(claims, input));
  }

  /** What the bot sends into a Direct Line conversation. Undefined when it is not stored (any more). */
  async appendFromBot(conversationId: string, activity: Wire): Promise<{ id: string } | undefined> {
    const now = this.now();
    const entry = await this.log.append(
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
    await this.notify(conversationId, entry);
    return { id: entry.id };
  }

  private async postNow(claims: TokenClaims, input: ClientActivity): Promise<{ id: string }> {
    // Typing indicators are neither stored nor worth a bot turn.
    if (input.type === "typing") return { id: "" };
    const stored = await this.log.conversation(claims.conv);
    if (stored && stored.watermark >= MAX_CONVERSATION_ACTIVITIES) {
      throw new DirectLineError(409, "conversation_full", "this conversation is too long; start a new one");
    }
    // Whoever stores the conversation welcomes: of two first messages on two nodes, one.
    const first = !stored && (await this.log.open(claims.conv, claims.user, this.now()));

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
    const entry = await this.log.append(claims.conv, (id) => Object.assign(echo, { id }) && scrubActivity(echo), timestamp);
    if (!entry) throw new DirectLineError(404, "not_found", "the conversation is no longer stored; start a new one");
    await this.notify(claims.conv, entry);
    await turn(echo);
    return { id: entry.id };
  }

  /** This node's streams get the entry at once; the other nodes' streams are woken to read it. */
  private async notify(conversationId: string, entry: LoggedActivity): Promise<void> {
    for (const follower of this.followers.get(conversationId) ?? []) {
      try {
        follower.offer(entry);
      } catch (err) {
        this.logger?.warn({ err, code: "directline.listener_failed" }, "directline: a stream listener failed");
      }
    }
    if (!this.signals) return;
    try {
      await this.signals.notify("directline", signalPayload(conversationId, entry.seq));
    } catch (err) {
      // The activity is stored: a stream elsewhere gets it with its next wake-up or its client's next poll.
      this.logger?.warn({ err, code: "directline.signal_failed" }, "directline: could not tell the other nodes about a new activity");
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
