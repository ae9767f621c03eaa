/**
 * GET /: in local mode (no clientId / MicrosoftAppId) a sample partner website with the web widget
 * embedded exactly as a partner embeds it, plus the developer endpoints; otherwise a short page
 * saying what runs here.
 */
import { createHash } from "node:crypto";
import fp from "fastify-plugin";
import type { FastifyPluginAsync } from "fastify";
import type { Config } from "../../config.js";
import { html, SafeHtml } from "../../widget/html.js";

export interface HomePluginOptions {
  config: Config;
}

const ENDPOINTS = html`<ul>
<li><code>POST /api/ask</code> — <code>{"question": "…", "language"?: "de"|"en", "audience"?: "employer"|"chamber"|"association"|"volunteer"}</code></li>
<li><code>POST /api/messages</code> — Bot-Framework-Endpunkt / the Bot Framework endpoint (Teams, Web Chat, Bot Framework Emulator)</li>
<li><a href="/console"><code>GET /console</code></a> — Konsole für Lotsinnen und Lotsen / the navigators' console (also a Teams tab); Token / token: <code>npm run navigator -- token create NAME</code></li>
<li><code>/api/console/…</code> — API der Konsole / the console's API (<code>Authorization: Bearer TOKEN</code>)</li>
<li><code>GET /widget.js</code>, <a href="/widget/chat"><code>GET /widget/chat</code></a> — Web-Widget für Partner-Websites / the web widget for partner websites</li>
<li><a href="/datenschutz"><code>GET /datenschutz</code></a> — Datenschutzhinweise / privacy notice (<a href="/datenschutz?lang=en">English</a>)</li>
<li><a href="/healthz"><code>GET /healthz</code></a>, <a href="/readyz"><code>GET /readyz</code></a></li>
</ul>`;

const EMULATOR = html`<p>Bot Framework Emulator: <em>Open Bot</em> → <code>http://127.0.0.1:3978/api/messages</code>, App-ID und Passwort leer lassen / leave app id and password empty.</p>`;

const PLAIN_STYLE = "body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}code{background:#f1f1f1;padding:0 .25em;overflow-wrap:anywhere}a{color:#004a82}";

const SAMPLE_STYLE = `body{margin:0;font:17px/1.6 Georgia,"Times New Roman",serif;color:#222;background:#fbf8f3}
header{background:#2e6b3f;color:#fff;padding:1.25rem 1.5rem}header p{margin:.25rem 0 0;font:15px/1.4 system-ui,sans-serif}
h1{margin:0;font-size:1.6rem}main{max-width:44rem;margin:0 auto;padding:1rem 1.5rem 6rem}
h2{font-size:1.25rem;margin-top:2rem}a{color:#1d5a2d}
.note{font:15px/1.5 system-ui,sans-serif;background:#fff3cd;border:1px solid #8a6d00;border-radius:6px;padding:.75rem 1rem}
.dev{font:14px/1.5 system-ui,sans-serif;background:#fff;border:1px solid #999;border-radius:6px;padding:.25rem 1rem 1rem;margin-top:3rem}
.dev code{background:#f1f1f1;padding:0 .25em;overflow-wrap:anywhere}`;

/** A page whose only inline code is its style, allowed by hash: as strict as a partner's CSP can be. */
function page(lang: string, title: string, style: string, body: SafeHtml, extraCsp = ""): { html: string; csp: string } {
  const hash = createHash("sha256").update(style).digest("base64");
  return {
    html: html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<style>${new SafeHtml(style)}</style>
</head><body>
${body}
</body></html>
`.value,
    csp: `default-src 'none'; style-src 'sha256-${hash}'; img-src 'self' data:; base-uri 'none'; form-action 'none'${extraCsp}`,
  };
}

/**
 * What a partner association's page looks like with Lotse on it. It carries the strictest CSP a
 * partner could have that still allows the widget — script-src and frame-src for Lotse's
 * origin — so trying it here also checks that the widget needs nothing more.
 */
function samplePartnerPage() {
  return page(
    "de",
    "Willkommensnetz Wuppertal e.V. – Beispielseite",
    SAMPLE_STYLE,
    html`<header>
<h1>Willkommensnetz Wuppertal e.V.</h1>
<p>Beispielseite eines fiktiven Partnervereins / sample page of a fictional partner association</p>
</header>
<main>
<p class="note">Diese Seite zeigt, wie Lotse auf der Website eines Partners aussieht: unten rechts ist das Web-Widget eingebunden, genau wie ein Partner es einbindet.<br>
<span lang="en">This page shows Lotse on a partner's website: the web widget at the bottom right is embedded exactly as a partner embeds it.</span></p>
<h2>Ehrenamtlich begleiten</h2>
<p>Unsere Ehrenamtlichen begleiten geflüchtete Menschen in Wuppertal: bei Behördengängen, bei der Suche nach einem Praktikum oder einer Ausbildung und beim Deutschlernen.</p>
<p>Oft stellen sich dabei Fragen: Darf jemand mit Duldung arbeiten? Wer hilft bei der Anerkennung eines Abschlusses? Welche Förderung gibt es für einen Betrieb, der ausbildet? Solche allgemeinen Fragen beantwortet <strong>Lotse</strong>, der Chatbot des Lotsen-Teams im Haus der Integration – und verbindet bei Bedarf mit einer Lotsin oder einem Lotsen.</p>
<h2>Mitmachen</h2>
<p>Sie möchten sich engagieren? Auf einer echten Vereinsseite stünden hier Termine und Kontaktwege.</p>
<section class="dev" aria-labelledby="dev-heading">
<h2 id="dev-heading">Für Entwicklerinnen und Entwickler / for developers</h2>
<p>Lotse läuft lokal ohne <code>clientId</code> / <code>MicrosoftAppId</code> (nicht angemeldet, nur zur Entwicklung). Eingebunden ist das Widget mit / the widget is embedded with<br>
<code>&lt;script src="/widget.js" data-lang="de" data-audience="volunteer" async&gt;&lt;/script&gt;</code></p>
${ENDPOINTS}
${EMULATOR}
</section>
</main>
<script src="/widget.js" data-lang="de" data-audience="volunteer" async></script>`,
    "; script-src 'self'; frame-src 'self'",
  );
}

function endpointPage() {
  return page(
    "de",
    "Lotse",
    PLAIN_STYLE,
    html`<h1>Lotse</h1>
<p>Lotse beantwortet Fragen von Arbeitgebern, Kammern, Vereinen und Ehrenamtlichen rund um Beschäftigung, Ausbildung und Unterstützung Geflüchteter — für das Lotsen-Team im Haus der Integration (Jobcenter Wuppertal).</p>
<p lang="en">Lotse answers questions from employers, chambers, associations and volunteers about employing, training and supporting refugees — for the navigator team at Haus der Integration (Jobcenter Wuppertal).</p>
<h2>Endpoints</h2>
${ENDPOINTS}`,
  );
}

const homePlugin: FastifyPluginAsync<HomePluginOptions> = async (app, { config }) => {
  const { html: body, csp } = config.bot.clientId ? endpointPage() : samplePartnerPage();
  app.get("/", async (_req, reply) =>
    reply.headers({ "content-security-policy": csp, "x-content-type-options": "nosniff", "cache-control": "no-cache" }).type("text/html; charset=utf-8").send(body),
  );
};

export default fp(homePlugin, { name: "home" });
