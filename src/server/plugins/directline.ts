/**
 * The web channel: Lotse's own Direct Line 3.0 under /v3/directline (the part of the protocol
 * the official clients, botframework-directlinejs and Web Chat, use: tokens, conversations,
 * activities by polling and by WebSocket), and the widget's token endpoint. With
 * DIRECT_LINE_SECRET set, the widget's token comes from Azure's Direct Line instead and the
 * self-hosted routes are off.
 */
import fp from "fastify-plugin";
import websocket from "@fastify/websocket";
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { WebSocket } from "ws";
import { z } from "zod";
import type { Config, DirectLineConfig } from "../../config.js";
import { ActivityLog } from "../../directline/activity-log.js";
import { ClientActivity, DIRECT_LINE_CHANNEL_ID, DirectLineService } from "../../directline/service.js";
import { loadSigningKey } from "../../directline/signing-key.js";
import { bearer, TokenIssuer, type IssuedToken, type TokenClaims, type VerifiedClaims } from "../../directline/tokens.js";
import { AppError } from "../../util/app-error.js";
import { ErrorBody } from "../errors.js";

declare module "fastify" {
  interface FastifyInstance {
    directLine?: DirectLineService;
  }
  interface FastifyRequest {
    directLineClaims?: VerifiedClaims;
  }
}

export interface DirectLinePluginOptions {
  config: Config;
}

export const DIRECT_LINE_PREFIX = "/v3/directline";
/** Open streams per conversation: a few tabs, not a swarm. The oldest gives way. */
const MAX_STREAMS_PER_CONVERSATION = 5;
const PING_INTERVAL_MS = 30_000;
const AZURE_TIMEOUT_MS = 10_000;

const Watermark = z
  .string()
  .max(12)
  .regex(/^\d*$/, "must be a number")
  .transform((w) => (w === "" ? 0 : Number(w)))
  .default(0);
const ConversationParams = z.strictObject({ conversationId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "is not a conversation id") });
const WatermarkQuery = z.strictObject({ watermark: Watermark });
const StreamQuery = z.strictObject({ t: z.string().max(4096), watermark: Watermark });
/** What clients send when starting a conversation; the server decides user and conversation ids. */
const StartBody = z
  .looseObject({
    user: z.looseObject({ id: z.string().max(512).optional(), name: z.string().max(128).optional() }).optional(),
    locale: z.string().max(35).optional(),
  })
  .nullish();

const TokenResult = z.object({ conversationId: z.string(), token: z.string(), expires_in: z.number().int() });
const ConversationResult = TokenResult.extend({ streamUrl: z.string() });
const WidgetTokenResult = TokenResult.extend({ domain: z.string(), webSocket: z.boolean() });
const ActivitySetResult = z.object({ activities: z.array(z.looseObject({})), watermark: z.string() });
const PostResult = z.object({ id: z.string() });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody, 502: ErrorBody };

/** http(s)://host[:port] as the client reached us (honours TRUST_PROXY for X-Forwarded-*). */
function origin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

function tokenBody(issued: IssuedToken) {
  return { conversationId: issued.conv, token: issued.token, expires_in: issued.expiresIn };
}

function streamUrl(req: FastifyRequest, claims: TokenClaims, token: string, watermark: number): string {
  const base = origin(req).replace(/^http/, "ws");
  return `${base}${DIRECT_LINE_PREFIX}/conversations/${claims.conv}/stream?t=${encodeURIComponent(token)}&watermark=${watermark}`;
}

/** Azure's Direct Line: the secret stays here; the browser gets a conversation-bound token. */
async function azureToken(settings: DirectLineConfig): Promise<z.infer<typeof TokenResult>> {
  const res = await fetch(`${settings.endpoint}/tokens/generate`, {
    method: "POST",
    headers: { authorization: `Bearer ${settings.secret}`, "content-type": "application/json" },
    body: "{}",
    signal: AbortSignal.timeout(AZURE_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`Direct Line token exchange answered ${res.status}`);
  return TokenResult.parse(await res.json());
}

const directLinePlugin: FastifyPluginAsync<DirectLinePluginOptions> = async (app, opts) => {
  const settings = opts.config.directLine;
  const r = app.withTypeProvider<ZodTypeProvider>();

  if (settings.secret) {
    app.log.info({ endpoint: settings.endpoint, code: "directline.azure" }, "web channel: tokens from Azure Direct Line");
    r.post("/api/widget/token", { onRequest: app.limits.token, schema: { response: { 200: WidgetTokenResult, 429: ErrorBody, 502: ErrorBody } } }, async (req, reply) => {
      try {
        const token = await azureToken(settings);
        return { ...token, domain: settings.endpoint, webSocket: true };
      } catch (err) {
        req.log.error({ err, code: "directline.azure_failed" }, "web channel: Azure Direct Line token exchange failed");
        return reply.code(502).send({ error: "directline_unavailable", message: "the chat service is not reachable; try again later" });
      }
    });
    return;
  }

  if (app.database.engine === "postgres" && !settings.signingKey) {
    // A key of its own per node would make each node refuse the tokens the others issued.
    app.log.warn(
      { code: "directline.node_signing_key" },
      "web channel: DIRECT_LINE_SIGNING_KEY is not set; with several nodes sharing the database, set the same key on every node",
    );
  }
  const service = new DirectLineService({
    log: new ActivityLog(app.db),
    tokens: new TokenIssuer(loadSigningKey(opts.config.dataDir, settings.signingKey)),
    signals: app.signals,
    logger: app.log,
  });
  service.useBot(app.bot.connectChannel(DIRECT_LINE_CHANNEL_ID, { send: (conversationId, activity) => service.appendFromBot(conversationId, activity) }));
  app.decorate("directLine", service);
  app.addHook("onClose", async () => service.close());

  /**
   * Authorises a request for one conversation: a valid token of exactly that conversation. Throws a
   * TokenError (401 with www-authenticate, or 403 token_expired) or a 403 `forbidden`; the error
   * handler answers (src/server/errors.ts), as it does for a DirectLineError from the service.
   */
  async function authorise(req: FastifyRequest, token: string | undefined, conversationId?: string): Promise<VerifiedClaims> {
    const claims = await service.verify(token);
    if (conversationId !== undefined && claims.conv !== conversationId) throw new AppError("forbidden", "the token is for another conversation", 403);
    req.directLineClaims = claims;
    return claims;
  }

  await app.register(websocket, { options: { maxPayload: 4096 } });

  await app.register(async (dl: FastifyInstance) => {
    const d = dl.withTypeProvider<ZodTypeProvider>();

    d.post("/tokens/generate", { onRequest: app.limits.token, schema: { body: StartBody, response: { 200: TokenResult, ...errors } } }, async () => tokenBody(await service.start()));

    d.post("/tokens/refresh", { onRequest: app.limits.token, schema: { response: { 200: TokenResult, ...errors } } }, async (req) => {
      const claims = await authorise(req, bearer(req.headers.authorization));
      return tokenBody(await service.refresh(claims));
    });

    d.post("/conversations", { onRequest: app.limits.token, schema: { body: StartBody, response: { 201: ConversationResult, ...errors } } }, async (req, reply) => {
      const claims = await authorise(req, bearer(req.headers.authorization));
      const token = bearer(req.headers.authorization)!;
      const watermark = await service.watermark(claims.conv);
      return reply.code(201).send({ conversationId: claims.conv, token, expires_in: claims.expiresIn, streamUrl: streamUrl(req, claims, token, watermark) });
    });

    d.get(
      "/conversations/:conversationId",
      { schema: { params: ConversationParams, querystring: WatermarkQuery, response: { 200: ConversationResult, ...errors } } },
      async (req) => {
        const token = bearer(req.headers.authorization);
        const claims = await authorise(req, token, req.params.conversationId);
        return { conversationId: claims.conv, token: token!, expires_in: claims.expiresIn, streamUrl: streamUrl(req, claims, token!, req.query.watermark) };
      },
    );

    const perConversation = app.limits.activityPerConversation((req) => (req.params as { conversationId?: string }).conversationId);
    d.post(
      "/conversations/:conversationId/activities",
      { onRequest: [app.limits.activityPerIp, perConversation], schema: { params: ConversationParams, body: ClientActivity, response: { 200: PostResult, ...errors } } },
      async (req) => {
        const claims = await authorise(req, bearer(req.headers.authorization), req.params.conversationId);
        return service.post(claims, req.body);
      },
    );

    d.get(
      "/conversations/:conversationId/activities",
      { schema: { params: ConversationParams, querystring: WatermarkQuery, response: { 200: ActivitySetResult, ...errors } } },
      async (req) => {
        const claims = await authorise(req, bearer(req.headers.authorization), req.params.conversationId);
        return service.read(claims.conv, req.query.watermark);
      },
    );

    const streams = new Map<string, Set<WebSocket>>();
    d.get(
      "/conversations/:conversationId/stream",
      {
        websocket: true,
        schema: { params: ConversationParams, querystring: StreamQuery },
        preValidation: async (req) => {
          const { conversationId } = req.params as { conversationId?: string };
          const { t } = req.query as { t?: string };
          await authorise(req, typeof t === "string" ? t : undefined, conversationId);
        },
      },
      (socket, req) => {
        const conversationId = req.params.conversationId;
        let open = streams.get(conversationId);
        if (!open) streams.set(conversationId, (open = new Set()));
        if (open.size >= MAX_STREAMS_PER_CONVERSATION) open.values().next().value?.close(1008, "too many streams");
        open.add(socket);
        app.metrics.directLineStreams(1);

        // The backlog after the client's watermark first, then every new activity, each once and in order.
        const unsubscribe = service.follow(conversationId, req.query.watermark, (entries, watermark) => {
          if (socket.readyState !== socket.OPEN) return;
          // The stored JSON goes out as it is: a card is serialised once, when it is stored.
          socket.send(`{"activities":[${entries.map((e) => e.json).join(",")}],"watermark":"${watermark}"}`);
        });

        let alive = true;
        socket.on("pong", () => (alive = true));
        const ping = setInterval(() => {
          if (!alive) return socket.terminate();
          alive = false;
          socket.ping();
        }, PING_INTERVAL_MS);
        ping.unref();
        // Clients send empty keep-alive messages; nothing else is expected on the stream.
        socket.on("message", () => undefined);
        socket.on("close", () => {
          clearInterval(ping);
          unsubscribe();
          open.delete(socket);
          app.metrics.directLineStreams(-1);
          if (open.size === 0 && streams.get(conversationId) === open) streams.delete(conversationId);
        });
      },
    );
    dl.addHook("onClose", async () => {
      for (const set of streams.values()) for (const socket of set) socket.close(1001, "server shutting down");
    });
  }, { prefix: DIRECT_LINE_PREFIX });

  // The widget asks here, whichever Direct Line serves it.
  r.post("/api/widget/token", { onRequest: app.limits.token, schema: { response: { 200: WidgetTokenResult, 429: ErrorBody } } }, async (req) => {
    const issued = await service.start();
    return { ...tokenBody(issued), domain: `${origin(req)}${DIRECT_LINE_PREFIX}`, webSocket: true };
  });
};

export default fp(directLinePlugin, { name: "directline", dependencies: ["database", "bot", "rate-limit", "metrics"] });
