/**
 * The chat page in the widget's frame (GET /widget/chat): its query, its Content Security
 * Policy and the HTML around Web Chat. The page's behaviour is in public/chat.js.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { Audience } from "../knowledge/index.js";
import { fillTemplate, html, jsonScript } from "./html.js";
import { direction, privacyLang, STRINGS, WEBCHAT_LOCALE, WIDGET_LANGS, WidgetLang } from "./strings.js";
import type { WebChatBundle } from "./vendor.js";

export const DEFAULT_TITLE = "Lotse";
/** Jobcenter Wuppertal's blue, as in the Teams manifest's accentColor. */
export const DEFAULT_COLOR = "#005493";
export const MAX_TITLE = 60;

/** Printable text only, whitespace collapsed, cut to length; nothing left means "not given". */
const Title = z
  .string()
  .transform((t) => t.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, " ").replace(/\s+/g, " ").trim().slice(0, MAX_TITLE).trim())
  .transform((t) => t || undefined);

/**
 * The widget passes the partner's data attributes through this query. A wrong value is the
 * partner's typo, not an attack on the visitor: it falls back to the default rather than
 * showing the visitor an error page.
 */
export const ChatQuery = z.object({
  lang: WidgetLang.catch("de"),
  audience: Audience.optional().catch(undefined),
  title: Title.optional().catch(undefined),
  color: z
    .string()
    .regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/)
    .transform((c) => c.toLowerCase())
    .optional()
    .catch(undefined),
});
export type ChatQuery = z.infer<typeof ChatQuery>;

/** What public/chat.js reads from the page (`#lotse-config`). */
export interface ChatPageConfig {
  lang: WidgetLang;
  audience: string | null;
  color: string;
  tokenUrl: string;
  locales: Record<WidgetLang, string>;
  privacyUrls: Record<WidgetLang, string>;
  strings: typeof STRINGS;
}

export const TOKEN_URL = "/api/widget/token";

export function privacyUrl(lang: WidgetLang): string {
  return `/datenschutz?lang=${privacyLang(lang)}`;
}

export function newNonce(): string {
  return randomBytes(18).toString("base64");
}

export interface ChatCspOptions {
  /** WIDGET_ORIGINS: who may frame the page, besides Lotse itself. */
  frameAncestors: readonly string[];
  /** Extra origins the page talks to (Azure's Direct Line when DIRECT_LINE_SECRET is set). */
  connect: readonly string[];
  /** Per response: Web Chat's CSS-in-JS (emotion) adds <style> elements carrying it. */
  styleNonce: string;
}

/**
 * Measured with Chromium against Web Chat 4.18.1 (README, "Web widget"): it runs without
 * 'unsafe-eval' and without 'unsafe-inline' — its style elements take the nonce we pass it, and
 * the inline styles it sets go through the CSSOM, which CSP does not restrict.
 */
export const EMPTY_STYLE_HASH = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

export function chatPageCsp({ frameAncestors, connect, styleNonce }: ChatCspOptions): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // The hash is that of an empty <style>: Web Chat 4.18 probes `:focus-visible` support with
    // one, in a place that does not get the nonce. Empty, it can carry no CSS of anyone's.
    `style-src 'self' 'nonce-${styleNonce}' '${EMPTY_STYLE_HASH}'`,
    // Web Chat's icons and avatars are data: URIs, and it hands some images over as blob: URLs.
    "img-src 'self' data: blob:",
    // 'self' covers the WebSocket to the same host (CSP Level 3, every current browser).
    ["connect-src 'self'", ...connect].join(" "),
    "form-action 'none'",
    "base-uri 'none'",
    ["frame-ancestors 'self'", ...frameAncestors].join(" "),
  ].join("; ");
}

const TEMPLATE = readFileSync(new URL("./public/chat.html", import.meta.url), "utf8");

/** The page's own script and style, at their versioned URLs. */
export interface PageAssets {
  js: string;
  css: string;
}

export function renderChatPage(query: ChatQuery, bundle: Pick<WebChatBundle, "url" | "integrity">, nonce: string, assets: PageAssets): string {
  const { lang } = query;
  const s = STRINGS[lang];
  const title = query.title ?? DEFAULT_TITLE;
  const config: ChatPageConfig = {
    lang,
    audience: query.audience ?? null,
    color: query.color ?? DEFAULT_COLOR,
    tokenUrl: TOKEN_URL,
    locales: WEBCHAT_LOCALE,
    privacyUrls: Object.fromEntries(WIDGET_LANGS.map((l) => [l, privacyUrl(l)])) as Record<WidgetLang, string>,
    strings: STRINGS,
  };
  return fillTemplate(TEMPLATE, {
    lang,
    dir: direction(lang),
    title,
    cssUrl: assets.css,
    jsUrl: assets.js,
    webChatUrl: bundle.url,
    webChatIntegrity: bundle.integrity,
    nonce,
    languageLabel: s.languageLabel,
    languageOptions: WIDGET_LANGS.map(
      (l) => html`<option value="${l}" lang="${l}"${l === lang ? html` selected` : ""}>${STRINGS[l].languageName}</option>`,
    ),
    privacyUrl: privacyUrl(lang),
    privacy: s.privacy,
    newTab: s.newTab,
    noticeHeading: s.noticeHeading,
    notice: s.notice.map((p) => html`<p>${p}</p>`),
    connecting: s.connecting,
    retry: s.retry,
    chatLabel: s.chatLabel,
    noscript: s.noscript,
    config: jsonScript("lotse-config", config),
  });
}
