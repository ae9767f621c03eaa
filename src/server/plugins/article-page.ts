/**
 * GET /artikel/:id (German; ?lang=en English): one article as a public page — the "Ganze
 * Antwort" link on the card the Teams message extension inserts into a chat, opened by anyone
 * in that chat, signed in or not. Title, short answer, full answer, legal basis, sources,
 * contacts, Stand and the way to a navigator. Unknown and withheld articles get a 404 page;
 * the id is checked against the Id schema and only ever looked up in the loaded knowledge base.
 */
import fp from "fastify-plugin";
import type { FastifyPluginAsync } from "fastify";
import MarkdownIt from "markdown-it";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { reviewNote } from "../../../bot/cards/answer-card.js";
import { translator, type Translate } from "../../../bot/i18n.js";
import { formatDate } from "../../../bot/language.js";
import type { Config } from "../../config.js";
import { Id, Language, type AskAnswer, type KnowledgeEngine } from "../../knowledge/index.js";
import { isoDay } from "../../knowledge/review.js";
import { html, SafeHtml } from "../../widget/html.js";
import { PRIVACY_CSS } from "../../widget/privacy-notice.js";
import { sendStatic, smallFile, TYPES, type StaticFile } from "../../widget/static-file.js";
import { LruCache } from "../../util/lru-cache.js";

export interface ArticlePagePluginOptions {
  config: Config;
}

/** The longest id the content schema could produce is far shorter; longer is junk. */
const MAX_ID = 120;
/** Rendered pages kept per knowledge base version: every article in both languages, with room to spare. */
const MAX_CACHED_PAGES = 2000;

export const ArticleParams = z.object({ id: z.string() });
export const ArticleQuery = z.object({ lang: Language.catch("de") });

const SECURITY_HEADERS = {
  "content-security-policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
} as const;

/** The privacy page's look, plus the article's own blocks. */
export const ARTICLE_CSS = `${PRIVACY_CSS}
.stand{color:#4a4a4a;font-size:.95rem;margin:-.5rem 0 1rem}
.overdue{background:#fff3cd;border:1px solid #8a6d00;border-radius:6px;padding:.5rem .75rem}
.summary{font-size:1.1rem;border-left:4px solid #004a82;padding-left:.75rem}
.contacts li{margin-bottom:.5rem}
.navigator{background:#eef4fa;border-radius:6px;padding:.25rem 1rem 1rem;margin-top:2.5rem}
footer{margin-top:2rem;font-size:.9rem}`;

/** Article Markdown: no raw HTML, and markdown-it refuses javascript:, vbscript: and data: links. */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

type Lang = z.infer<typeof Language>;

interface PagePhrases {
  other: { lang: Lang; name: string };
  languageNav: string;
  askTitle: string;
  ask: string;
  askLink: string;
  privacy: string;
  notFoundTitle: string;
  notFound: string;
  home: string;
}

const PHRASES: Record<Lang, PagePhrases> = {
  de: {
    other: { lang: "en", name: "English" },
    languageNav: "Sprache",
    askTitle: "Wann Sie eine Lotsin oder einen Lotsen fragen sollten",
    ask: "Diese Seite ist eine allgemeine Information und keine Rechtsberatung. Geht es um einen bestimmten Fall, bleibt etwas unklar oder passt die Antwort nicht ganz: Das Lotsen-Team im Haus der Integration (Jobcenter Wuppertal) hilft Arbeitgebern, Kammern, Vereinen und Ehrenamtlichen persönlich weiter.",
    askLink: "Lotse im Chat fragen oder eine Lotsin / einen Lotsen erreichen",
    privacy: "Datenschutz",
    notFoundTitle: "Artikel nicht gefunden",
    notFound: "Diesen Artikel gibt es nicht (mehr), oder er wird gerade überprüft. Fragen Sie Lotse im Chat – oder eine Lotsin / einen Lotsen.",
    home: "Zu Lotse",
  },
  en: {
    other: { lang: "de", name: "Deutsch" },
    languageNav: "Language",
    askTitle: "When to ask a navigator",
    ask: "This page is general information, not legal advice. If it is about a particular case, if something remains unclear or the answer does not quite fit: the navigator team at Haus der Integration (Jobcenter Wuppertal) helps employers, chambers, associations and volunteers in person.",
    askLink: "Ask Lotse in the chat or reach a navigator",
    privacy: "Privacy",
    notFoundTitle: "Article not found",
    notFound: "This article does not exist (any more), or it is being reviewed. Ask Lotse in the chat – or a navigator.",
    home: "To Lotse",
  },
};

function layout(lang: Lang, title: string, alternate: string, body: SafeHtml): string {
  const p = PHRASES[lang];
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Lotse</title>
<link rel="stylesheet" href="/artikel.css">
</head>
<body>
<nav class="lang" aria-label="${p.languageNav}"><a href="${alternate}" hreflang="${p.other.lang}" lang="${p.other.lang}">${p.other.name}</a></nav>
<main>
${body}
</main>
<footer><a href="/datenschutz?lang=${lang}">${p.privacy}</a></footer>
</body>
</html>
`.value;
}

function contactItem(c: AskAnswer["contacts"][number], t: Translate): SafeHtml {
  const details: SafeHtml[] = [];
  if (c.address) details.push(html`${c.address}`);
  if (c.phone) details.push(html`${t("answer.phone", { phone: c.phone })}`);
  if (c.email) details.push(html`<a href="mailto:${c.email}">${t("answer.email", { email: c.email })}</a>`);
  details.push(html`<a href="${c.website}">${t("answer.website")}</a>`);
  return html`<li><strong>${c.name}</strong> – ${c.responsible_for}<br>${details.flatMap((d, i) => (i ? [html` · `, d] : [d]))}</li>`;
}

export function renderArticlePage(answer: AskAnswer, lang: Lang): string {
  const t = translator(lang);
  const p = PHRASES[lang];
  const overdue = reviewNote(answer, t, lang);
  const body = html`<article>
<h1>${answer.title}</h1>
<p class="stand">${t("answer.reviewed", { date: formatDate(answer.reviewed, lang) })} · ${t("answer.disclaimer")}</p>
${overdue ? html`<p class="overdue" role="note">${overdue}</p>` : ""}
<p class="summary">${new SafeHtml(markdown.renderInline(answer.summary))}</p>
${new SafeHtml(markdown.render(answer.text))}
${answer.legal.length ? html`<section><h2>${t("answer.legal")}</h2><ul>${answer.legal.map((l) => html`<li>${l}</li>`)}</ul></section>` : ""}
${answer.sources.length ? html`<section><h2>${t("answer.sources")}</h2><ul>${answer.sources.map((s) => html`<li><a href="${s.url}">${s.title}</a></li>`)}</ul></section>` : ""}
${answer.contacts.length ? html`<section><h2>${t("answer.contacts")}</h2><ul class="contacts">${answer.contacts.map((c) => contactItem(c, t))}</ul></section>` : ""}
</article>
<aside class="navigator">
<h2>${p.askTitle}</h2>
<p>${p.ask}</p>
<p><a href="/widget/chat?lang=${lang}">${p.askLink}</a></p>
</aside>`;
  return layout(lang, answer.title, `/artikel/${encodeURIComponent(answer.id)}?lang=${p.other.lang}`, body);
}

export function renderNotFoundPage(lang: Lang): string {
  const p = PHRASES[lang];
  return layout(
    lang,
    p.notFoundTitle,
    `/widget/chat?lang=${p.other.lang}`,
    html`<h1>${p.notFoundTitle}</h1>
<p>${p.notFound}</p>
<p><a href="/widget/chat?lang=${lang}">${p.home}</a></p>`,
  );
}

const articlePagePlugin: FastifyPluginAsync<ArticlePagePluginOptions> = async (app, { config }) => {
  const css = smallFile(Buffer.from(ARTICLE_CSS), TYPES.css);
  const notFound = { de: renderNotFoundPage("de"), en: renderNotFoundPage("en") };
  // Pages per knowledge base version and day: content reloads replace the engine, and review
  // states (a withheld article) change at midnight.
  const pages = new WeakMap<KnowledgeEngine, { day: string; files: LruCache<string, StaticFile> }>();
  if (config.bot.clientId && !config.publicUrl) {
    app.log.warn({ code: "article_page.no_public_url" }, "PUBLIC_URL is not set: links on Teams message-extension cards point to this machine's address");
  }

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/artikel/:id", { schema: { params: ArticleParams, querystring: ArticleQuery } }, async (req, reply) => {
    const { lang } = req.query;
    reply.headers(SECURITY_HEADERS).header("content-language", lang);
    const id = Id.max(MAX_ID).safeParse(req.params.id);
    const engine = app.knowledge.current;
    const answer = id.success ? engine.render(id.data, lang) : null;
    if (!answer || answer.review.state === "withheld") {
      return reply.code(404).header("cache-control", "no-cache").type(TYPES.html).send(notFound[lang]);
    }
    const day = isoDay(new Date());
    let cached = pages.get(engine);
    if (!cached || cached.day !== day) pages.set(engine, (cached = { day, files: new LruCache(MAX_CACHED_PAGES) }));
    const key = `${answer.id}:${lang}`;
    let file = cached.files.get(key);
    if (!file) cached.files.set(key, (file = smallFile(Buffer.from(renderArticlePage(answer, lang)), TYPES.html)));
    return sendStatic(req, reply, file, "public, max-age=300");
  });
  r.get("/artikel.css", async (req, reply) => sendStatic(req, reply, css, "public, max-age=300"));
};

export default fp(articlePagePlugin, { name: "article-page", dependencies: ["knowledge"] });
