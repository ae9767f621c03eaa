/**
 * Demo chat at /demo: a person chats with Lotse in the browser through the real Bot Framework
 * protocol. The page's messages become activities POSTed to /api/messages with a serviceUrl
 * that points back at this server's own small channel (/demo/v3/conversations/…), which keeps
 * what the bot sends — answers, and a navigator's replies relayed from the console — for the
 * page to fetch. On by default only while /api/messages is unauthenticated (local mode).
 */
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import fp from "fastify-plugin";
import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { MAX_ACTIVITY_TEXT } from "../bot-activity.js";
import type { Config } from "../../config.js";
import { ErrorBody } from "../errors.js";
import { loadAssets, sendAsset } from "./console.js";

export interface DemoChatPluginOptions {
  config: Config;
}

/** A demo, not a channel: bounded so that nobody can fill the server's memory through it. */
const MAX_CONVERSATIONS = 500;
const MAX_ACTIVITIES = 500;
const MAX_WAIT_SECONDS = 25;
export const DEMO_CHANNEL_ID = "webchat";
const BOT = { id: "lotse", name: "Lotse", role: "bot" };

type Wire = Record<string, unknown>;

interface Entry {
  seq: number;
  activity: Wire;
}

interface Conversation {
  id: string;
  user: { id: string; name: string; role: "user" };
  locale: string;
  entries: Entry[];
  nextSeq: number;
  waiters: Set<() => void>;
}

const ConversationId = z.string().regex(/^demo-[0-9a-f-]{36}$/, "is not a demo conversation");
const Locale = z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "must be a language tag such as de-DE").max(35);

const NewConversationBody = z.strictObject({ locale: Locale.default("de-DE") });
const NewConversationResult = z.object({ conversation: ConversationId, watermark: z.number().int() });
const ConversationParams = z.strictObject({ conversation: ConversationId });
const SendBody = z
  .strictObject({
    text: z.string().trim().min(1, "must not be empty").max(MAX_ACTIVITY_TEXT).optional(),
    /** What a card button submits. */
    value: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((b) => b.text !== undefined || b.value !== undefined, { message: "give text or value" });
const SendResult = z.object({ id: z.string() });
const ActivitiesQuery = z.strictObject({
  watermark: z.coerce.number().int().min(0).default(0),
  /** Long polling: wait up to this many seconds for something new. */
  wait: z.coerce.number().int().min(0).max(MAX_WAIT_SECONDS).default(0),
});
const ActivitiesResult = z.object({ activities: z.array(z.looseObject({})), watermark: z.number().int() });
const ChannelParams = z.strictObject({ conversationId: z.string().max(200), activityId: z.string().max(200).optional() });
/** What the bot POSTs to its channel; only the fields the page shows are checked. */
const BotActivity = z.looseObject({ type: z.string().max(64) });

/** The address the bot reaches this server at, from the server itself (never from a Host header). */
function ownBaseUrl(app: FastifyInstance): string {
  const address = app.server.address() as AddressInfo | null;
  if (!address) throw new Error("demo chat: the server is not listening");
  const host = address.family === "IPv6" ? (address.address === "::" ? "[::1]" : `[${address.address}]`) : address.address === "0.0.0.0" ? "127.0.0.1" : address.address;
  return `http://${host}:${address.port}`;
}

export function demoChatEnabled(config: Config): boolean {
  return config.demoChat ?? !config.bot.appId;
}

const demoChatPlugin: FastifyPluginAsync<DemoChatPluginOptions> = async (app, opts) => {
  if (!demoChatEnabled(opts.config)) return;
  if (opts.config.bot.appId) {
    // /api/messages would refuse the page's unsigned activities; the bot needs a way to run a
    // turn without the Bot Framework token first.
    app.log.warn({ code: "demo.needs_local_bot" }, "demo chat: DEMO_CHAT=true has no effect while MicrosoftAppId is set");
    return;
  }
  app.log.warn({ code: "demo.enabled" }, "demo chat on at /demo: anyone who reaches this server can chat there");

  const conversations = new Map<string, Conversation>();
  const assets = loadAssets(["demo.html", "demo.js"]);

  function conversation(id: string): Conversation | undefined {
    const c = conversations.get(id);
    if (c) {
      // Map order is insertion order: re-inserting makes eviction least-recently-used.
      conversations.delete(id);
      conversations.set(id, c);
    }
    return c;
  }

  function record(c: Conversation, activity: Wire): void {
    c.entries.push({ seq: c.nextSeq++, activity });
    if (c.entries.length > MAX_ACTIVITIES) c.entries.splice(0, c.entries.length - MAX_ACTIVITIES);
    for (const wake of c.waiters) wake();
    c.waiters.clear();
  }

  /** Hands an activity to the bot exactly as a channel would. */
  async function toBot(c: Conversation, fields: { type: string } & Wire): Promise<string> {
    const id = randomUUID();
    const now = new Date().toISOString();
    const activity = {
      id,
      timestamp: now,
      serviceUrl: `${ownBaseUrl(app)}/demo`,
      channelId: DEMO_CHANNEL_ID,
      from: c.user,
      recipient: BOT,
      conversation: { id: c.id },
      locale: c.locale,
      ...fields,
    };
    // The page shows what the person typed; a button's value speaks through the bot's answer.
    if (activity.type === "message" && typeof fields.text === "string") record(c, activity);
    const res = await app.inject({ method: "POST", url: "/api/messages", payload: activity });
    if (res.statusCode >= 400) {
      app.log.warn({ status: res.statusCode, code: "demo.bot_refused" }, "demo chat: the bot refused an activity");
      throw Object.assign(new Error("the bot could not take the message"), { statusCode: 502 });
    }
    return id;
  }

  app.get("/demo", async (_req, reply) => sendAsset(reply, assets.get("demo.html")!));
  app.get("/demo/assets/demo.js", async (_req, reply) => sendAsset(reply, assets.get("demo.js")!));

  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/demo/api/conversations",
    { schema: { body: NewConversationBody.optional(), response: { 200: NewConversationResult, 400: ErrorBody } } },
    async (req) => {
      while (conversations.size >= MAX_CONVERSATIONS) conversations.delete(conversations.keys().next().value!);
      const c: Conversation = {
        id: `demo-${randomUUID()}`,
        user: { id: `demo-user-${randomUUID().slice(0, 8)}`, name: "Demo", role: "user" },
        locale: req.body?.locale ?? "de-DE",
        entries: [],
        nextSeq: 1,
        waiters: new Set(),
      };
      conversations.set(c.id, c);
      await toBot(c, { type: "conversationUpdate", membersAdded: [BOT, c.user], membersRemoved: [] });
      return { conversation: c.id, watermark: 0 };
    },
  );

  r.post(
    "/demo/api/conversations/:conversation/activities",
    { schema: { params: ConversationParams, body: SendBody, response: { 200: SendResult, 400: ErrorBody, 404: ErrorBody } } },
    async (req, reply) => {
      const c = conversation(req.params.conversation);
      if (!c) return reply.code(404).send({ error: "not_found", message: "no such demo conversation; start a new one" });
      const { text, value } = req.body;
      const id = await toBot(c, { type: "message", ...(text !== undefined ? { text, textFormat: "plain" } : {}), ...(value !== undefined ? { value } : {}) });
      return { id };
    },
  );

  r.get(
    "/demo/api/conversations/:conversation/activities",
    { schema: { params: ConversationParams, querystring: ActivitiesQuery, response: { 200: ActivitiesResult, 400: ErrorBody, 404: ErrorBody } } },
    async (req, reply) => {
      const c = conversation(req.params.conversation);
      if (!c) return reply.code(404).send({ error: "not_found", message: "no such demo conversation; start a new one" });
      const { watermark, wait } = req.query;
      if (wait > 0 && !c.entries.some((e) => e.seq > watermark)) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, wait * 1000);
          function done() {
            clearTimeout(timer);
            c!.waiters.delete(done);
            req.raw.off("close", done);
            resolve();
          }
          c.waiters.add(done);
          req.raw.once("close", done);
        });
      }
      const fresh = c.entries.filter((e) => e.seq > watermark);
      return { activities: fresh.map((e) => e.activity), watermark: fresh.at(-1)?.seq ?? Math.max(watermark, c.nextSeq - 1) };
    },
  );

  // The channel side: where the bot's connector client sends replies and proactive messages.
  const channelReply = async (conversationId: string, body: Wire, replaceId?: string) => {
    const c = conversation(conversationId);
    if (!c) return undefined;
    const id = replaceId ?? randomUUID();
    record(c, { ...body, id, ...(replaceId ? { replaces: replaceId } : {}), timestamp: new Date().toISOString() });
    return id;
  };
  for (const path of ["/demo/v3/conversations/:conversationId/activities", "/demo/v3/conversations/:conversationId/activities/:activityId"]) {
    r.post(path, { schema: { params: ChannelParams, body: BotActivity } }, async (req, reply) => {
      const id = await channelReply(req.params.conversationId, req.body);
      return id ? { id } : reply.code(404).send({ error: "not_found", message: "unknown conversation" });
    });
  }
  r.put("/demo/v3/conversations/:conversationId/activities/:activityId", { schema: { params: ChannelParams, body: BotActivity } }, async (req, reply) => {
    const id = await channelReply(req.params.conversationId, req.body, req.params.activityId);
    return id ? { id } : reply.code(404).send({ error: "not_found", message: "unknown conversation" });
  });
};

export default fp(demoChatPlugin, { name: "demo-chat", dependencies: ["bot"] });
