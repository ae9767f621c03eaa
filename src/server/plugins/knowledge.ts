/**
 * Knowledge capability: opens the engine once (cached index when fresh), keeps it live — a
 * changed CONTENT_DIR is validated off the hot path and swapped in, broken content refused and
 * logged — and serves POST /api/ask, limited per client IP (RATE_LIMIT_ASK_PER_MINUTE).
 */
import fp from "fastify-plugin";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Config } from "../../config.js";
import { AskRequest, AskResult } from "../../knowledge/index.js";
import type { KnowledgeEngine } from "../../knowledge/index.js";
import { formatProblem, LiveKnowledge, openKnowledgeEngine } from "../../knowledge/index.js";
import { ErrorBody } from "../errors.js";

declare module "fastify" {
  interface FastifyInstance {
    /** The knowledge base being served; `knowledge.current` is one consistent engine (take it once per request or turn). */
    knowledge: LiveKnowledge;
  }
}

export interface KnowledgePluginOptions {
  config: Config;
  /** An already opened engine (tests, benchmarks): served as is, not watched; `reload()` still loads CONTENT_DIR. */
  engine?: KnowledgeEngine;
}

const MAX_LOGGED_PROBLEMS = 50;

const knowledgePlugin: FastifyPluginAsync<KnowledgePluginOptions> = async (app, opts) => {
  const { config } = opts;
  let engine = opts.engine;
  if (!engine) {
    const started = performance.now();
    const opened = openKnowledgeEngine({ contentDir: config.contentDir, dataDir: config.dataDir, decision: config.decision });
    engine = opened.engine;
    const warnings = opened.problems.filter((p) => p.severity === "warning").length;
    app.log.info(
      { articles: engine.articles.length, contentHash: engine.kb.contentHash, index: opened.indexSource, warnings, ms: Math.round(performance.now() - started) },
      "knowledge base loaded",
    );
  }
  const live = new LiveKnowledge({ engine, contentDir: config.contentDir, dataDir: config.dataDir, logger: app.log });
  live.onReload((result, reason) => {
    const { contentHash, ms } = result;
    if (result.changed) {
      const warnings = result.problems.filter((p) => p.severity === "warning").length;
      app.log.info({ reason, contentHash, articles: live.current.articles.length, warnings, ms }, "knowledge base reloaded");
    } else if (result.ok) {
      app.log.info({ reason, contentHash, ms }, "knowledge base content is back at the version being served");
    } else {
      // file:line:col per problem, as content:check prints them: what the navigator has to fix.
      // Capped: a broken deploy can fail every file, and the console has the full list (status()).
      app.log.error(
        {
          reason, contentHash, served: live.current.kb.contentHash, ms,
          problems: result.problems.slice(0, MAX_LOGGED_PROBLEMS).map(formatProblem),
          problemCount: result.problems.length,
          codes: [...new Set(result.problems.map((p) => p.code))],
        },
        "knowledge base change refused; the last good version keeps serving",
      );
    }
  });
  if (!opts.engine && config.contentWatch) {
    live.watch({ pollSeconds: config.contentPollSeconds });
    app.log.info({ contentDir: config.contentDir, pollSeconds: config.contentPollSeconds }, "watching the content folder for changes");
  }
  app.decorate("knowledge", live);
  app.addHook("onClose", () => live.close());

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
