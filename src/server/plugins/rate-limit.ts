/**
 * Abuse limits for the public routes: @fastify/rate-limit with an in-memory store, nothing
 * global; each route opts in with one of the ready-made hooks on `app.limits`. Over a limit the
 * client gets `429` with `Retry-After` (seconds) and `{"error": "rate_limited", "message": …}`.
 *
 * Usage in a plugin registered after this one (declare `dependencies: ["rate-limit"]`):
 *
 *   // per client IP (req.ip; see TRUST_PROXY), RATE_LIMIT_TOKENS_PER_MINUTE
 *   app.post("/v3/directline/tokens/generate", { onRequest: app.limits.token }, handler);
 *
 *   // activities: per IP and per conversation. Build the per-conversation hook ONCE, at
 *   // registration (each call makes its own counter); `keyOf` returns the conversation id, or
 *   // undefined when the request has none (then only the per-IP limit applies).
 *   const perConversation = app.limits.activityPerConversation(
 *     (req) => (req.params as { conversationId?: string }).conversationId,
 *   );
 *   app.post("/v3/directline/conversations/:conversationId/activities",
 *     { onRequest: [app.limits.activityPerIp, perConversation] }, handler);
 *
 * The hooks work as `onRequest` (counted before the body is read, so oversized or malformed
 * floods count too — prefer it) or as `preHandler` (when the key needs the parsed body or
 * authentication). Several limits on one route all apply; the first one exceeded answers.
 *
 * Counters live in this process: several Lotse nodes behind a load balancer each allow the full
 * rate (acceptable for abuse limits; a shared store would be @fastify/rate-limit's Redis option).
 */
import fp from "fastify-plugin";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config.js";
import type { ErrorBody } from "../errors.js";

/** An `onRequest` / `preHandler` hook that answers 429 once its limit is exceeded. */
export type LimitHook = (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

export interface Limits {
  /** POST /api/ask, per client IP: RATE_LIMIT_ASK_PER_MINUTE. */
  ask: LimitHook;
  /** Direct Line token generate/refresh, per client IP: RATE_LIMIT_TOKENS_PER_MINUTE. */
  token: LimitHook;
  /** Direct Line activities, per client IP: RATE_LIMIT_ACTIVITIES_PER_MINUTE_IP. */
  activityPerIp: LimitHook;
  /**
   * Direct Line activities per conversation: RATE_LIMIT_ACTIVITIES_PER_MINUTE_CONVERSATION.
   * Call once per route at registration; `keyOf` gives the conversation id (undefined: not limited here).
   */
  activityPerConversation(keyOf: (req: FastifyRequest) => string | undefined): LimitHook;
}

declare module "fastify" {
  interface FastifyInstance {
    limits: Limits;
  }
}

export interface RateLimitPluginOptions {
  config: Config;
}

const MINUTE = 60_000;
/** Rejections are logged at most this often per limit, with how many there were. */
const LOG_EVERY_MS = MINUTE;
/** Conversation ids come from clients; a bounded key keeps a junk id from bloating the store. */
const MAX_KEY_LENGTH = 200;

interface LimitSpec {
  /** In logs: which limit was hit. */
  name: string;
  max: number;
  /** "from this address" / "in this conversation": what the client is told is limited. */
  scope: string;
  keyOf?: (req: FastifyRequest) => string | undefined;
}

/**
 * One limit as a hook. Built on `app.createRateLimit()` rather than the `app.rateLimit()`
 * preHandler: that one marks the request as checked and skips every further limit of the same
 * registration, so a route could not have both a per-IP and a per-conversation limit.
 */
function limitHook(app: FastifyInstance, spec: LimitSpec): LimitHook {
  const check = app.createRateLimit({
    max: spec.max,
    timeWindow: MINUTE,
    ...(spec.keyOf
      ? {
          keyGenerator: (req: FastifyRequest) => spec.keyOf!(req)?.slice(0, MAX_KEY_LENGTH) ?? "",
          // No key (a request without a conversation): this limit does not apply.
          allowList: (_req: FastifyRequest, key: string) => key === "",
        }
      : {}),
  });
  let rejected = 0;
  let loggedAt = -Infinity;
  return async (req, reply) => {
    const limit = await check(req);
    if (limit.isAllowed || !limit.isExceeded) return undefined;
    rejected++;
    app.metrics.rateLimited(spec.name);
    const now = Date.now();
    if (now - loggedAt >= LOG_EVERY_MS) {
      // Never the key: an IP address or a conversation id says who it was.
      req.log.warn({ code: "rate_limit.exceeded", limit: spec.name, max: limit.max, rejected }, `rate limit ${spec.name} exceeded`);
      loggedAt = now;
      rejected = 0;
    }
    const seconds = Math.max(1, limit.ttlInSeconds);
    const body: ErrorBody = { error: "rate_limited", message: `too many requests ${spec.scope}; try again in ${seconds} seconds` };
    return reply.code(429).header("retry-after", String(seconds)).send(body);
  };
}

const rateLimitPlugin: FastifyPluginAsync<RateLimitPluginOptions> = async (app, opts) => {
  const limits = opts.config.rateLimit;
  // Nothing global: the store and the limiter factory only; routes opt in through app.limits.
  await app.register(rateLimit, { global: false });
  const perIp = "from this address";
  app.decorate("limits", {
    ask: limitHook(app, { name: "ask", max: limits.askPerMinute, scope: perIp }),
    token: limitHook(app, { name: "token", max: limits.tokensPerMinute, scope: perIp }),
    activityPerIp: limitHook(app, { name: "activity_ip", max: limits.activitiesPerMinuteIp, scope: perIp }),
    activityPerConversation: (keyOf) =>
      limitHook(app, { name: "activity_conversation", max: limits.activitiesPerMinuteConversation, scope: "in this conversation", keyOf }),
  } satisfies Limits);
};

export default fp(rateLimitPlugin, { name: "rate-limit", dependencies: ["metrics"] });
