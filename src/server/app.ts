/** The Lotse application as a Fastify instance: one plugin per capability. Does not listen. */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Config } from "../config.js";
import type { KnowledgeEngine } from "../knowledge/index.js";
import { installErrorHandler } from "./errors.js";
import { loggerOptions } from "./logger.js";
import botPlugin from "./plugins/bot.js";
import consolePlugin from "./plugins/console.js";
import curationPlugin from "./plugins/curation.js";
import databasePlugin from "./plugins/database.js";
import directLinePlugin from "./plugins/directline.js";
import handoffPlugin from "./plugins/handoff.js";
import healthPlugin from "./plugins/health.js";
import homePlugin from "./plugins/home.js";
import knowledgePlugin from "./plugins/knowledge.js";
import metricsPlugin from "./plugins/metrics.js";
import navigatorPairingPlugin from "./plugins/navigator-pairing.js";
import openApiPlugin from "./plugins/openapi.js";
import privacyPagePlugin from "./plugins/privacy-page.js";
import articlePagePlugin from "./plugins/article-page.js";
import rateLimitPlugin from "./plugins/rate-limit.js";
import widgetPlugin from "./plugins/widget.js";

export interface BuildOptions {
  config: Config;
  engine?: KnowledgeEngine;
  logger?: FastifyServerOptions["logger"];
}

export async function buildApp({ config, engine, logger }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? loggerOptions(config.logLevel),
    bodyLimit: 256 * 1024,
    // req.ip is the client behind a trusted reverse proxy (TRUST_PROXY); the rate limits count by it.
    trustProxy: config.trustProxy,
  });
  // close() waits for every open connection. A request still running when it starts (a console
  // page's poll, say) would leave its browser's kept-alive connection open, and close() — a
  // SIGTERM, a test's server — waiting until keepAliveTimeout (72 s): answers sent while the
  // server closes end their connection.
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", async (_req, reply, payload) => {
    if (closing) reply.header("connection", "close");
    return payload;
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  // Before the routes: @fastify/swagger sees only routes registered after it.
  await app.register(openApiPlugin, { config });
  // Before the other plugins: they report to app.metrics, and its onResponse hook sees every route.
  await app.register(metricsPlugin, { config });
  await app.register(rateLimitPlugin, { config });
  await app.register(knowledgePlugin, { config, engine });
  await app.register(databasePlugin, { config });
  await app.register(handoffPlugin, { config });
  await app.register(botPlugin, { config });
  await app.register(directLinePlugin, { config });
  await app.register(consolePlugin, { config });
  await app.register(curationPlugin, { config });
  await app.register(navigatorPairingPlugin);
  await app.register(healthPlugin);
  await app.register(widgetPlugin, { config });
  await app.register(privacyPagePlugin, { config });
  await app.register(articlePagePlugin, { config });
  await app.register(homePlugin, { config });
  return app;
}
