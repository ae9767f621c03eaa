/**
 * Knowledge curation in the navigator console (issue 11): articles, drafts, validation and the
 * answer card preview, Probefragen, four-eyes publishing, versions and rollback — under
 * /api/console/, behind the console's own sign-in check. The work is done by src/curation/.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import fp from "fastify-plugin";
import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Navigator } from "../../auth/navigator.js";
import type { Config } from "../../config.js";
import { CurationService } from "../../curation/curation-service.js";
import { WorkerValidator } from "../../curation/validator.js";
import {
  ApproveResult,
  ArticleDetail,
  ArticleListing,
  ArticleParams,
  ArticleQuery,
  CreateDraftBody,
  CurationErrorBody,
  Draft,
  DraftList,
  DraftListQuery,
  DraftParams,
  PreviewBody,
  PreviewResult,
  RejectBody,
  RevisionBody,
  SaveDraftBody,
  ValidateBody,
  ValidateResult,
  VersionDetail,
  VersionList,
  VersionParams,
} from "../../curation/schemas.js";
import { Trial, TrialRequest } from "../../curation/trial.js";
import { loadEvalSet, type EvalQuestion } from "../../eval/evaluate.js";
import { KnowledgeStatus } from "../../knowledge/index.js";
import { consoleAuth } from "./console.js";

declare module "fastify" {
  interface FastifyInstance {
    curation: CurationService;
  }
}

export interface CurationPluginOptions {
  config: Config;
}

const ERRORS = { 400: CurationErrorBody, 401: CurationErrorBody, 403: CurationErrorBody, 404: CurationErrorBody, 409: CurationErrorBody, 422: CurationErrorBody } as const;

function navigatorOf(req: { navigator: Navigator | null }): { id: string; name: string } {
  // The console's onRequest hook has refused every request without one.
  if (!req.navigator) throw new Error("curation: route reached without a navigator");
  return { id: req.navigator.id, name: req.navigator.name };
}

/** The labelled dev questions, read once; a missing file only means Probefragen without them. Never the holdout set. */
function devQuestionsFrom(file: string, log: FastifyInstance["log"]): () => EvalQuestion[] {
  let questions: EvalQuestion[] | undefined;
  return () => {
    if (questions) return questions;
    questions = [];
    if (path.basename(file) === "holdout.yaml") {
      log.warn({ file, code: "curation.holdout_refused" }, "curation: EVAL_QUESTIONS_FILE points at the holdout set; Probefragen run without dev questions");
    } else if (existsSync(file)) {
      try {
        questions = loadEvalSet(file);
      } catch (err) {
        log.warn({ err, file, code: "curation.dev_set_unreadable" }, "curation: the dev question set cannot be read; Probefragen run without it");
      }
    }
    return questions;
  };
}

const curationPlugin: FastifyPluginAsync<CurationPluginOptions> = async (app, { config }) => {
  // Validation loads the whole knowledge base: in a worker, so the bot keeps answering meanwhile.
  const validator = new WorkerValidator();
  app.addHook("onClose", () => validator.close());
  const service = new CurationService({
    validator,
    db: app.db,
    contentDir: config.contentDir,
    knowledge: app.knowledge,
    audit: async (actor, action, detail) => {
      await app.handoff.service.audit(actor, action, undefined, detail);
    },
    fourEyes: config.curation.fourEyes,
    gitCommit: config.curation.gitCommit,
    review: config.decision,
    devQuestions: devQuestionsFrom(config.curation.evalQuestionsFile, app.log),
    signals: app.signals,
    // Each node has its own CONTENT_DIR; with a shared database every node follows the versions published on any of them.
    shared: app.database.engine === "postgres",
    log: app.log,
  });
  app.decorate("curation", service);
  app.addHook("onClose", () => service.close());
  await service.start();
  if (!config.curation.fourEyes) app.log.warn({ code: "curation.four_eyes_off" }, "curation: CURATION_FOUR_EYES=false, authors may publish their own drafts");

  await app.register(
    async (api) => {
      api.addHook("onRequest", consoleAuth(app.console.authenticator));
      const r = api.withTypeProvider<ZodTypeProvider>();
      // A CurationError thrown by the service answers with its status and `{ error, message, params?, problems? }` (src/server/errors.ts).

      r.get("/knowledge/status", { schema: { response: { 200: KnowledgeStatus, 401: CurationErrorBody } } }, async () => app.knowledge.status());

      r.get("/articles", { schema: { querystring: ArticleQuery, response: { 200: ArticleListing, ...ERRORS } } }, async (req) => service.listArticles(req.query));

      r.get("/articles/:id", { schema: { params: ArticleParams, response: { 200: ArticleDetail, ...ERRORS } } }, async (req) =>
        service.articleDetail(req.params.id));

      r.post("/articles/validate", { schema: { body: ValidateBody, response: { 200: ValidateResult, ...ERRORS } } }, async (req) =>
        service.validate(req.body.draft, req.body.draftId));

      r.post("/articles/preview", { schema: { body: PreviewBody, response: { 200: PreviewResult, ...ERRORS } } }, async (req) =>
        service.preview(req.body.draft, req.body.language, req.body.draftId));

      r.get("/articles/:id/versions", { schema: { params: ArticleParams, response: { 200: VersionList, ...ERRORS } } }, async (req) =>
        service.versions(req.params.id));

      r.get("/articles/:id/versions/:version", { schema: { params: VersionParams, response: { 200: VersionDetail, ...ERRORS } } }, async (req) =>
        service.version(req.params.id, req.params.version));

      r.post("/articles/:id/versions/:version/rollback", { schema: { params: VersionParams, response: { 201: Draft, ...ERRORS } } }, async (req, reply) => {
        const draft = await service.rollback(req.params.id, req.params.version, navigatorOf(req));
        return reply.code(201).send(draft);
      });

      r.post("/drafts", { schema: { body: CreateDraftBody, response: { 201: Draft, ...ERRORS } } }, async (req, reply) => {
        const draft = await service.createDraft(req.body, navigatorOf(req));
        return reply.code(201).send(draft);
      });

      r.get("/drafts", { schema: { querystring: DraftListQuery, response: { 200: DraftList, ...ERRORS } } }, async (req) => service.drafts(req.query.status));

      r.get("/drafts/:id", { schema: { params: DraftParams, response: { 200: Draft, ...ERRORS } } }, async (req) =>
        service.draft(req.params.id));

      r.put("/drafts/:id", { schema: { params: DraftParams, body: SaveDraftBody, response: { 200: Draft, ...ERRORS } } }, async (req) =>
        service.save(req.params.id, req.body.revision, req.body.draft, navigatorOf(req)));

      r.post("/drafts/:id/submit", { schema: { params: DraftParams, body: RevisionBody, response: { 200: Draft, ...ERRORS } } }, async (req) =>
        service.submit(req.params.id, req.body.revision, navigatorOf(req)));

      r.post("/drafts/:id/approve", { schema: { params: DraftParams, body: RevisionBody, response: { 200: ApproveResult, ...ERRORS } } }, async (req) =>
        service.approve(req.params.id, req.body.revision, navigatorOf(req)));

      r.post("/drafts/:id/reject", { schema: { params: DraftParams, body: RejectBody, response: { 200: Draft, ...ERRORS } } }, async (req) =>
        service.reject(req.params.id, req.body.revision, navigatorOf(req), req.body.comment));

      r.delete("/drafts/:id", { schema: { params: DraftParams, response: { 204: z.null(), ...ERRORS } } }, async (req, reply) => {
        await service.discard(req.params.id, navigatorOf(req));
        return reply.code(204).send(null);
      });

      r.post("/drafts/:id/trial", { schema: { params: DraftParams, body: TrialRequest, response: { 200: Trial, ...ERRORS } } }, async (req) =>
        service.trial(req.params.id, req.body.questions ?? []));
    },
    { prefix: "/api/console" },
  );
};

export default fp(curationPlugin, { name: "curation", dependencies: ["database", "knowledge", "handoff", "console"] });
