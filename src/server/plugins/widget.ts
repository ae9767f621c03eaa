/**
 * The web widget for partner websites: the loader at /widget.js, the chat page at /widget/chat
 * that it frames, the page's script and style, and the vendored Web Chat bundle. The chat page
 * gets its Direct Line token from POST /api/widget/token (plugins/directline.ts).
 */
import { readFileSync } from "node:fs";
import fp from "fastify-plugin";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config.js";
import { AUDIENCES } from "../../knowledge/index.js";
import { chatPageCsp, ChatQuery, DEFAULT_COLOR, newNonce, renderChatPage } from "../../widget/chat-page.js";
import { loaderStrings, WIDGET_LANGS } from "../../widget/strings.js";
import { sendStatic, smallFile, TYPES, type StaticFile } from "../../widget/static-file.js";
import { loadWebChatBundle, type WebChatBundle } from "../../widget/vendor.js";

export interface WidgetPluginOptions {
  config: Config;
}

const PUBLIC_DIR = new URL("../../widget/public/", import.meta.url);

/** Partners' pages load /widget.js on every visit: short enough that a fix arrives the same day. */
export const LOADER_CACHE = "public, max-age=300";
/** A file whose URL changes with its content. */
export const IMMUTABLE = "public, max-age=31536000, immutable";

/** widget.js with its settings filled in: the strings of the launcher, the allowed values. */
export function buildLoader(): StaticFile {
  const source = readFileSync(new URL("widget.js", PUBLIC_DIR), "utf8");
  const settings = { langs: WIDGET_LANGS, audiences: AUDIENCES, color: DEFAULT_COLOR, strings: loaderStrings() };
  const placeholder = "__LOTSE_SETTINGS__";
  if (!source.includes(placeholder)) throw new Error(`widget: src/widget/public/widget.js has no ${placeholder}`);
  const json = JSON.stringify(settings).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  return smallFile(Buffer.from(source.replace(placeholder, () => json)), TYPES.js);
}

/** The chat page's own script and style, at URLs carrying their hash, so they can be cached for good. */
function pageAsset(name: string, type: string): StaticFile & { url: string } {
  const file = smallFile(readFileSync(new URL(name, PUBLIC_DIR)), type);
  return { ...file, url: `/widget/${name}?v=${file.etag.slice(1, 13)}` };
}

const AssetQuery = z.object({ v: z.string().max(64).optional().catch(undefined) });

function bundleFile(bundle: WebChatBundle): StaticFile {
  return { body: bundle.body, type: TYPES.js, etag: `"${bundle.meta.sha384.slice(0, 22)}"`, compressed: bundle.compressed };
}

const widgetPlugin: FastifyPluginAsync<WidgetPluginOptions> = async (app, { config }) => {
  const bundle = loadWebChatBundle();
  const loader = buildLoader();
  const chatJs = pageAsset("chat.js", TYPES.js);
  const chatCss = pageAsset("chat.css", TYPES.css);
  const webChat = bundleFile(bundle);
  const origins = config.widget.origins;
  // With Azure's Direct Line the page talks to Microsoft's endpoint, over HTTPS and WebSocket.
  const connect: string[] = [];
  if (config.directLine.secret) {
    const endpoint = new URL(config.directLine.endpoint);
    connect.push(endpoint.origin, `wss://${endpoint.host}`);
  }
  app.log.info({ code: "widget.ready", webChat: bundle.meta.version, origins, bytes: bundle.body.length }, "widget: /widget.js and /widget/chat ready");
  if (origins.length === 0) {
    app.log.warn({ code: "widget.no_origins" }, "widget: WIDGET_ORIGINS is empty, so no partner website can show the chat (only Lotse's own pages)");
  }

  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get("/widget.js", async (req, reply) => {
    // Partner pages may require CORP (COEP require-corp); the loader is meant for every site.
    reply.header("cross-origin-resource-policy", "cross-origin");
    return sendStatic(req, reply, loader, LOADER_CACHE);
  });

  r.get(bundle.url, async (req, reply) => {
    reply.header("cross-origin-resource-policy", "same-origin");
    return sendStatic(req, reply, webChat, IMMUTABLE);
  });

  for (const asset of [chatJs, chatCss]) {
    const path = asset.url.split("?")[0]!;
    const version = asset.url.split("v=")[1];
    r.get(path, { schema: { querystring: AssetQuery } }, async (req, reply) =>
      sendStatic(req, reply, asset, req.query.v === version ? IMMUTABLE : "no-cache"),
    );
  }

  r.get("/widget/chat", { schema: { querystring: ChatQuery } }, async (req, reply) => {
    const nonce = newNonce();
    const page = renderChatPage(req.query, bundle, nonce, { js: chatJs.url, css: chatCss.url });
    return reply
      .headers({
        "content-security-policy": chatPageCsp({ frameAncestors: origins, connect, styleNonce: nonce }),
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
        "permissions-policy": "camera=(), microphone=(), geolocation=()",
        // The nonce is new in every response: no cache may hand out an old one.
        "cache-control": "no-store",
      })
      .type(TYPES.html)
      .send(page);
  });
};

export default fp(widgetPlugin, { name: "widget" });
