/** GET /: a short page saying what runs here and which endpoints exist. */
import fp from "fastify-plugin";
import type { FastifyPluginAsync } from "fastify";

const PAGE = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Lotse</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}code{background:#f1f1f1;padding:0 .25em}</style>
</head><body>
<h1>Lotse</h1>
<p>Lotse beantwortet Fragen von Arbeitgebern, Kammern, Vereinen und Ehrenamtlichen rund um Beschäftigung,
Ausbildung und Unterstützung Geflüchteter — für das Lotsen-Team im Haus der Integration (Jobcenter Wuppertal).</p>
<h2>Endpoints</h2>
<ul>
<li><code>POST /api/ask</code> — <code>{"question": "…", "language"?: "de"|"en", "audience"?: "employer"|"chamber"|"association"|"volunteer"}</code></li>
<li><code>POST /api/messages</code> — the Bot Framework endpoint (Teams, Web Chat via Direct Line, Bot Framework Emulator)</li>
<li><a href="/demo"><code>GET /demo</code></a> — Demo-Chat mit Lotse im Browser (lokaler Modus)</li>
<li><a href="/console"><code>GET /console</code></a> — Konsole für Lotsinnen und Lotsen (auch als Teams-Tab); Token mit <code>npm run navigator -- token create NAME</code></li>
<li><code>/api/console/…</code> — API der Konsole (<code>Authorization: Bearer TOKEN</code>)</li>
<li><code>GET /healthz</code>, <code>GET /readyz</code></li>
</ul>
<h2>Mit dem Bot Framework Emulator verbinden</h2>
<ol>
<li>Den <a href="https://github.com/microsoft/BotFramework-Emulator/releases">Bot Framework Emulator</a> installieren und starten.</li>
<li><em>Open Bot</em> wählen, als Bot URL <code>http://127.0.0.1:3978/api/messages</code> eintragen.</li>
<li>Microsoft App ID und Passwort leer lassen: ohne <code>MicrosoftAppId</code> läuft Lotse lokal ohne Anmeldung (nur für die Entwicklung).</li>
</ol>
<p>Example: <code>curl -s localhost:3978/api/ask -H 'content-type: application/json' -d '{"question":"Darf ich jemanden mit Duldung einstellen?"}'</code></p>
</body></html>`;

const homePlugin: FastifyPluginAsync = async (app) => {
  app.get("/", async (_req, reply) => reply.type("text/html; charset=utf-8").send(PAGE));
};

export default fp(homePlugin, { name: "home" });
