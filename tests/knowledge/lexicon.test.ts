/**
 * The Ukrainian/Arabic lexicon (content/lexicon.yaml): wordings in those languages stand for
 * German search terms, so a question in them finds articles beyond their few example questions.
 */
import { describe, expect, it } from "vitest";
import { compileLexicon, foreignWords, matchLexicon } from "../../src/knowledge/foreign.js";
import { loadKnowledgeBase } from "../../src/knowledge/loader.js";
import { formatProblem } from "../../src/knowledge/problems.js";
import { article, makeContent } from "../helpers/content.js";
import { bundledEngine } from "../helpers/engine.js";

const NOW = new Date("2026-11-26T00:00:00Z");
const ENTRIES = [
  { de: "Arbeitserlaubnis", uk: ["дозвіл на роботу"], ar: ["تصريح العمل"] },
  { de: "Arbeitgeber", uk: ["роботодавець"], ar: ["صاحب العمل"] },
  { de: "arbeiten", uk: ["робота"], ar: ["العمل"] },
  { de: "Geflüchtete", uk: ["біженець"], ar: ["لاجئ"] },
];
const found = (q: string, lang: "uk" | "ar") => matchLexicon(foreignWords(q), compileLexicon(ENTRIES, lang)).map((m) => m.de);

describe("lexicon matching", () => {
  it("finds inflected Ukrainian wordings (дозволу на роботу, біженця, роботодавцю)", () => {
    expect(found("Чи потрібен біженця дозволу на роботу?", "uk").sort()).toEqual(["Arbeitserlaubnis", "Geflüchtete"]);
    expect(found("Що має зробити роботодавцю?", "uk")).toEqual(["Arbeitgeber"]);
  });

  it("keeps Ukrainian words apart that share only their first letters (роботодавець is no робота)", () => {
    expect(found("роботодавець", "uk")).toEqual(["Arbeitgeber"]);
    expect(found("шукаю роботу", "uk")).toEqual(["arbeiten"]);
  });

  it("finds Arabic wordings with or without the article, diacritics, tatweel and proclitics", () => {
    expect(found("هل أحتاج تصريح عمل؟", "ar")).toEqual(["Arbeitserlaubnis"]);
    expect(found("وتَصْرِيح العمـــل", "ar")).toEqual(["Arbeitserlaubnis"]);
    expect(found("لصاحب العمل", "ar")).toEqual(["Arbeitgeber"]);
    expect(found("اللاجئين", "ar")).toEqual(["Geflüchtete"]);
  });

  it("prefers the longer wording and uses each word once (صاحب العمل, not العمل)", () => {
    expect(found("صاحب العمل", "ar")).toEqual(["Arbeitgeber"]);
  });

  it("finds nothing in empty, Latin-only, huge or hostile input", () => {
    expect(found("", "uk")).toEqual([]);
    expect(found("Arbeitserlaubnis Duldung", "uk")).toEqual([]);
    expect(found("<script>alert(1)</script> ' OR 1=1 --", "ar")).toEqual([]);
    expect(found("дозвіл ".repeat(20_000), "uk").length).toBeLessThan(20_000);
  });
});

describe("content/lexicon.yaml", () => {
  it("is checked like the other content files: a wording-less entry is reported with its line", () => {
    const dir = makeContent({
      "articles/foerderung/egz.yaml": article(),
      "lexicon.yaml": "lexicon:\n  - de: Arbeitserlaubnis\n    uk: [дозвіл на роботу]\n  - de: Arbeitgeber\n",
    });
    const { kb, problems } = loadKnowledgeBase(dir, { now: NOW });
    expect(problems.map(formatProblem).join("\n")).toMatch(/lexicon\.yaml:4:.*(uk|Ukrainian)/);
    expect(kb.lexicon ?? []).toEqual([]);
  });

  it("is optional", () => {
    const { kb, problems } = loadKnowledgeBase(makeContent({ "articles/foerderung/egz.yaml": article() }), { now: NOW });
    expect(problems).toEqual([]);
    expect(kb.lexicon).toEqual([]);
  });

  it("loads the bundled lexicon, every entry with German words the index knows", () => {
    const engine = bundledEngine();
    expect(engine.kb.lexicon!.length).toBeGreaterThan(50);
    expect(engine.indexes.uk.lexicon.length).toBeGreaterThan(100);
    expect(engine.indexes.ar.lexicon.length).toBeGreaterThan(100);
  });
});

describe("questions in Ukrainian and Arabic without German words", () => {
  const engine = bundledEngine();
  const first = (q: string) => engine.explain(q).scored[0]?.id;

  it("find the article through the lexicon, not only through example questions", () => {
    expect(first("Чи потрібен дозвіл на роботу, якщо я біженка з України?")).toBe("ukraine-schutz-24-arbeit");
    expect(first("هل أحتاج تصريح عمل إذا كنت لاجئة من أوكرانيا؟")).toBe("ukraine-schutz-24-arbeit");
    expect(first("صاحب العمل يريد دعم الأجور من الجوب سنتر، كيف؟")).toBe("eingliederungszuschuss");
    expect(first("Чому людям з Албанії не дають дозволу на роботу?")).toBe("sichere-herkunftsstaaten-beschaeftigungsverbot");
    // Kindergeld written in Cyrillic or Arabic letters, not the § 24 work article its "§ 24" suggests.
    expect(first("Де подавати заяву на кіндергельд? Ми з України, маємо дозвіл за § 24.")).toBe("kindergeld-gefluechtete");
    expect(first("هل تحصل عائلة لاجئة على كيندرغيلد لأطفالها؟")).toBe("kindergeld-gefluechtete");
  });

  it("still reject what is not ours", () => {
    expect(engine.ask("Як подати податкову декларацію?").outcome).toBe("none");
    expect(engine.ask("ما هو الطقس غدا في برلين؟").outcome).toBe("none");
  });
});
