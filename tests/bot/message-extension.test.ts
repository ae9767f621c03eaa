/**
 * The Teams search message extension as its user sees it: results in the compose box (title,
 * summary, Stand), the card it inserts with a link to the full answer, the most asked articles
 * for an empty query, a clear message when nothing fits — and a 400, never a throw, for values
 * that are not a search of this extension. Real engine over the bundled content.
 */
import { describe, expect, it } from "vitest";
import {
  answerComposeQuery,
  CURATED_POPULAR,
  MAX_ATTACHMENT_BYTES,
  MAX_RESPONSE_BYTES,
  MAX_RESULTS,
  SEARCH_COMMAND_ID,
  SEARCH_PARAMETER,
  type ComposeQueryDeps,
  type SearchKnowledge,
} from "../../bot/message-extension.js";
import { defaultDecisionConfig } from "../../src/config.js";
import { KnowledgeEngine } from "../../src/knowledge/engine.js";
import { bundledEngine } from "../helpers/engine.js";
import { cardProblems } from "./card-checks.js";

type Wire = Record<string, any>;

const PUBLIC_URL = "https://lotse.example.org";
/** Teams refuses larger messages and message-extension responses. */
const TEAMS_MESSAGE_LIMIT = 28 * 1024;
const TEAMS_RESPONSE_LIMIT = 100 * 1024;

function deps(overrides: Partial<ComposeQueryDeps> = {}): ComposeQueryDeps {
  return { knowledge: bundledEngine(), popular: () => [], publicUrl: PUBLIC_URL, ...overrides };
}

/** The invoke value exactly as Teams sends it for a search command. */
function value(query: string, queryOptions: Wire = { skip: 0, count: 25 }): Wire {
  return { commandId: SEARCH_COMMAND_ID, parameters: [{ name: SEARCH_PARAMETER, value: query }], queryOptions };
}

async function search(query: string, opts: { locale?: string; queryOptions?: Wire; deps?: ComposeQueryDeps } = {}) {
  const response = await answerComposeQuery({ value: value(query, opts.queryOptions), locale: opts.locale ?? "de-DE" }, opts.deps ?? deps());
  return { ...response, body: response.body as Wire };
}

/** What the compose box lists, and what choosing each inserts. */
function results(body: Wire) {
  expect(body.composeExtension.type).toBe("result");
  expect(body.composeExtension.attachmentLayout).toBe("list");
  return (body.composeExtension.attachments as Wire[]).map((a) => {
    const texts = (a.content.body as Wire[]).flatMap((el) => (el.type === "Container" ? el.items : [el])).map((el: Wire) => el.text as string);
    const action = a.content.actions[0] as Wire;
    return { id: new URL(action.url).pathname.split("/").pop()!, attachment: a, texts, action, preview: a.preview.content as Wire };
  });
}

const ids = (body: Wire) => results(body).map((r) => r.id);
const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x));

describe("search from the compose box", () => {
  it("lists up to 10 articles, each with title, summary and Stand, and inserts a compact card linking to the full answer", async () => {
    const { status, body } = await search("Duldung");
    expect(status).toBe(200);
    const list = results(body);
    expect(list.length).toBeGreaterThan(1);
    expect(list.length).toBeLessThanOrEqual(MAX_RESULTS);
    for (const r of list) {
      const article = bundledEngine().render(r.id, "de")!;
      expect(r.attachment.contentType).toBe("application/vnd.microsoft.card.adaptive");
      expect(r.attachment.content).toMatchObject({ type: "AdaptiveCard", version: "1.5", lang: "de" });
      // The card: title, the short answer, "Stand: dd.mm.yyyy", one link.
      expect(r.texts[0]).toBe(article.title);
      expect(r.texts).toContain(article.summary);
      const [y, m, d] = article.reviewed.split("-");
      expect(r.texts).toContain(`Stand: ${d}.${m}.${y}`);
      expect(r.action).toEqual({ type: "Action.OpenUrl", title: "Ganze Antwort", url: `${PUBLIC_URL}/artikel/${r.id}?lang=de` });
      expect(r.attachment.content.actions).toHaveLength(1);
      // The line in the result list.
      expect(r.attachment.preview.contentType).toBe("application/vnd.microsoft.card.thumbnail");
      expect(r.preview.title).toBe(article.title);
      expect(r.preview.subtitle).toBe(`Stand: ${d}.${m}.${y}`);
      expect(r.preview.text.length).toBeLessThanOrEqual(140);
      expect(article.summary.startsWith(r.preview.text.replace(/…$/, ""))).toBe(true);
    }
    expect(new Set(ids(body)).size).toBe(list.length);
  });

  it.each([
    ["Darf ich einen Geflüchteten mit Duldung einstellen?", "duldung-arbeit", 3],
    ["Was ist der Eingliederungszuschuss?", "eingliederungszuschuss", 1],
    ["Anerkennung ausländischer Abschluss", "anerkennung-berufsabschluss", 1],
  ])("ranks the article that answers %j near the top", async (question, expected, within) => {
    const found = ids((await search(question)).body);
    expect(found.slice(0, within)).toContain(expected);
  });

  it("answers in English for an English Teams client, and in English articles with Arabic labels for Arabic", async () => {
    const en = results((await search("Can a refugee with a Duldung work for us?", { locale: "en-US" })).body);
    expect(en.slice(0, 3).map((r) => r.id)).toContain("duldung-arbeit");
    const duldung = en.find((r) => r.id === "duldung-arbeit")!;
    expect(duldung.texts[0]).toBe(bundledEngine().render("duldung-arbeit", "en")!.title);
    expect(duldung.action).toMatchObject({ title: "Full answer", url: `${PUBLIC_URL}/artikel/duldung-arbeit?lang=en` });
    expect(duldung.texts.some((t) => t.startsWith("As of: "))).toBe(true);

    const [ar] = results((await search("Duldung", { locale: "ar" })).body);
    expect(ar!.attachment.content).toMatchObject({ lang: "ar", rtl: true });
    // The English article stays left-to-right inside the right-to-left card.
    expect(ar!.attachment.content.body[0]).toMatchObject({ type: "Container", rtl: false });
    expect(ar!.action.url).toMatch(/\?lang=en$/);
    expect(ar!.action.title).toBe("الإجابة الكاملة");
  });

  it("an empty query lists the most asked articles first, then the curated broad ones; unknown ids are skipped", async () => {
    const { body } = await search("", { deps: deps({ popular: () => ["job-turbo", "gibt-es-nicht", "integrationskurs"] }) });
    const found = ids(body);
    expect(found.slice(0, 2)).toEqual(["job-turbo", "integrationskurs"]);
    expect(found.slice(2)).toEqual(CURATED_POPULAR.filter((id) => id !== "job-turbo").slice(0, MAX_RESULTS - 2));
  });

  it("reads the most-voted list (from the database) only for an empty query", async () => {
    let asked = 0;
    const d = deps({
      popular: async () => {
        asked++;
        await new Promise((resolve) => setTimeout(resolve, 1));
        return ["job-turbo"];
      },
    });
    expect(ids((await search("Duldung", { deps: d })).body)).not.toEqual([]);
    expect(asked).toBe(0);
    expect(ids((await search("", { deps: d })).body)[0]).toBe("job-turbo");
    expect(asked).toBe(1);
  });

  it("without any votes the empty query lists the curated order; Teams' initialRun is an empty query", async () => {
    expect(ids((await search("   ")).body)).toEqual(CURATED_POPULAR.slice(0, MAX_RESULTS));
    const initial = await answerComposeQuery({ value: { commandId: SEARCH_COMMAND_ID, parameters: [{ name: "initialRun", value: "true" }], queryOptions: { skip: 0, count: 25 } } }, deps());
    expect(initial.status).toBe(200);
    expect(ids(initial.body)).toEqual(CURATED_POPULAR.slice(0, MAX_RESULTS));
  });

  it("says clearly when nothing is found, in the client's language", async () => {
    const de = await search("xyzzy quux");
    expect(de.status).toBe(200);
    expect(de.body).toEqual({ composeExtension: { type: "message", text: expect.stringMatching(/^Keine Artikel gefunden zu „xyzzy quux“/) } });
    expect((await search("wie spät ist es")).body.composeExtension.type).toBe("message");
    expect((await search("xyzzy", { locale: "en-GB" })).body.composeExtension.text).toMatch(/^No articles found for “xyzzy”/);
    // A pasted paragraph is not repeated whole.
    const long = (await search(`xyzzy ${"quux ".repeat(100)}`)).body.composeExtension.text as string;
    expect(long.length).toBeLessThan(300);
  });

  it("pages with skip and count, never more than 10 at once", async () => {
    const all = ids((await search("", { queryOptions: { skip: 0, count: 100 } })).body);
    expect(all).toHaveLength(MAX_RESULTS);
    const first = ids((await search("", { queryOptions: { skip: 0, count: 5 } })).body);
    const second = ids((await search("", { queryOptions: { skip: 5, count: 5 } })).body);
    const third = ids((await search("", { queryOptions: { skip: 10, count: 10 } })).body);
    expect(first).toEqual(all.slice(0, 5));
    expect(second).toEqual(all.slice(5, 10));
    expect(third).toHaveLength(10);
    expect(new Set([...first, ...second, ...third]).size).toBe(20);
    // Scrolling on reaches every article once.
    const seen: string[] = [];
    for (let skip = 0; skip < 1000; skip += 10) {
      const page = ids((await search("", { queryOptions: { skip, count: 10 } })).body);
      if (page.length === 0) break;
      seen.push(...page);
    }
    expect(seen.sort()).toEqual(bundledEngine().articles.map((a) => a.id).sort());

    // A search offers at most 10 in all; a page past its end is an empty list, not "nothing found".
    const hits = ids((await search("Duldung")).body);
    expect(ids((await search("Duldung", { queryOptions: { skip: 8, count: 25 } })).body)).toEqual(hits.slice(8));
    expect((await search("Duldung", { queryOptions: { skip: 10, count: 25 } })).body).toEqual({ composeExtension: { type: "result", attachmentLayout: "list", attachments: [] } });
    // Teams may leave queryOptions out.
    const bare = await answerComposeQuery({ value: { commandId: SEARCH_COMMAND_ID, parameters: [{ name: SEARCH_PARAMETER, value: "Duldung" }] } }, deps());
    expect(ids(bare.body)).toEqual(hits);
  });
});

describe("review lifecycle", () => {
  /** The bundled articles as of 2026-07-01, with EGZ overdue and the Integrationskurs withheld. */
  function reviewEngine(): KnowledgeEngine {
    const real = bundledEngine();
    const changes: Record<string, { reviewed: string; review_every_months: number }> = {
      eingliederungszuschuss: { reviewed: "2025-06-01", review_every_months: 12 },
      integrationskurs: { reviewed: "2025-01-01", review_every_months: 12 },
    };
    const kb = { ...real.kb, articles: real.kb.articles.map((a) => (changes[a.id] ? { ...a, ...changes[a.id] } : a)) };
    return new KnowledgeEngine(kb, real.indexes, defaultDecisionConfig(), { now: () => new Date("2026-07-01T09:00:00Z") });
  }

  it("never offers a withheld article, in a search or among the most asked", async () => {
    const d = deps({ knowledge: reviewEngine(), popular: () => ["integrationskurs", "job-turbo"] });
    expect(ids((await search("Integrationskurs", { deps: d })).body)).not.toContain("integrationskurs");
    expect(ids((await search("Integrationskurs")).body)).toContain("integrationskurs");
    expect(ids((await search("", { deps: d })).body)[0]).toBe("job-turbo");
  });

  it("an overdue article's card says to check it", async () => {
    const d = deps({ knowledge: reviewEngine() });
    const egz = results((await search("Eingliederungszuschuss", { deps: d })).body).find((r) => r.id === "eingliederungszuschuss")!;
    expect(egz.texts.some((t) => t.startsWith("Stand 01.06.2025 – bitte bei"))).toBe(true);
  });
});

describe("Teams' size limits", () => {
  it.each(["de-DE", "en-US", "uk-UA", "ar"])("every article's card is well under 28 KB and every page under 100 KB (%s)", async (locale) => {
    let pages = 0;
    for (let skip = 0; skip < 1000; skip += MAX_RESULTS) {
      const { body } = await search("", { locale, queryOptions: { skip, count: MAX_RESULTS } });
      const attachments = body.composeExtension.attachments as Wire[];
      if (attachments.length === 0) break;
      pages++;
      for (const a of attachments) {
        expect(bytes(a)).toBeLessThanOrEqual(MAX_ATTACHMENT_BYTES);
        // Valid Adaptive Card 1.5, as Teams renders it (OpenUrl to an https page).
        expect(cardProblems(a.content), a.content.body[0].text).toEqual([]);
      }
      expect(bytes(body)).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
    }
    expect(pages).toBeGreaterThan(1);
    expect(MAX_ATTACHMENT_BYTES).toBeLessThan(TEAMS_MESSAGE_LIMIT);
    expect(MAX_RESPONSE_BYTES).toBeLessThan(TEAMS_RESPONSE_LIMIT);
  });

  it("leaves out a card that would be too large instead of breaking the whole response", async () => {
    const real = bundledEngine();
    const huge = "Sehr lange Zusammenfassung. ".repeat(2000);
    const knowledge: SearchKnowledge = {
      explain: (q, o) => real.explain(q, o),
      article: (id) => real.article(id),
      articles: real.articles,
      render: (id, lang) => {
        const a = real.render(id, lang);
        return a && (id === "duldung-arbeit" ? { ...a, summary: huge } : a);
      },
    };
    const { status, body } = await search("Duldung", { deps: deps({ knowledge }) });
    expect(status).toBe(200);
    expect(ids(body)).not.toContain("duldung-arbeit");
    // The rest of the list still comes, in the same order as without the oversized card.
    const normal = await search("Duldung");
    expect(ids(body)).toEqual(ids(normal.body).filter((id) => id !== "duldung-arbeit").slice(0, ids(body).length));
    expect(ids(body)[0]).toBe("beschaeftigungsduldung-60d");
    expect(bytes(body)).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
  });
});

describe("values that are not a search of this extension", () => {
  it.each([
    ["null", null],
    ["undefined", undefined],
    ["a string", "Duldung"],
    ["a number", 42],
    ["an array", [value("Duldung")]],
    ["an empty object", {}],
    ["missing parameters", { commandId: SEARCH_COMMAND_ID, queryOptions: { skip: 0, count: 25 } }],
    ["parameters not a list", { commandId: SEARCH_COMMAND_ID, parameters: "Duldung" }],
    ["a parameter without a name", { commandId: SEARCH_COMMAND_ID, parameters: [{ value: "Duldung" }] }],
    ["a non-text parameter value", { commandId: SEARCH_COMMAND_ID, parameters: [{ name: SEARCH_PARAMETER, value: { $where: "1" } }] }],
    ["a 10 KB query", value("Duldung ".repeat(1300))],
    ["too many parameters", { commandId: SEARCH_COMMAND_ID, parameters: Array.from({ length: 500 }, () => ({ name: SEARCH_PARAMETER, value: "x" })) }],
    ["a negative skip", value("Duldung", { skip: -1, count: 25 })],
    ["a zero count", value("Duldung", { skip: 0, count: 0 })],
    ["a count given as text", value("Duldung", { skip: 0, count: "25" })],
    ["a missing commandId", { parameters: [{ name: SEARCH_PARAMETER, value: "Duldung" }] }],
  ])("%s → 400 with a body that says what is wrong", async (_name, junk) => {
    const response = await answerComposeQuery({ value: junk, locale: "de-DE" }, deps());
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: "invalid_compose_query", message: expect.stringMatching(/^not a message-extension query: /) });
    expect(bytes(response.body)).toBeLessThan(2000);
  });

  it("an unknown command → 400 naming the command", async () => {
    const response = await answerComposeQuery({ value: { ...value("Duldung"), commandId: "deleteEverything" } }, deps());
    expect(response).toEqual({ status: 400, body: { error: "unknown_command", message: expect.stringContaining('"deleteEverything"') } });
  });

  it("an unknown or junk locale falls back to German", async () => {
    for (const locale of ["xx-YY", "", "de-DE\u0000<script>", "a".repeat(500)]) {
      const { status, body } = await answerComposeQuery({ value: value("Duldung"), locale }, deps());
      expect(status).toBe(200);
      expect(results(body as Wire)[0]!.action.title).toBe("Ganze Antwort");
    }
  });
});
