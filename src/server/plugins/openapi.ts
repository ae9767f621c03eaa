/**
 * The OpenAPI 3.1 document of Lotse's HTTP API, generated from the zod route schemas, with Swagger
 * UI at /docs and the JSON at /docs/json. Registered before the route plugins: @fastify/swagger
 * collects routes in an onRoute hook, so it only sees routes added after it.
 */
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import fp from "fastify-plugin";
import type { FastifyPluginAsync } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import type { Config } from "../../config.js";

export interface OpenApiPluginOptions {
  config: Config;
}

export const DOCS_PREFIX = "/docs";

/** Only the API is documented; pages and their static assets (/console, /widget/*, /artikel.css …) are hidden. */
export function isDocumented(url: string): boolean {
  return url.startsWith("/api/") || url.startsWith("/v3/") || url === "/healthz" || url === "/readyz";
}

interface Capability {
  tag: string;
  security?: Record<string, string[]>[];
}

const CONSOLE = [{ consoleBearer: [] }];
const DIRECT_LINE = [{ directLineBearer: [] }];

/** One tag per capability and the credential it needs, by path; the first match wins. */
const CAPABILITIES: [RegExp, Capability][] = [
  [/^\/api\/ask$/, { tag: "ask" }],
  [/^\/api\/widget\//, { tag: "web chat" }],
  [/^\/v3\/directline\/tokens\/generate$/, { tag: "Direct Line" }],
  [/^\/v3\/directline\//, { tag: "Direct Line", security: DIRECT_LINE }],
  [/^\/api\/messages$/, { tag: "bot", security: [{ botFrameworkBearer: [] }] }],
  [/^\/api\/console\/teams-channel/, { tag: "teams channel", security: CONSOLE }],
  [/^\/api\/console\/(articles|drafts|knowledge)/, { tag: "curation", security: CONSOLE }],
  [/^\/api\/console\//, { tag: "console", security: CONSOLE }],
  [/^\/(healthz|readyz)$/, { tag: "health" }],
];

export function capabilityOf(url: string): Capability | undefined {
  return CAPABILITIES.find(([pattern]) => pattern.test(url))?.[1];
}

type Transform = typeof jsonSchemaTransform;

/** zod → JSON Schema (fastify-type-provider-zod), then hide what is not API and add tag and security. */
const transform: Transform = (input) => {
  const capability = capabilityOf(input.url);
  if (!isDocumented(input.url) || !capability) return { schema: { hide: true }, url: input.url };
  const out = jsonSchemaTransform({ ...input, schema: input.schema ?? {} });
  const schema = (out.schema ?? {}) as Record<string, unknown>;
  return {
    url: out.url,
    schema: {
      ...schema,
      tags: [capability.tag],
      ...(capability.security && !schema.security ? { security: capability.security } : {}),
    },
  };
};

/** Swagger UI's own policy, set by @fastify/swagger-ui on its routes only: its bundle, styles and the JSON from 'self'. */
const SWAGGER_UI_CSP = {
  "default-src": "'none'",
  "script-src": "'self'",
  "style-src": "'self'",
  "img-src": "'self' data:",
  "connect-src": "'self'",
  "font-src": "'self'",
  "form-action": "'self'",
  "base-uri": "'none'",
  "frame-ancestors": "'none'",
};

const openApiPlugin: FastifyPluginAsync<OpenApiPluginOptions> = async (app, { config }) => {
  if (!config.openapiEnabled) return;
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Lotse API",
        description:
          "Public API (questions, web chat tokens, Direct Line 3.0, Bot Framework messages, health) and the navigators' console API. Generated from the route schemas.",
        version: "1",
      },
      tags: [
        { name: "ask", description: "One question, one decision (answer, clarify or handoff)" },
        { name: "web chat", description: "Tokens for the embeddable chat widget" },
        { name: "Direct Line", description: "Direct Line 3.0 subset served by Lotse itself (when DIRECT_LINE_SECRET is unset). The activity stream is a WebSocket, GET /v3/directline/conversations/{conversationId}/stream?t=<token>, which OpenAPI cannot describe" },
        { name: "bot", description: "Bot Framework / Teams activities (JWT from the Bot Connector)" },
        { name: "console", description: "Navigator console: tickets, reports, audit, API tokens" },
        { name: "curation", description: "Curating the knowledge base: articles, drafts, review, publishing" },
        { name: "teams channel", description: "Pairing the navigators' Teams channel" },
        { name: "health", description: "Liveness and readiness probes" },
      ],
      components: {
        securitySchemes: {
          consoleBearer: { type: "http", scheme: "bearer", description: "Entra ID access token (Teams SSO) or a personal console API token" },
          directLineBearer: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "Direct Line token of one conversation" },
          botFrameworkBearer: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "Bot Connector token (Azure Bot Service)" },
        },
      },
    },
    transform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    staticCSP: SWAGGER_UI_CSP,
    uiConfig: { deepLinking: false },
  });
};

export default fp(openApiPlugin, { name: "openapi" });
