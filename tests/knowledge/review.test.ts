import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultDecisionConfig } from "../../src/config.js";
import { KnowledgeEngine } from "../../src/knowledge/engine.js";
import { loadKnowledgeBase } from "../../src/knowledge/loader.js";
import { formatProblem } from "../../src/knowledge/problems.js";
import { addMonths, germanHash, reviewStatus, staleTranslations, unstampedTranslations } from "../../src/knowledge/review.js";
import type { Article } from "../../src/knowledge/schema.js";
import { article, makeContent } from "../helpers/content.js";
import { bundledEngine } from "../helpers/engine.js";

const config = { reviewGraceDays: 90, reviewSoonDays: 30 };
const at = (day: string, time = "12:00:00") => new Date(`${day}T${time}Z`);
const status = (reviewed: string, months: number, day: string, cfg = config) => reviewStatus({ reviewed, review_every_months: months }, at(day), cfg);

describe("reviewStatus", () => {
  // Reviewed 2026-01-15 every 12 months: due 2027-01-15, withheld from 2027-04-16 (due + 90 days + 1).
  it("is current until the soon window, soon up to and on the due day", () => {
    expect(status("2026-01-15", 12, "2026-12-15")).toEqual({ due: "2027-01-15", state: "current", overdueDays: 0, withheldFrom: "2027-04-16" });
    expect(status("2026-01-15", 12, "2026-12-16").state).toBe("soon"); // 30 days before
    expect(status("2026-01-15", 12, "2027-01-15")).toMatchObject({ state: "soon", overdueDays: 0 }); // the due day itself
  });

  it("is overdue from the day after the due date through the grace period, then withheld", () => {
    expect(status("2026-01-15", 12, "2027-01-16")).toMatchObject({ state: "overdue", overdueDays: 1 });
    expect(status("2026-01-15", 12, "2027-04-15")).toMatchObject({ state: "overdue", overdueDays: 90 });
    expect(status("2026-01-15", 12, "2027-04-16")).toMatchObject({ state: "withheld", overdueDays: 91 });
  });

  it("counts whole calendar days (UTC): the time of day does not matter", () => {
    expect(reviewStatus({ reviewed: "2026-01-15", review_every_months: 12 }, at("2027-01-15", "23:59:59"), config).state).toBe("soon");
    expect(reviewStatus({ reviewed: "2026-01-15", review_every_months: 12 }, at("2027-01-16", "00:00:00"), config).state).toBe("overdue");
  });

  it("follows the configured grace and soon periods (0 = withheld the day after it is due)", () => {
    expect(status("2026-01-15", 12, "2027-01-16", { reviewGraceDays: 0, reviewSoonDays: 0 }).state).toBe("withheld");
    expect(status("2026-01-15", 12, "2027-01-14", { reviewGraceDays: 0, reviewSoonDays: 0 }).state).toBe("current");
    expect(status("2026-01-15", 12, "2027-01-16", { reviewGraceDays: 365, reviewSoonDays: 0 }).withheldFrom).toBe("2028-01-16");
  });

  it("adds months to the end of a shorter month, across years and leap days", () => {
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addMonths("2027-08-31", 6)).toBe("2028-02-29");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2026-12-15", 36)).toBe("2029-12-15");
  });

  it("uses 12 months when an article does not say (the schema default)", () => {
    const dir = makeContent({ "articles/foerderung/egz.yaml": article({ reviewed: "2026-01-15" }) });
    const { kb } = loadKnowledgeBase(dir, { now: at("2026-02-01") });
    expect(kb.articles[0]!.review_every_months).toBe(12);
    expect(reviewStatus(kb.articles[0]!, at("2026-08-01"), config).due).toBe("2027-01-15");
  });
});

describe("stale translations", () => {
  const base = () => structuredClone(bundledEngine().article("eingliederungszuschuss")!) as Article;

  it("hashes the German title, summary and answer: 12 hex characters, blind to re-wrapping", () => {
    const a = base();
    expect(germanHash(a)).toMatch(/^[0-9a-f]{12}$/);
    const rewrapped = base();
    rewrapped.de.answer = `  ${a.de.answer.replace(/ /g, "\n")}\n\n`;
    expect(germanHash(rewrapped)).toBe(germanHash(a));
    const keywords = base();
    keywords.de.keywords = ["anders"];
    keywords.de.questions = ["Neue Frage?", "Noch eine?", "Und eine dritte?"];
    expect(germanHash(keywords)).toBe(germanHash(a));
  });

  it("flags exactly the blocks made from an older German text", () => {
    const a = base();
    const hash = germanHash(a);
    a.en.source_hash = hash;
    a.uk.source_hash = hash;
    a.ar.source_hash = hash;
    expect(staleTranslations(a)).toEqual([]);
    a.de.summary = `${a.de.summary} Neu: ab 2027 gilt eine andere Höchstdauer.`;
    expect(staleTranslations(a)).toEqual(["en", "uk", "ar"]);
    a.en.source_hash = germanHash(a);
    expect(staleTranslations(a)).toEqual(["uk", "ar"]);
  });

  it("tells apart blocks without source_hash (unstamped) from stale ones", () => {
    const a = base();
    delete a.en.source_hash;
    a.uk.source_hash = "000000000000";
    a.ar.source_hash = germanHash(a);
    expect(unstampedTranslations(a)).toEqual(["en"]);
    expect(staleTranslations(a)).toEqual(["uk"]);
  });

  it("content:check warns with the file, line and column of the stale source_hash, and about missing ones", () => {
    const stale = article({ de: { title: "Titel", summary: "Kurz.", questions: ["F1?", "F2?", "F3?"], answer: "Kurz.\n\nDetails.", keywords: [] } });
    (stale.uk as Record<string, unknown>).source_hash = "0123456789ab";
    delete (stale.ar as Record<string, unknown>).source_hash;
    const dir = makeContent({ "articles/foerderung/a.yaml": stale });
    const { kb, problems } = loadKnowledgeBase(dir, { now: at("2026-11-26") });
    expect(kb.articles).toHaveLength(1); // warnings only: the article still loads
    expect(problems.map((p) => [p.severity, p.code, p.path])).toEqual([
      ["warning", "translation-stale", "uk.source_hash"],
      ["warning", "translation-unstamped", "ar.source_hash"],
    ]);
    const lines = problems.map(formatProblem);
    expect(lines[0]).toMatch(/^content\/articles\/foerderung\/a\.yaml:\d+:\d+ uk\.source_hash: warning: the German text changed since this translation was made/);
    expect(lines[1]).toMatch(/a\.yaml:\d+:\d+ ar\.source_hash: warning: missing source_hash/);
    // The position is the source_hash line inside the uk block.
    const fileLines = readFileSync(path.join(dir, "articles/foerderung/a.yaml"), "utf8").split("\n");
    expect(fileLines[problems[0]!.line - 1]).toMatch(/^\s+source_hash: "?0123456789ab"?$/);
  });

  it("rejects a source_hash that is not 12 hex characters", () => {
    const bad = article();
    (bad.en as Record<string, unknown>).source_hash = "xyz";
    const dir = makeContent({ "articles/foerderung/a.yaml": bad });
    const msgs = loadKnowledgeBase(dir, { now: at("2026-11-26") }).problems.map(formatProblem);
    expect(msgs).toContainEqual(expect.stringMatching(/a\.yaml:\d+:\d+ en\.source_hash: must be 12 lower-case hex characters/));
  });
});

/** The bundled articles with two review dates changed, answered as of a given day. */
function engineOn(day: () => string, changes: Record<string, Pick<Article, "reviewed" | "review_every_months">>): KnowledgeEngine {
  const real = bundledEngine();
  const kb = { ...real.kb, articles: real.kb.articles.map((a) => (changes[a.id] ? { ...a, ...changes[a.id] } : a)) };
  return new KnowledgeEngine(kb, real.indexes, defaultDecisionConfig(), { now: () => at(day()) });
}

describe("the engine over the review lifecycle", () => {
  const EGZ = "eingliederungszuschuss";
  const KURS = "integrationskurs";
  const real = bundledEngine();
  const egzQuestion = real.article(EGZ)!.de.questions[0]!;
  const kursQuestion = real.article(KURS)!.de.questions[0]!;
  // EGZ due 2026-06-01, Integrationskurs due 2026-01-01; grace 90 days.
  const changes = { [EGZ]: { reviewed: "2025-06-01", review_every_months: 12 }, [KURS]: { reviewed: "2025-01-01", review_every_months: 12 } };

  it("answers the example questions with these articles while they are current", () => {
    expect(real.ask(egzQuestion).answer?.id).toBe(EGZ);
    expect(real.ask(kursQuestion).answer?.id).toBe(KURS);
    const engine = engineOn(() => "2025-07-01", changes);
    expect(engine.ask(egzQuestion).answer?.review).toEqual({ due: "2026-06-01", state: "current" });
  });

  it("answers an overdue article with its review state, and withholds one past the grace period", () => {
    const engine = engineOn(() => "2026-07-01", changes);
    const overdue = engine.ask(egzQuestion);
    expect(overdue.outcome).toBe("answer");
    expect(overdue.answer).toMatchObject({ id: EGZ, reviewed: "2025-06-01", review: { due: "2026-06-01", state: "overdue" } });

    const withheld = engine.ask(kursQuestion);
    expect(withheld).toMatchObject({ outcome: "handoff", reason: "review_overdue", answer: null });
    expect(withheld.alternatives.map((a) => a.id)).not.toContain(KURS);
    expect(engine.render(KURS, "de")?.review.state).toBe("withheld");
  });

  it("never offers a withheld article to pick from", () => {
    const engine = engineOn(() => "2026-07-01", changes);
    for (const q of ["Sprachkurs", "Deutschkurs für Geflüchtete", "Integrationskurs oder Berufssprachkurs?", "language course"]) {
      const r = engine.ask(q);
      expect(r.answer?.id ?? null, q).not.toBe(KURS);
      expect(r.alternatives.map((a) => a.id), q).not.toContain(KURS);
    }
  });

  it("does not keep yesterday's answers: the state changes with the day", () => {
    let today = "2026-05-31";
    const engine = engineOn(() => today, changes);
    expect(engine.ask(egzQuestion).answer?.review.state).toBe("soon");
    today = "2026-06-02";
    expect(engine.ask(egzQuestion).answer?.review.state).toBe("overdue");
    today = "2026-08-31"; // due 2026-06-01 + 90 days of grace
    expect(engine.ask(egzQuestion)).toMatchObject({ outcome: "handoff", reason: "review_overdue" });
  });
});
