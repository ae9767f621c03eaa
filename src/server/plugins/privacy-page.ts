/**
 * GET /datenschutz (German; ?lang=en English): the privacy notice for the web widget, the
 * Teams app (its privacyUrl) and everyone else, built from the running configuration.
 * GET /nutzungsbedingungen: the terms of use (the Teams app's termsOfUseUrl), alike.
 */
import fp from "fastify-plugin";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Config } from "../../config.js";
import { PRIVACY_CSS, PrivacyQuery, privacyFacts, renderPrivacyNotice } from "../../widget/privacy-notice.js";
import { sendStatic, smallFile, TYPES } from "../../widget/static-file.js";
import { renderTermsNotice, termsFacts } from "../../widget/terms-notice.js";

export interface PrivacyPagePluginOptions {
  config: Config;
}

const SECURITY_HEADERS = {
  "content-security-policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
} as const;

const privacyPagePlugin: FastifyPluginAsync<PrivacyPagePluginOptions> = async (app, { config }) => {
  // The configuration does not change while running: both pages are made once.
  const facts = privacyFacts(config);
  const pages = { de: smallFile(Buffer.from(renderPrivacyNotice("de", facts)), TYPES.html), en: smallFile(Buffer.from(renderPrivacyNotice("en", facts)), TYPES.html) };
  const terms = termsFacts(config);
  const termsPages = { de: smallFile(Buffer.from(renderTermsNotice("de", terms)), TYPES.html), en: smallFile(Buffer.from(renderTermsNotice("en", terms)), TYPES.html) };
  const css = smallFile(Buffer.from(PRIVACY_CSS), TYPES.css);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get("/datenschutz", { schema: { querystring: PrivacyQuery } }, async (req, reply) => {
    reply.headers(SECURITY_HEADERS).header("content-language", req.query.lang);
    return sendStatic(req, reply, pages[req.query.lang], "public, max-age=300");
  });
  r.get("/nutzungsbedingungen", { schema: { querystring: PrivacyQuery } }, async (req, reply) => {
    reply.headers(SECURITY_HEADERS).header("content-language", req.query.lang);
    return sendStatic(req, reply, termsPages[req.query.lang], "public, max-age=300");
  });
  r.get("/datenschutz.css", async (req, reply) => sendStatic(req, reply, css, "public, max-age=300"));
};

export default fp(privacyPagePlugin, { name: "privacy-page" });
