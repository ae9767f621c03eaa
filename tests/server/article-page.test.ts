/**
 * GET /artikel/:id — the full answer behind the "Ganze Antwort" link on a message-extension
 * card, over real HTTP: what a reader sees, that article text can never become markup, and a
 * 404 page (never a file, never an error) for unknown, withheld and hostile ids.
 */
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, defaultDecisionConfig, loadConfig, publicBaseUrl } from "../../src/config.js";
import { KnowledgeEngine } from "../../src/knowledge/engine.js";
import { buildApp } from "../../src/server/app.js";
import { sharedEngine, startLotseWithLog, tempDataDir } from "../helpers/bot-harness.js";

const HOSTILE = "duldung-arbeit";
const OVERDUE = "eingliederungszuschuss";
const WITHHELD = "integrationskurs";

/**
 * The bundled articles as of 2026-07-01: EGZ overdue, the Integrationskurs withheld, and one
 * article whose German text tries every way into the page's markup.
 */
function engine(): KnowledgeEngine {
  const real = sharedEngine();
  const kb = {
    ...real.kb,
    articles: real.kb.articles.map((a) => {
      if (a.id === OVERDUE) return { ...a, reviewed: "2025-06-01", review_every_months: 12 };
      if (a.id === WITHHELD) return { ...a, reviewed: "2025-01-01", review_every_months: 12 };
      if (a.id !== HOSTILE) return a;
      return {
        ...a,
        legal: ['§ 4a AufenthG <script>alert("legal")</script>'],
        sources: [{ title: 'Quelle "><img src=x onerror=alert(1)>', url: 'https://example.org/?q="><script>alert(2)</script>' }],
        de: {
          ...a.de,
          title: 'Titel <script>alert("title")</script> & Co',
          summary: "Kurz <b onmouseover=alert(3)>fett</b> und **wirklich fett**.",
          answer: [
            "Erster Absatz mit <iframe src=https://evil.example></iframe> darin.",
            "",
            "[Klick mich](javascript:alert(4)) und [daten](data:text/html;base64,PHNjcmlwdD4=) und [gut](https://www.bamf.de/)",
            "",
            "<script>alert(5)</script>",
            "",
            "### Wann Sie eine Lotsin oder einen Lotsen fragen sollten",
            "",
            "- wenn etwas unklar ist",
          ].join("\n"),
        },
      };
    }),
  };
  return new KnowledgeEngine(kb, real.indexes, defaultDecisionConfig(), { now: () => new Date("2026-07-01T09:00:00Z") });
}

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  const config = loadConfig({ DATA_DIR: tempDataDir(), LOG_LEVEL: "silent", CONTENT_DIR: path.resolve("content") });
  app = await buildApp({ config, engine: engine(), logger: false });
  await app.listen({ host: "127.0.0.1", port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(() => app.close());

async function get(pathAndQuery: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${pathAndQuery}`, { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** A request with the path exactly as given: fetch would resolve "%2e%2e" before sending it. */
function raw(pathAndQuery: string): Promise<{ status: number; type: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/`, { path: pathAndQuery }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), text }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** The page as a reader sees it: tags removed, entities decoded, whitespace collapsed. */
function visible(html: string): string {
  return decode(html.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");
}

const decode = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
const links = (html: string) => [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => decode(m[1]!));

describe("GET /artikel/:id", () => {
  it("shows the whole article: title, summary, full answer, legal basis, sources, contacts, Stand and the way to a navigator", async () => {
    const article = sharedEngine().render("berufssprachkurse", "de")!;
    const res = await get("/artikel/berufssprachkurse");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-language")).toBe("de");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const text = visible(res.text);
    expect(res.text).toContain('<html lang="de">');
    expect(text).toContain(article.title);
    expect(text).toContain("Rechtsgrundlage");
    for (const l of article.legal) expect(text).toContain(l);
    for (const s of article.sources) expect(links(res.text)).toContain(s.url);
    expect(text).toContain("Ansprechstellen");
    for (const c of article.contacts) {
      expect(text).toContain(c.name);
      expect(links(res.text)).toContain(c.website);
    }
    const [y, m, d] = article.reviewed.split("-");
    expect(text).toContain(`Stand: ${d}.${m}.${y}`);
    // The full answer's last paragraph is there, not only the summary.
    const lastWords = article.text.trim().split("\n").at(-1)!.replace(/[*_#\[\]()-]/g, " ").replace(/\s+/g, " ").trim().split(" ").slice(0, 4).join(" ");
    expect(text.replace(/[*_#\[\]()-]/g, " ").replace(/\s+/g, " ")).toContain(lastWords);
    expect(text).toContain("Wann Sie eine Lotsin oder einen Lotsen fragen sollten");
    expect(links(res.text)).toContain("/widget/chat?lang=de");
    expect(links(res.text)).toContain("/artikel/berufssprachkurse?lang=en");
    expect(res.text).not.toMatch(/<script/i);
  });

  it("in English with ?lang=en; an unknown language is German", async () => {
    const en = await get("/artikel/berufssprachkurse?lang=en");
    expect(en.status).toBe(200);
    expect(en.headers.get("content-language")).toBe("en");
    expect(visible(en.text)).toContain(sharedEngine().render("berufssprachkurse", "en")!.title);
    expect(visible(en.text)).toContain("Legal basis");
    const xx = await get("/artikel/berufssprachkurse?lang=xx");
    expect(xx.status).toBe(200);
    expect(xx.headers.get("content-language")).toBe("de");
  });

  it("the stylesheet loads under the page's CSP; the page is cached with an ETag", async () => {
    const css = await get("/artikel.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    const first = await get("/artikel/berufssprachkurse");
    const etag = first.headers.get("etag")!;
    expect(etag).toBeTruthy();
    expect((await get("/artikel/berufssprachkurse", { "if-none-match": etag })).status).toBe(304);
  });

  it("article text never becomes markup: no script, no raw HTML, no javascript: or data: links", async () => {
    const res = await get(`/artikel/${HOSTILE}`);
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/<(script|iframe|img|b)[\s>]/i);
    // No event handler attribute in any tag (the escaped text may still read "onerror=").
    expect(res.text).not.toMatch(/<[^>]*\son\w+\s*=/i);
    expect(links(res.text).filter((l) => /^\s*(javascript|data|vbscript):/i.test(l))).toEqual([]);
    const text = visible(res.text);
    // Shown as the text it is.
    expect(text).toContain('Titel <script>alert("title")</script> & Co');
    expect(text).toContain("Erster Absatz mit <iframe src=");
    expect(text).toContain('§ 4a AufenthG <script>alert("legal")</script>');
    expect(res.text).toContain("<strong>wirklich fett</strong>");
    expect(links(res.text)).toContain("https://www.bamf.de/");
    expect(links(res.text)).toContain('https://example.org/?q="><script>alert(2)</script>');
  });

  it("an overdue article says to check it", async () => {
    const text = visible((await get(`/artikel/${OVERDUE}`)).text);
    expect(text).toContain("Stand 01.06.2025 – bitte bei");
  });

  it.each([
    ["an unknown id", "/artikel/gibt-es-nicht"],
    ["a withheld article", `/artikel/${WITHHELD}`],
    ["upper case", "/artikel/DULDUNG-ARBEIT"],
    ["an encoded path", "/artikel/..%2F..%2Fpackage.json"],
    ["an encoded dot-dot", "/artikel/%2e%2e"],
    ["markup in the id", "/artikel/%3Cscript%3Ealert(1)%3C%2Fscript%3E"],
    ["a NUL byte", "/artikel/duldung-arbeit%00"],
    ["a long id", `/artikel/${"a".repeat(99)}`],
  ])("%s → 404 page", async (_name, url) => {
    const res = await raw(url);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('"name"');
    expect(res.text).not.toMatch(/<script/i);
    if (res.type.startsWith("text/html")) {
      expect(visible(res.text)).toContain("Artikel nicht gefunden");
      expect(links(res.text)).toContain("/widget/chat?lang=de");
    }
  });

  it("an id longer than any article's is refused before routing (404 or 414), never served", async () => {
    for (const url of [`/artikel/${"a-".repeat(60)}a`, `/artikel/${"a-".repeat(5000)}a`]) {
      const res = await raw(url);
      expect([404, 414]).toContain(res.status);
      expect(res.text).not.toMatch(/<script/i);
    }
  });

  it("the 404 page speaks English with ?lang=en", async () => {
    const res = await get("/artikel/gibt-es-nicht?lang=en");
    expect(res.status).toBe(404);
    expect(visible(res.text)).toContain("Article not found");
  });
});

describe("PUBLIC_URL, the base of the cards' links", () => {
  const base = (env: Record<string, string>) => publicBaseUrl(loadConfig({ DATA_DIR: "/tmp/unused", ...env }));

  it("is used as given, without a trailing slash; a path behind a reverse proxy is kept", () => {
    expect(base({ PUBLIC_URL: "https://lotse.example.org/" })).toBe("https://lotse.example.org");
    expect(base({ PUBLIC_URL: "https://www.example.org/lotse//" })).toBe("https://www.example.org/lotse");
  });

  it("unset: this machine's address (developer mode)", () => {
    expect(base({})).toBe("http://127.0.0.1:3978");
    expect(base({ HOST: "0.0.0.0", PORT: "8080" })).toBe("http://127.0.0.1:8080");
    expect(base({ HOST: "::1" })).toBe("http://[::1]:3978");
  });

  it.each([
    ["javascript:alert(1)"],
    ["ftp://lotse.example.org"],
    ["lotse.example.org"],
    ["https://lotse.example.org/?next=evil"],
    ["https://lotse.example.org/#x"],
    ["https://user:secret@lotse.example.org"],
    [`https://${"a".repeat(60)}.example.org/${"b".repeat(10_000)}`],
  ])("refuses %s, naming PUBLIC_URL", (value) => {
    expect(() => loadConfig({ PUBLIC_URL: value })).toThrow(ConfigError);
    try {
      loadConfig({ PUBLIC_URL: value });
    } catch (err) {
      expect((err as ConfigError).issues.join("\n")).toMatch(/^PUBLIC_URL: /m);
    }
  });

  it("a Teams deployment without PUBLIC_URL says so at start", async () => {
    const lotse = await startLotseWithLog(tempDataDir(), { MicrosoftAppId: "00000000-0000-0000-0000-000000000001", MicrosoftAppPassword: "not-a-real-secret" });
    try {
      expect(lotse.log()).toContain("article_page.no_public_url");
    } finally {
      await lotse.close();
    }
  });
});
