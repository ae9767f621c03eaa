/**
 * GET /metrics in Prometheus text format (prom-client), on a registry of its own (not
 * prom-client's global one, so two apps in one process — the tests — never share series).
 *
 * Off by default: without METRICS_TOKEN and METRICS_ALLOW_CIDRS the route does not exist (404).
 * With a token, `Authorization: Bearer <token>` is compared in constant time; with networks,
 * the client address (req.ip, so behind a proxy TRUST_PROXY decides, as for the rate limits)
 * must be in one of them. With both, either one lets the scraper in.
 *
 * Other plugins report through `app.metrics` (register this plugin first); the bot gets a plain
 * `BotMetricsSink` (bot/ knows nothing of prom-client or Fastify). Ticket counts are read from
 * the ticket store at scrape time; the knowledge base's version and reloads come from
 * LiveKnowledge's onReload listener.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { BlockList, isIP } from "node:net";
import fp from "fastify-plugin";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { BotMetricsSink } from "../../../bot/index.js";
import type { MetricsConfig } from "../../config.js";
import type { UserRelay } from "../../handoff/index.js";
import type { ErrorBody } from "../errors.js";

export interface Metrics {
  readonly registry: Registry;
  /** Handed to the bot: what each question came to, and failed turns. */
  readonly bot: BotMetricsSink;
  /** A request refused by one of the rate limits (`limit`: ask, token, activity_ip, …). */
  rateLimited(limit: string): void;
  /** A Direct Line WebSocket stream opened (+1) or closed (-1). */
  directLineStreams(delta: 1 | -1): void;
  /** The relay to the visitor, timed: navigator reply → accepted by the visitor's channel. */
  timedRelay(relay: UserRelay): UserRelay;
  error(kind: string): void;
}

declare module "fastify" {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

export interface MetricsPluginOptions {
  config: { metrics: MetricsConfig };
}

/** Channel ids come from clients (the Emulator channel is unauthenticated): unknown ones share one label. */
const KNOWN_CHANNELS = new Set(["msteams", "webchat", "directline", "emulator", "test"]);
const OUTCOMES = new Set(["answer", "clarify", "none", "handoff", "flow", "too_long"]);
/** A longer Authorization header is not a token of ours; it is refused before any work. */
const MAX_AUTHORIZATION_LENGTH = 1024;

const label = (value: string, known: Set<string>) => (known.has(value) ? value : "other");

function networks(cidrs: string[]): BlockList {
  const list = new BlockList();
  for (const entry of cidrs) {
    const [address = "", bits] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

function inNetworks(list: BlockList, ip: string): boolean {
  // An IPv4 client on a dual-stack socket shows up as ::ffff:a.b.c.d.
  const plain = ip.startsWith("::ffff:") && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  const version = isIP(plain);
  return version !== 0 && list.check(plain, version === 6 ? "ipv6" : "ipv4");
}

/** Hashing both sides first makes the comparison constant-time whatever the lengths. */
function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

const metricsPlugin: FastifyPluginAsync<MetricsPluginOptions> = async (app, opts) => {
  const { token, allowCidrs } = opts.config.metrics;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "lotse_" });

  const turns = new Counter({ name: "lotse_turns_total", help: "Questions the bot decided on, by channel and outcome", labelNames: ["channel", "outcome"], registers: [registry] });
  const confidence = new Histogram({
    name: "lotse_answer_confidence",
    help: "Confidence of the knowledge engine's decision per question",
    buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
    registers: [registry],
  });
  const ticketsCreated = new Counter({ name: "lotse_tickets_created_total", help: "Handoff tickets created", registers: [registry] });
  new Gauge({
    name: "lotse_tickets",
    help: "Handoff tickets by status (read from the ticket store at scrape time)",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      if (!app.hasDecorator("handoff")) return;
      const counts = await app.handoff.store.countByStatus();
      for (const status of ["open", "taken"] as const) this.set({ status }, counts[status]);
    },
  });
  const relayLatency = new Histogram({
    name: "lotse_relay_latency_seconds",
    help: "Navigator reply until the visitor's channel accepted it",
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const streams = new Gauge({ name: "lotse_directline_connections", help: "Open Direct Line WebSocket streams", registers: [registry] });
  const rejections = new Counter({ name: "lotse_rate_limit_rejections_total", help: "Requests refused by a rate limit", labelNames: ["limit"], registers: [registry] });
  const errors = new Counter({ name: "lotse_errors_total", help: "Errors by kind (http_5xx, bot_turn)", labelNames: ["kind"], registers: [registry] });
  const knowledgeInfo = new Gauge({ name: "lotse_knowledge_info", help: "The knowledge base being served (1 for its content hash)", labelNames: ["content_hash"], registers: [registry] });
  const reloads = new Counter({ name: "lotse_knowledge_reloads_total", help: "Content reloads that swapped (ok) or were refused", labelNames: ["result"], registers: [registry] });

  const metrics: Metrics = {
    registry,
    bot: {
      onTurn(outcome, channel, score) {
        turns.inc({ channel: label(channel, KNOWN_CHANNELS), outcome: label(outcome, OUTCOMES) });
        if (score !== undefined && Number.isFinite(score)) confidence.observe(score);
      },
      onTurnError: () => errors.inc({ kind: "bot_turn" }),
    },
    rateLimited: (limit) => rejections.inc({ limit }),
    directLineStreams: (delta) => streams.inc(delta),
    timedRelay: (relay) => ({
      notifyUser: (ticket, event) => relay.notifyUser(ticket, event),
      async sendToUser(ticket, text, navigatorName) {
        const stop = relayLatency.startTimer();
        const delivered = await relay.sendToUser(ticket, text, navigatorName);
        if (delivered) stop();
        return delivered;
      },
    }),
    error: (kind) => errors.inc({ kind }),
  };
  app.decorate("metrics", metrics);

  app.addHook("onResponse", async (_req, reply) => {
    if (reply.statusCode >= 500) errors.inc({ kind: "http_5xx" });
  });

  // The knowledge and handoff plugins register after this one: subscribe once they all exist.
  app.addHook("onReady", async () => {
    if (app.hasDecorator("knowledge")) {
      const showVersion = (hash: string) => {
        knowledgeInfo.reset();
        knowledgeInfo.set({ content_hash: hash }, 1);
      };
      showVersion(app.knowledge.status().contentHash);
      app.knowledge.onReload((result) => {
        if (result.ok && result.changed) reloads.inc({ result: "ok" });
        else if (!result.ok) reloads.inc({ result: "refused" });
        showVersion(app.knowledge.status().contentHash);
      });
    }
    if (app.hasDecorator("handoff")) {
      app.handoff.service.addListener({
        name: "metrics",
        onTicketEvent: async (_ticket, event) => {
          if (event.type === "created") ticketsCreated.inc();
        },
      });
    }
  });

  if (!token && allowCidrs.length === 0) return;
  const allowed = networks(allowCidrs);

  const authorised = (req: FastifyRequest): 200 | 401 | 403 => {
    if (allowCidrs.length && inNetworks(allowed, req.ip)) return 200;
    if (token) {
      const header = req.headers.authorization ?? "";
      if (header.length <= MAX_AUTHORIZATION_LENGTH) {
        const match = /^Bearer (.+)$/i.exec(header);
        if (match && sameToken(match[1]!, token)) return 200;
      }
      return 401;
    }
    return 403;
  };

  app.get("/metrics", { logLevel: "warn" }, async (req, reply) => {
    const verdict = authorised(req);
    if (verdict === 401) {
      const body: ErrorBody = { error: "unauthorized", message: "a valid bearer token is required" };
      return reply.code(401).header("www-authenticate", 'Bearer realm="metrics"').send(body);
    }
    if (verdict === 403) {
      const body: ErrorBody = { error: "forbidden", message: "metrics are not available from this address" };
      return reply.code(403).send(body);
    }
    const text = await registry.metrics();
    return reply.header("content-type", registry.contentType).header("cache-control", "no-store").send(text);
  });
};

export default fp(metricsPlugin, { name: "metrics" });
