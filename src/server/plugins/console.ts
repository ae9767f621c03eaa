/**
 * Navigator console: the page at /console (also a Teams tab) and its API under /api/console/,
 * where every route needs `Authorization: Bearer` with an Entra ID token (Teams SSO) or a
 * personal API token.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import fp from "fastify-plugin";
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, onRequestAsyncHookHandler } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ApiTokenStore } from "../../auth/api-tokens.js";
import { createAuthenticator, type Authenticator } from "../../auth/authenticate.js";
import { AuthError, NotANavigatorError, type Navigator } from "../../auth/navigator.js";
import type { Config } from "../../config.js";
import { ConsoleService, type CsvExport } from "../../console/console-service.js";
import {
  AuditPage,
  AuditQuery,
  CloseBody,
  FailedDeliveries,
  FeedbackReport,
  Me,
  ReplyBody,
  ReplyResult,
  TicketDetail,
  TicketPage,
  TicketParams,
  TicketQuery,
  TicketResult,
  UnansweredReport,
} from "../../console/schemas.js";
import { ErrorBody } from "../errors.js";

declare module "fastify" {
  interface FastifyInstance {
    console: { service: ConsoleService; tokens: ApiTokenStore; authenticator: Authenticator };
  }
  interface FastifyRequest {
    /** Set by the console's auth hook on every /api/console/ route. */
    navigator: Navigator | null;
  }
}

export interface ConsolePluginOptions {
  config: Config;
}

const PUBLIC_DIR = new URL("../../console/public/", import.meta.url);

/** Teams (web, desktop, mobile) and Outlook/M365 host the tab in a frame of theirs. */
export const FRAME_ANCESTORS = [
  "'self'",
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://teams.cloud.microsoft",
  "https://*.cloud.microsoft",
  "https://*.office.com",
  "https://*.microsoft365.com",
  "https://*.skype.com",
];

export const PAGE_SECURITY_HEADERS = {
  "content-security-policy": `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors ${FRAME_ANCESTORS.join(" ")}`,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
} as const;

export interface StaticAsset {
  body: Buffer;
  type: string;
}

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  map: "application/json; charset=utf-8",
};

/** Read once at start: a handful of small files, and no path from a request ever reaches the disk. */
export function loadAssets(files: readonly string[]): Map<string, StaticAsset> {
  return new Map(files.map((f) => [f, { body: readFileSync(new URL(f, PUBLIC_DIR)), type: TYPES[f.split(".").pop()!]! }]));
}

export function sendAsset(reply: FastifyReply, asset: StaticAsset): FastifyReply {
  return reply.headers(PAGE_SECURITY_HEADERS).header("cache-control", "no-cache").type(asset.type).send(asset.body);
}

/**
 * console.js and its source map: the bundle `npm run build` put next to the page (dist/), or,
 * running from src/ (tests, tsx) where there is none, src/console/client/ bundled in memory,
 * once, on the first request: most test servers never serve the page, and bundling costs ~0.4 s.
 */
export function consoleScript(): () => Promise<Map<string, StaticAsset>> {
  const prebuilt = new URL("console.js", PUBLIC_DIR);
  const assets = (js: Buffer, map: Buffer) =>
    new Map([
      ["console.js", { body: js, type: TYPES.js! }],
      ["console.js.map", { body: map, type: TYPES.map! }],
    ]);
  if (existsSync(prebuilt)) {
    const ready = Promise.resolve(assets(readFileSync(prebuilt), readFileSync(new URL("console.js.map", PUBLIC_DIR))));
    return () => ready;
  }
  let bundling: Promise<Map<string, StaticAsset>> | undefined;
  return () =>
    (bundling ??= import("../../console/bundle.js")
      .then(({ bundleConsole }) => bundleConsole(fileURLToPath(new URL("../../../", import.meta.url)), { outfile: fileURLToPath(prebuilt), write: false }))
      .then((bundle) => assets(bundle!.js, bundle!.map))
      .catch((err: unknown) => {
        bundling = undefined;
        throw err;
      }));
}

function teamsJs(): StaticAsset {
  const file = createRequire(import.meta.url).resolve("@microsoft/teams-js");
  return { body: readFileSync(file), type: TYPES.js! };
}

function sendCsv(reply: FastifyReply, { filename, csv }: CsvExport): FastifyReply {
  return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${filename}"`).send(csv);
}

const ERRORS = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody } as const;

function mustBeSignedIn(req: { navigator: Navigator | null }): Navigator {
  // The onRequest hook has refused every request without one; this only narrows the type.
  if (!req.navigator) throw new Error("console: route reached without a navigator");
  return req.navigator;
}

/**
 * The console's sign-in check as an onRequest hook: every /api/console/ route uses it, also the
 * knowledge curation routes (src/server/plugins/curation.ts).
 */
export function consoleAuth(authenticator: Authenticator): onRequestAsyncHookHandler {
  return async (req, reply) => {
    reply.header("cache-control", "no-store");
    try {
      req.navigator = await authenticator.authenticate(req.headers.authorization);
    } catch (err) {
      if (!(err instanceof AuthError)) {
        req.log.error({ err, code: "console.auth_unavailable" }, "console: could not check the token");
        return reply.code(503).send({ error: "auth_unavailable", message: "the sign-in could not be checked; try again shortly" });
      }
      if (err instanceof NotANavigatorError) {
        // Signed in, but without the navigator role/group: signing in again would not help (403, not 401).
        req.log.warn({ reason: err.reason, navigator: err.navigatorId, code: "console.not_a_navigator" }, "console request refused: not a navigator");
      } else {
        req.log.info({ reason: err.reason, code: "console.unauthorized" }, "console request refused");
      }
      // The error handler answers with its status, www-authenticate and `{ error, message }`.
      throw err;
    }
  };
}

async function consoleApi(api: FastifyInstance, { service, authenticator }: { service: ConsoleService; authenticator: Authenticator }) {
  api.addHook("onRequest", consoleAuth(authenticator));

  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get("/me", { schema: { response: { 200: Me, 401: ErrorBody } } }, async (req) => ({ navigator: mustBeSignedIn(req) }));

  r.get("/tickets", { schema: { querystring: TicketQuery, response: { 200: TicketPage, ...ERRORS } } }, async (req) => service.queue(req.query));

  // A TicketError answers with its status and `{ error: code, message, params }` (src/server/errors.ts),
  // worded by the console from its locale files; the message is English, for developers.
  r.get("/tickets/:id", { schema: { params: TicketParams, response: { 200: TicketDetail, ...ERRORS } } }, async (req) => service.ticket(req.params.id));

  r.post("/tickets/:id/take", { schema: { params: TicketParams, response: { 200: TicketResult, ...ERRORS } } }, async (req) => ({
    ticket: await service.take(req.params.id, mustBeSignedIn(req)),
  }));

  r.post("/tickets/:id/reply", { schema: { params: TicketParams, body: ReplyBody, response: { 200: ReplyResult, ...ERRORS } } }, async (req) =>
    service.reply(req.params.id, mustBeSignedIn(req), req.body.text),
  );

  r.post("/tickets/:id/close", { schema: { params: TicketParams, body: CloseBody, response: { 200: TicketResult, ...ERRORS } } }, async (req) => ({
    ticket: await service.close(req.params.id, mustBeSignedIn(req), req.body.note || undefined),
  }));

  r.get("/unanswered", { schema: { response: { 200: UnansweredReport, 401: ErrorBody } } }, async () => service.unanswered());
  r.get("/unanswered.csv", async (req, reply) => sendCsv(reply, await service.exportUnanswered(mustBeSignedIn(req))));

  r.get("/feedback", { schema: { response: { 200: FeedbackReport, 401: ErrorBody } } }, async () => ({ articles: await service.feedback() }));
  r.get("/feedback.csv", async (req, reply) => sendCsv(reply, await service.exportFeedback(mustBeSignedIn(req))));

  r.get("/audit", { schema: { querystring: AuditQuery, response: { 200: AuditPage, ...ERRORS } } }, async (req) => ({ entries: await service.audit(req.query) }));

  r.get("/webhook-deliveries", { schema: { response: { 200: FailedDeliveries, 401: ErrorBody } } }, async () => ({ deliveries: await service.failedDeliveries() }));
}

const consolePlugin: FastifyPluginAsync<ConsolePluginOptions> = async (app, opts) => {
  const tokens = new ApiTokenStore(app.db);
  const authenticator = createAuthenticator(tokens, opts.config.entra);
  const service = new ConsoleService({
    tickets: app.handoff.service,
    db: app.db,
    articleTitle: (id) => app.knowledge.article(id)?.de.title,
  });
  app.decorate("console", { service, tokens, authenticator });
  app.decorateRequest("navigator", null);

  const { navigatorRole, navigatorGroup, allowAllTenantUsers } = opts.config.entra;
  if (authenticator.entraEnabled) {
    app.log.info(
      { code: "console.entra", navigatorRole, navigatorGroup, allowAllTenantUsers },
      allowAllTenantUsers
        ? "console: Entra ID sign-in (Teams SSO) for every user of the tenant (ENTRA_ALLOW_ALL_TENANT_USERS) and personal API tokens accepted"
        : "console: Entra ID sign-in (Teams SSO) for navigators (app role / group) and personal API tokens accepted",
    );
  } else app.log.info({ code: "console.tokens_only" }, "console: personal API tokens only (set ENTRA_TENANT_ID and ENTRA_CLIENT_ID for Teams SSO)");

  const assets = loadAssets(["console.html", "console.css"]);
  assets.set("teams-js.js", teamsJs());
  const script = consoleScript();
  app.get("/console", async (_req, reply) => sendAsset(reply, assets.get("console.html")!));
  app.withTypeProvider<ZodTypeProvider>().get(
    "/console/assets/:file",
    { schema: { params: z.strictObject({ file: z.string().max(64) }) } },
    async (req, reply) => {
      const asset = assets.get(req.params.file) ?? (req.params.file.startsWith("console.js") ? (await script()).get(req.params.file) : undefined);
      if (!asset) return reply.code(404).send({ error: "not_found", message: `no asset ${req.params.file}` });
      return sendAsset(reply, asset);
    },
  );

  await app.register(consoleApi, { prefix: "/api/console", service, authenticator });
};

export default fp(consolePlugin, { name: "console", dependencies: ["database", "knowledge", "handoff"] });
