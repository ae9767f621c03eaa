/**
 * Knowledge capability: opens the engine once (cached index when fresh) and serves POST /api/ask,
 * limited per client IP (RATE_LIMIT_ASK_PER_MINUTE).
 */
import fp from "fastify-plugin";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config.js";
import { AskRequest, AskResult } from "../../knowledge/index.js";
import type { KnowledgeEngine } from "../../knowledge/index.js";
import { openKnowledgeEngine } from "../../knowledge/index.js";
import { ErrorBody } from "../errors.js";

declare module "fastify" {
  interface FastifyInstance {
    knowledge: KnowledgeEngine;
  }
}

export interface KnowledgePluginOptions {
  config: Config;
  /** An already opened engine (tests, benchmarks); opened from config otherwise. */
  engine?: KnowledgeEngine;
}

const knowledgePlugin: FastifyPluginAsync<KnowledgePluginOptions> = async (app, opts) => {
  let engine = opts.engine;
  if (!engine) {
    const started = performance.now();
    const opened = openKnowledgeEngine({ contentDir: opts.config.contentDir, dataDir: opts.config.dataDir, decision: opts.config.decision });
    engine = opened.engine;
    const warnings = opened.problems.filter((p) => p.severity === "warning").length;
    app.log.info(
      { articles: engine.articles.length, index: opened.indexSource, warnings, ms: Math.round(performance.now() - started) },
      "knowledge base loaded",
    );
  }
  app.decorate("knowledge", engine);

  app.withTypeProvider<ZodTypeProvider>().post(
    "/api/ask",
    {
      // onRequest: a flood is refused before its bodies are read and validated.
      onRequest: app.limits.ask,
      schema: {
        body: AskRequest,
        response: { 200: AskResult, 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (req) => app.knowledge.ask(req.body.question, { language: req.body.language, answerLanguage: req.body.answerLanguage, audience: req.body.audience }),
  );
};

export default fp(knowledgePlugin, { name: "knowledge", dependencies: ["rate-limit"] });
