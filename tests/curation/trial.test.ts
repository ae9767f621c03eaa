/**
 * Probefragen on the real knowledge base and the real dev set: what a navigator sees before
 * publishing a draft, and that trying a draft never changes what Lotse answers live.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultDecisionConfig } from "../../src/config.js";
import { engineWithDraft, MAX_TRIAL_QUESTION_LENGTH, runTrial, TrialRequest, type Trial } from "../../src/curation/trial.js";
import { loadEvalSet } from "../../src/eval/evaluate.js";
import { KnowledgeEngine } from "../../src/knowledge/engine.js";
import { openKnowledgeEngine } from "../../src/knowledge/index-store.js";
import type { Article } from "../../src/knowledge/schema.js";
import { CONTENT_DIR } from "../helpers/engine.js";

const dev = loadEvalSet(path.resolve(import.meta.dirname, "../eval/questions.yaml"));
// An engine of this file's own: the shared one (bundledEngine) also serves the other test files of
// the worker. This file compares the live engine with a freshly loaded one after trials, so it must
// see only what the trials did to it (with the shared engine, a handoff's alternatives differed
// now and then, depending on which files ran before; a fresh engine asked all dev questions, with
// and without an audience, still ranks like a new one).
const live = openKnowledgeEngine({ contentDir: CONTENT_DIR, decision: defaultDecisionConfig() }).engine;
const publishedArticles = structuredClone(live.articles);

function article(id: string): Article {
  const a = live.article(id);
  if (!a) throw new Error(`no article ${id} in the bundled content`);
  return structuredClone(a);
}

async function trial(draft: Article, typed: string[] = []): Promise<Trial> {
  return runTrial({ current: live, withDraft: await engineWithDraft(live, draft), articleId: draft.id, typed, dev });
}

/** A complete article about driving licences (not covered by the bundled content). */
function drivingLicenceArticle(): Article {
  const base = article("praktikum-erlaubnis");
  return {
    ...base,
    id: "fuehrerschein-umschreiben",
    area: "zustaendigkeiten",
    file: "articles/zustaendigkeiten/fuehrerschein-umschreiben.yaml",
    related: [],
    de: {
      title: "Ausländischen Führerschein umschreiben lassen",
      summary: "Ein ausländischer Führerschein gilt nach der Einreise sechs Monate. Danach muss er bei der Führerscheinstelle umgeschrieben werden.",
      questions: [
        "Kann ein Geflüchteter seinen ausländischen Führerschein umschreiben lassen?",
        "Wie lange gilt ein syrischer Führerschein in Deutschland?",
        "Wo wird der Führerschein umgeschrieben?",
      ],
      answer: "Ein ausländischer Führerschein gilt nach der Einreise sechs Monate. Die Umschreibung beantragt man bei der Führerscheinstelle; oft ist eine praktische Prüfung nötig.",
      keywords: ["Führerschein", "Fahrerlaubnis", "Umschreibung", "Führerscheinstelle"],
    },
    en: {
      title: "Converting a foreign driving licence",
      summary: "A foreign driving licence is valid for six months after arrival. After that it must be converted at the driving licence office.",
      questions: [
        "Can a refugee convert a foreign driving licence?",
        "How long is a Syrian driving licence valid in Germany?",
        "Where is a driving licence converted?",
      ],
      answer: "A foreign driving licence is valid for six months after arrival. The conversion is applied for at the driving licence office; often a practical test is required.",
      keywords: ["driving licence", "conversion"],
    },
    uk: { questions: ["Як обміняти іноземне посвідчення водія?", "Скільки діє сирійське посвідчення водія?", "Де обміняти посвідчення водія?"] },
    ar: { questions: ["كيف أستبدل رخصة القيادة الأجنبية؟", "كم مدة صلاحية رخصة القيادة السورية؟", "أين أستبدل رخصة القيادة؟"] },
  };
}

describe("engineWithDraft", () => {
  it("answers from the draft while the live engine keeps the published article", async () => {
    const draft = article("praktikum-erlaubnis");
    draft.de.title = "Praktikum mit Geflüchteten (Entwurf)";
    const withDraft = await engineWithDraft(live, draft);
    expect(withDraft).not.toBe(live);
    expect(withDraft.decision).toBe(live.decision);
    expect(withDraft.articles).toHaveLength(live.articles.length);
    expect(withDraft.article("praktikum-erlaubnis")?.de.title).toBe("Praktikum mit Geflüchteten (Entwurf)");
    expect(live.article("praktikum-erlaubnis")?.de.title).toBe("Praktikum mit Geflüchteten – wann eine Erlaubnis nötig ist");
    expect(withDraft.kb.contentHash).not.toBe(live.kb.contentHash);
    expect(withDraft.ask("Darf ein Asylbewerber bei uns ein Praktikum machen?").answer?.title).toBe("Praktikum mit Geflüchteten (Entwurf)");
  });

  it("adds a new article next to all the others", async () => {
    const withDraft = await engineWithDraft(live, drivingLicenceArticle());
    expect(withDraft.articles).toHaveLength(live.articles.length + 1);
    expect(live.article("fuehrerschein-umschreiben")).toBeUndefined();
  });
});

// Each trial asks every dev question (5,000 and growing) on two engines: on a busy CI machine
// a test here takes a minute or more (106 s once for two trials and a comparison), which is the
// work it checks, not a hang.
// A trial asks every dev question on two engines (10,681 questions since blind batch 46): one test
// runs two trials and then compares all dev questions once more, some 64,000 questions, about three
// minutes alone and more beside another heavy file.
describe("runTrial on the real knowledge base", { timeout: 600_000 }, () => {
  it("changes nothing when the draft is the published article, and shows its own questions and dev questions", async () => {
    const t = await trial(article("duldung-arbeit"), ["Darf ich jemanden mit Duldung einstellen?"]);
    expect(t.summary.changed).toBe(0);
    expect(t.summary.nowHere).toBe(0);
    expect(t.summary.lostHere).toBe(0);
    expect(t.rows.every((r) => r.source !== "other")).toBe(true);
    expect(t.rows[0]).toMatchObject({ source: "typed", expected: null, question: "Darf ich jemanden mit Duldung einstellen?" });
    const devRows = t.rows.filter((r) => r.source === "dev");
    expect(devRows.length).toBe(dev.filter((q) => [q.expect].flat().includes("duldung-arbeit")).length);
    const draftRows = t.rows.filter((r) => r.source === "draft");
    expect(new Set(draftRows.map((r) => r.language))).toEqual(new Set(["de", "en", "uk", "ar"]));
    expect(draftRows.every((r) => r.ownExample && r.expected === "duldung-arbeit")).toBe(true);
    expect(t.summary.draftRight).toBeGreaterThan(draftRows.length / 2);
    // Every dev-set question was asked on both engines (to find side effects), and each question once.
    expect(t.summary.asked).toBeGreaterThanOrEqual(dev.length);
    expect(new Set(t.rows.map((r) => r.question.toLowerCase())).size).toBe(t.rows.length);
  });

  it("a new example question added to an article now lands there", async () => {
    const question = "Darf unser Azubi mit Duldung den Gabelstaplerschein bei uns machen?";
    const before = live.ask(question);
    expect(before.answer?.id).not.toBe("ausbildungsduldung-60c");
    const draft = article("ausbildungsduldung-60c");
    draft.de.questions.push(question);
    const t = await trial(draft);
    const row = t.rows.find((r) => r.question === question);
    expect(row).toMatchObject({ source: "draft", ownExample: true, changed: true, expected: "ausbildungsduldung-60c", language: "de" });
    expect(row?.after).toMatchObject({ outcome: "answer", id: "ausbildungsduldung-60c" });
    expect(row?.before.id).not.toBe("ausbildungsduldung-60c");
    // That question moves here; another question may change its outcome (the article model is
    // trained anew: "Gibts seit 2024 eine neue Aufenthaltserlaubnis für Azubis statt der Duldung?"
    // is now offered 60c among three instead of answered with it), but none becomes a wrong answer.
    expect(t.summary.nowHere).toBeGreaterThanOrEqual(1);
    expect(t.summary.lostHere).toBeLessThanOrEqual(1);
    const others = t.rows.filter((r) => r.changed && r.question !== question);
    expect(others.length).toBeLessThanOrEqual(2);
    for (const r of others) expect(r.after.outcome !== "answer" || r.after.id === r.expected, r.question).toBe(true);
  });

  it("a draft that drops an article's content loses its dev questions", async () => {
    const draft = article("duldung-arbeit");
    draft.de = {
      title: "Kantine und Pausenraum",
      summary: "Die Kantine hat montags bis freitags geöffnet.",
      questions: ["Wann hat die Kantine geöffnet?", "Gibt es vegetarisches Essen?", "Wo ist der Pausenraum?"],
      answer: "Die Kantine hat montags bis freitags von 11 bis 14 Uhr geöffnet.",
      keywords: ["Kantine"],
    };
    draft.en = {
      title: "Canteen and break room",
      summary: "The canteen is open Monday to Friday.",
      questions: ["When is the canteen open?", "Is there vegetarian food?", "Where is the break room?"],
      answer: "The canteen is open Monday to Friday from 11 am to 2 pm.",
      keywords: ["canteen"],
    };
    draft.uk = { questions: ["Коли працює їдальня?", "Чи є вегетаріанська їжа?", "Де кімната відпочинку?"] };
    draft.ar = { questions: ["متى يفتح المقصف؟", "هل يوجد طعام نباتي؟", "أين غرفة الاستراحة؟"] };
    const t = await trial(draft);
    const lost = t.rows.filter((r) => r.source === "dev" && r.before.id === "duldung-arbeit");
    // Every dev question this article answered before is lost: the draft no longer says anything
    // about a Duldung (the overview, a related neighbour, does not take them as answers).
    const devHere = t.rows.filter((r) => r.source === "dev");
    expect(lost.length).toBeGreaterThanOrEqual(25);
    expect(lost.map((r) => r.question)).toEqual(expect.arrayContaining(["duldung arbeiten", "Can someone with a Duldung work for us?", "Bewerberin hat nur eine Duldung. Kann ich sie überhaupt einstellen?"]));
    expect(devHere.every((r) => r.after.outcome !== "answer" || r.after.id !== "duldung-arbeit")).toBe(true);
    // Besides those, dev questions of other labels that this article answered before (wrongly:
    // "Bekommt ein Mitarbeiter mit Duldung Kindergeld?" is not ours) are lost here too.
    const others = t.rows.filter((r) => r.source === "other" && r.before.id === "duldung-arbeit" && r.after.id !== "duldung-arbeit");
    expect(others.every((r) => r.expected !== "duldung-arbeit")).toBe(true);
    expect(t.summary.lostHere).toBe(lost.length + others.length);
    expect(lost.every((r) => r.changed && r.after.id !== "duldung-arbeit")).toBe(true);
  });

  it("a brand-new article answers its questions, and out-of-scope dev questions now land on it", async () => {
    const t = await trial(drivingLicenceArticle(), ["Mein Schützling möchte den Führerschein aus Syrien umschreiben"]);
    const own = t.rows.filter((r) => r.source === "draft");
    expect(own.length).toBe(12);
    expect(t.summary.draftRight).toBeGreaterThanOrEqual(8);
    expect(own.filter((r) => r.language === "de").every((r) => r.before.id === null && r.after.id === "fuehrerschein-umschreiben")).toBe(true);
    // Labelled "none" in the dev set (no article about it yet): shown as other questions that now land here.
    const other = t.rows.find((r) => r.question === "fuehrerschein aus syrien umschreiben");
    expect(other).toMatchObject({ source: "other", expected: "none", changed: true, before: { outcome: "none" } });
    expect(other?.after.id === "fuehrerschein-umschreiben" || other?.after.alternatives.includes("fuehrerschein-umschreiben")).toBe(true);
    expect(t.summary.nowHere).toBeGreaterThanOrEqual(own.filter((r) => r.after.id === "fuehrerschein-umschreiben").length);
    const typed = t.rows.find((r) => r.source === "typed");
    expect(typed?.before.outcome).toBe("none");
    expect(typed?.changed).toBe(true);
  });

  it("scrubs personal data from typed questions", async () => {
    const t = await trial(article("praktikum-erlaubnis"), ["Darf Herr K. (BG-Nummer 12345BG0012345, Tel. 0202 1234567) ein Praktikum machen?"]);
    const typed = t.rows.filter((r) => r.source === "typed");
    expect(typed).toHaveLength(1);
    expect(typed[0]!.question).toContain("[BG-Nummer]");
    expect(typed[0]!.question).not.toMatch(/12345|1234567/);
  });

  it("leaves the live engine as it was: same answers as an engine freshly loaded from disk", async () => {
    await trial(drivingLicenceArticle());
    const draft = article("duldung-arbeit");
    draft.de.questions = ["Wann hat die Kantine geöffnet?", "Gibt es vegetarisches Essen?", "Wo ist der Pausenraum?"];
    await trial(draft);

    expect(live.article("fuehrerschein-umschreiben")).toBeUndefined();
    expect(live.articles).toEqual(publishedArticles);
    const fresh = openKnowledgeEngine({ contentDir: CONTENT_DIR, decision: defaultDecisionConfig() }).engine;
    expect(live.articles).toEqual(fresh.articles);
    const probe = [...dev.map((q) => q.q), "Kann ein Geflüchteter seinen ausländischen Führerschein umschreiben lassen?", "Wann hat die Kantine geöffnet?"];
    for (const q of probe) {
      const a = live.ask(q), b = fresh.ask(q);
      expect([a.outcome, a.answer?.id, a.alternatives.map((x) => x.id)], q).toEqual([b.outcome, b.answer?.id, b.alternatives.map((x) => x.id)]);
    }
  });

  it("asks every dev question, the draft's own and the typed ones (its time: npm run bench, quality row)", async () => {
    const draft = drivingLicenceArticle();
    const t = await runTrial({ current: live, withDraft: await engineWithDraft(live, draft), articleId: draft.id, typed: ["Wo wird der Führerschein umgeschrieben?"], dev });
    // Each distinct question once ("Wo wird der Führerschein umgeschrieben?" is also an example).
    const examples = [draft.de, draft.en, draft.uk, draft.ar].flatMap((block) => block?.questions ?? []);
    const distinct = new Set(["Wo wird der Führerschein umgeschrieben?", ...dev.map((q) => q.q), ...examples].map((q) => q.toLowerCase()));
    expect(t.summary.asked).toBe(distinct.size);
  });
});

describe("the live side of a trial", () => {
  it("is asked again on a new day: an article's review state may have changed at midnight", async () => {
    let now = new Date();
    const clocked = new KnowledgeEngine(live.kb, live.indexes, live.decision, { now: () => now });
    const question = "Darf ich jemanden mit Duldung einstellen?";
    const one = [{ q: question, expect: "duldung-arbeit" }];
    const draft = article("duldung-arbeit");
    const withDraft = await engineWithDraft(clocked, draft);
    const rowOf = async () => (await runTrial({ current: clocked, withDraft, articleId: draft.id, typed: [], dev: one })).rows.find((r) => r.question === question);
    expect((await rowOf())?.before).toMatchObject({ outcome: "answer", id: "duldung-arbeit" });
    // Years later every article is past its review and withheld: the live engine no longer answers with it.
    now = new Date(now.getTime() + 5 * 365 * 24 * 3600 * 1000);
    expect((await rowOf())?.before.id).not.toBe("duldung-arbeit");
  }, 120_000);
});

describe("TrialRequest", () => {
  it("accepts no questions or 1–20 trimmed, scrubbed questions", () => {
    expect(TrialRequest.parse({})).toEqual({});
    expect(TrialRequest.parse({ questions: ["  Darf ich einen Geduldeten einstellen?  "] })).toEqual({ questions: ["Darf ich einen Geduldeten einstellen?"] });
    expect(TrialRequest.parse({ questions: Array.from({ length: 20 }, (_, i) => `Frage ${i}`) }).questions).toHaveLength(20);
    expect(TrialRequest.parse({ questions: ["x".repeat(MAX_TRIAL_QUESTION_LENGTH)] }).questions?.[0]).toHaveLength(MAX_TRIAL_QUESTION_LENGTH);
    expect(TrialRequest.parse({ questions: ["Rückruf an 0202 1234567?"] }).questions?.[0]).toBe("Rückruf an [Telefon]?");
  });

  it.each([
    ["an empty list", { questions: [] }],
    ["21 questions", { questions: Array.from({ length: 21 }, (_, i) => `Frage ${i}`) }],
    ["a 10 KB question", { questions: ["Praktikum ".repeat(1024)] }],
    ["a question one character too long", { questions: ["x".repeat(MAX_TRIAL_QUESTION_LENGTH + 1)] }],
    ["a blank question", { questions: ["   "] }],
    ["numbers", { questions: [42] }],
    ["null in the list", { questions: [null] }],
    ["objects", { questions: [{ q: "Praktikum?" }] }],
    ["a string instead of a list", { questions: "Praktikum?" }],
    ["unknown fields", { questions: ["Praktikum?"], admin: true }],
    ["a prototype-polluting key", JSON.parse('{"questions":["Praktikum?"],"__proto__":{"polluted":true}}')],
    ["no object at all", null],
  ])("rejects %s", (_, body) => {
    expect(TrialRequest.safeParse(body).success).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
