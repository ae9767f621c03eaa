/**
 * Talks to Lotse over real HTTP, as the Bot Framework Emulator does: the Fastify app on an
 * ephemeral port and a small "channel" server that records what the bot POSTs back to the
 * activity's serviceUrl.
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { loadConfig } from "../../src/config.js";
import type { KnowledgeEngine } from "../../src/knowledge/engine.js";
import { buildApp } from "../../src/server/app.js";
import { loggerOptions } from "../../src/server/logger.js";
import { openEngine } from "./engine.js";
import { tempDir } from "./temp.js";

export type Wire = Record<string, any>;

let engine: KnowledgeEngine | undefined;
/** The knowledge engine over the bundled content for the servers of one test file, from the run's saved index (helpers/engine.ts). */
export function sharedEngine(): KnowledgeEngine {
  engine ??= openEngine();
  return engine;
}

export function tempDataDir(): string {
  return tempDir("bot");
}

export interface Lotse {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export async function startLotse(dataDir: string, env: Record<string, string> = {}): Promise<Lotse> {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", ...env });
  const app = await buildApp({ config, engine: sharedEngine(), logger: false });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** Lotse with its real logger at info level, writing into a string the test can search. */
export async function startLotseWithLog(dataDir: string, env: Record<string, string> = {}): Promise<Lotse & { log(): string }> {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "info", ...env });
  let log = "";
  const stream = new Writable({
    write(chunk, _enc, done) {
      log += chunk.toString();
      done();
    },
  });
  const app = await buildApp({ config, engine: sharedEngine(), logger: { ...(loggerOptions("info") as object), stream } });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close(), log: () => log };
}

export interface Posted {
  /** POST for new activities and replies, PUT for updates (a Teams card changing in place). */
  method: "POST" | "PUT";
  path: string;
  activity: Wire;
  /** The id the channel gave the activity (what a later update or thread reply refers to). */
  id: string;
}

/** The channel side: accepts the bot's replies like the Emulator's connector service. */
export interface Channel {
  url: string;
  posted: Posted[];
  close(): Promise<void>;
}

export async function startChannel(): Promise<Channel> {
  const posted: Posted[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = req.url ?? "";
      const match =
        (req.method === "POST" && /^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/.test(url)) ||
        (req.method === "PUT" && /^\/v3\/conversations\/[^/]+\/activities\/[^/]+$/.test(url));
      if (!match) {
        res.writeHead(404).end();
        return;
      }
      const activity = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Wire;
      const id = req.method === "PUT" ? decodeURIComponent(url.split("/").at(-1)!) : randomUUID();
      posted.push({ method: req.method as Posted["method"], path: decodeURIComponent(url), activity, id });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, posted, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export type DeliveryMode = "normal" | "expectReplies";

export interface TurnResult {
  status: number;
  replies: Wire[];
}

/** One user in one Emulator conversation. */
export class EmulatorUser {
  readonly conversationId = randomUUID();
  readonly user = { id: `user-${randomUUID().slice(0, 8)}`, name: "User", role: "user" };
  readonly bot = { id: "lotse-bot", name: "Bot", role: "bot" };
  /** "emulator", or "webchat" for a Direct Line / Web Chat user. */
  channelId = "emulator";

  constructor(
    public lotse: Lotse,
    private readonly channel: Channel,
    private readonly mode: DeliveryMode,
    private readonly locale = "de-DE",
  ) {}

  activity(fields: Wire): Wire {
    const now = new Date();
    return {
      id: randomUUID(),
      timestamp: now.toISOString(),
      localTimestamp: now.toISOString(),
      localTimezone: "Europe/Berlin",
      serviceUrl: this.channel.url,
      channelId: this.channelId,
      from: this.user,
      recipient: this.bot,
      conversation: { id: this.conversationId },
      locale: this.locale,
      entities: [],
      channelData: { clientActivityID: randomUUID(), clientTimestamp: now.toISOString() },
      ...(this.mode === "expectReplies" ? { deliveryMode: "expectReplies" } : {}),
      ...fields,
    };
  }

  join(): Promise<TurnResult> {
    return this.send({ type: "conversationUpdate", membersAdded: [this.bot, this.user], membersRemoved: [] });
  }

  say(text: string): Promise<TurnResult> {
    return this.send({ type: "message", text, textFormat: "plain", attachments: [] });
  }

  /** What Action.Submit on a card sends: a message with the action's data as value. */
  click(value: unknown): Promise<TurnResult> {
    return this.send({ type: "message", value, attachments: [] });
  }

  async send(fields: Wire): Promise<TurnResult> {
    const activity = this.activity(fields);
    const before = this.channel.posted.length;
    const res = await fetch(`${this.lotse.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    if (this.mode === "expectReplies") {
      const body = text ? (JSON.parse(text) as { activities?: Wire[] }) : {};
      return { status: res.status, replies: body.activities ?? [] };
    }
    // Normal delivery: the bot POSTs each reply before it answers our request.
    const replies = this.channel.posted
      .slice(before)
      .filter((p) => p.method === "POST" && p.path === `/v3/conversations/${this.conversationId}/activities/${activity.id}`)
      .map((p) => p.activity);
    return { status: res.status, replies };
  }
}

export function cardsOf(replies: Wire[]): Wire[] {
  return replies.flatMap((r) => (r.attachments ?? []) as Wire[]).filter((a) => a.contentType === "application/vnd.microsoft.card.adaptive").map((a) => a.content as Wire);
}

/** Every TextBlock text of a card, nested containers included. */
export function cardTexts(card: Wire): string[] {
  const out: string[] = [];
  const walk = (el: Wire) => {
    if (el.type === "TextBlock") out.push(el.text as string);
    for (const key of ["body", "items"]) for (const child of (el[key] ?? []) as Wire[]) walk(child);
  };
  walk(card);
  return out;
}

/** Titles of all buttons of a card: top-level actions and ActionSets in the body. */
export function cardButtons(card: Wire): Wire[] {
  const out: Wire[] = [...((card.actions ?? []) as Wire[])];
  const walk = (el: Wire) => {
    if (el.type === "ActionSet") out.push(...(el.actions as Wire[]));
    for (const key of ["body", "items"]) for (const child of (el[key] ?? []) as Wire[]) walk(child);
  };
  walk(card);
  return out;
}

export function texts(replies: Wire[]): string[] {
  return replies.filter((r) => typeof r.text === "string").map((r) => r.text as string);
}

export function suggested(replies: Wire[]): string[] {
  return replies.flatMap((r) => ((r.suggestedActions?.actions ?? []) as Wire[]).map((a) => a.title as string));
}
