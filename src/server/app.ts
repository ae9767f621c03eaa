/** The Lotse application as a Fastify instance: one plugin per capability. Does not listen. */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Config } from "../config.js";
import type { KnowledgeEngine } from "../knowledge/engine.js";
import { installErrorHandler } from "./errors.js";
import { loggerOptions } from "./logger.js";
import botPlugin from "./plugins/bot.js";
import consolePlugin from "./plugins/console.js";
import databasePlugin from "./plugins/database.js";
import demoChatPlugin from "./plugins/demo-chat.js";
import handoffPlugin from "./plugins/handoff.js";
import healthPlugin from "./plugins/health.js";
import homePlugin from "./plugins/home.js";
import knowledgePlugin from "./plugins/knowledge.js";

export interface BuildOptions {
  config: Config;
  engine?: KnowledgeEngine;
  logger?: FastifyServerOptions["logger"];
}

export async function buildApp({ config, engine, logger }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? loggerOptions(config.logLevel),
    bodyLimit: 256 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(knowledgePlugin, { config, engine });
  await app.register(databasePlugin, { config });
  await app.register(handoffPlugin, { config });
  await app.register(botPlugin, { config });
  await app.register(consolePlugin, { config });
  await app.register(demoChatPlugin, { config });
  await app.register(healthPlugin);
  await app.register(homePlugin);
  return app;
}
