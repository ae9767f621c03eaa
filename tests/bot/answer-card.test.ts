import { describe, expect, it } from "vitest";
import { answerCard, answerText, DETAILS_ID, MAX_RELATED, type AnswerView } from "../../bot/cards/answer-card.js";
import { shortAnswer } from "../../bot/cards/short-answer.js";
import { translator, UI_LANGUAGES, type UiLanguage } from "../../bot/i18n.js";
import type { Language } from "../../src/knowledge/schema.js";
import { sharedEngine } from "../helpers/bot-harness.js";
import { cardProblems, elementById, textsIn, visibleButtons, visibleTexts } from "./card-checks.js";

type Json = Record<string, any>;
const engine = sharedEngine();

/** The view the bot builds for an article: its own related articles, a note outside de/en. */
function viewFor(id: string, lang: Language, ui: UiLanguage = lang): AnswerView {
  const article = engine.article(id)!;
  const related = article.related
    .filter((r) => engine.article(r))
    .slice(0, MAX_RELATED)
    .map((r) => ({ id: r, title: engine.article(r)![lang].title }));
  const note = ui === "de" || ui === "en" ? undefined : translator(ui)("answer.contentNote", { language: translator(ui)(`language.content.${lang}`) });
  return { answer: engine.render(id, lang)!, short: shortAnswer(article, lang), related, ...(note ? { note } : {}) };
}
const cardFor = (id: string, lang: Language, ui: UiLanguage = lang) => answerCard(viewFor(id, lang, ui), translator(ui), ui) as unknown as Json;

const EQ = "einstiegsqualifizierung";
/** The card's text without Markdown and line breaks, for finding what an article says. */
const flat = (s: string) => s.replace(/\*\*/g, "").replace(/\s+/g, " ");

describe("answer card", () => {
  describe("short first", () => {
    const card = cardFor(EQ, "de");
    const view = viewFor(EQ, "de");
    const t = translator("de");

    it("shows title, short answer, Stand and the disclaimer, in this order, and nothing of the rest", () => {
      const [title, short, stand, disclaimer, ...others] = visibleTexts(card);
      expect(card.body[0]).toMatchObject({ type: "TextBlock", text: view.answer.title, style: "heading", wrap: true });
      expect(title).toBe(view.answer.title);
      expect(short).toBe(view.short.short);
      expect(stand).toMatch(/^Stand: \d{2}\.\d{2}\.\d{4}$/);
      expect(disclaimer).toBe("Allgemeine Information, keine Rechtsberatung.");
      expect(others).toEqual(["Verwandte Themen"]);
    });

    it("opens the rest of the answer, legal basis, sources and contacts with one toggle", () => {
      const details = elementById(card, DETAILS_ID)!;
      expect(details).toMatchObject({ type: "Container", isVisible: false });
      const hidden = textsIn(card, DETAILS_ID);
      expect(hidden[0]).toBe(view.short.rest);
      expect(hidden).toEqual(expect.arrayContaining(["Rechtsgrundlage", "Quellen", "Ansprechstellen"]));
      const text = hidden.join("\n");
      expect(text).toContain("§ 54a SGB III");
      for (const s of view.answer.sources) expect(text).toContain(`](${s.url})`);
      for (const c of view.answer.contacts) expect(text).toContain(c.name);
      // Everything of the article is somewhere on the card: the curated summary is a rewording,
      // so "more" holds the whole answer.
      expect(view.short.short).toBe(sharedEngine().article(EQ)!.de.summary);
      expect(flat(hidden[0]!)).toBe(flat(view.answer.text));

      const toggles = visibleButtons(card).filter((b) => b.type === "Action.ToggleVisibility");
      expect(toggles).toEqual([{ type: "Action.ToggleVisibility", title: "Mehr anzeigen / weniger anzeigen", targetElements: [DETAILS_ID] }]);
      // The toggle comes right after the short part, the hidden container right after the toggle.
      const index = (pred: (e: Json) => boolean) => card.body.findIndex(pred);
      const toggleAt = index((e: Json) => e.type === "ActionSet" && e.actions[0].type === "Action.ToggleVisibility");
      expect(toggleAt).toBe(index((e: Json) => e.text === t("answer.disclaimer")) + 1);
      expect(card.body[toggleAt + 1].id).toBe(DETAILS_ID);
    });

    it("keeps the related articles, feedback and navigator clickable without expanding", () => {
      const buttons = visibleButtons(card);
      expect(buttons.filter((b) => b.data?.action === "show").map((b) => b.data.id)).toEqual(view.related.map((r) => r.id));
      expect(view.related).toHaveLength(MAX_RELATED);
      expect(card.actions.map((a: Json) => a.title)).toEqual(["Hilfreich", "Nicht hilfreich", "Mit einer Lotsin / einem Lotsen sprechen"]);
      expect(card.actions[0].data).toEqual({ action: "feedback", id: EQ, helpful: true });
      // "Nicht hilfreich" still asks for an optional comment before it sends.
      expect(card.actions[1].card.body[0]).toMatchObject({ type: "Input.Text", id: "comment", isMultiline: true, maxLength: 500 });
      expect(card.actions[1].card.actions[0].data).toEqual({ action: "feedback", id: EQ, helpful: false });
      expect(card.actions[2].data).toEqual({ action: "handoff" });
    });

    it("leaves out the toggle's empty parts: no rest text when the answer is one paragraph", () => {
      const base = viewFor(EQ, "de");
      const oneParagraph: AnswerView = { ...base, short: { short: "Kurz.", rest: "" }, related: [] };
      const c = answerCard(oneParagraph, t, "de") as unknown as Json;
      expect(textsIn(c, DETAILS_ID)[0]).toBe("Rechtsgrundlage");
      expect(visibleTexts(c)).not.toContain("Verwandte Themen");
      expect(visibleButtons(c).filter((b) => b.data?.action === "show")).toEqual([]);
    });
  });

  describe("in every UI language", () => {
    it.each(UI_LANGUAGES)("%s: the toggle's title is the UI language's", (ui) => {
      const card = cardFor(EQ, ui === "en" ? "en" : "de", ui);
      const [toggle] = visibleButtons(card).filter((b) => b.type === "Action.ToggleVisibility");
      expect(toggle!.title).toBe(translator(ui)("answer.moreLess"));
      expect(new Set(UI_LANGUAGES.map((l) => translator(l)("answer.moreLess"))).size).toBe(UI_LANGUAGES.length);
    });

    it("puts the note for Ukrainian and Arabic right under the title", () => {
      const card = cardFor(EQ, "en", "uk");
      expect(visibleTexts(card).slice(0, 3)).toEqual([engine.article(EQ)!.en.title, "Ця відповідь доступна лише англійською.", viewFor(EQ, "en", "uk").short.short]);
    });

    it("keeps Arabic right-to-left and the German article in it left-to-right", () => {
      const card = cardFor(EQ, "de", "ar");
      expect(card).toMatchObject({ lang: "ar", rtl: true });
      const ltr = (text: string) => ({ type: "Container", rtl: false, items: [expect.objectContaining({ type: "TextBlock", text })] });
      const view = viewFor(EQ, "de", "ar");
      expect(card.body[0]).toEqual(ltr(view.answer.title));
      expect(card.body[1]).toMatchObject({ type: "TextBlock", text: "هذه الإجابة متوفرة باللغة الألمانية فقط." });
      expect(card.body[2]).toEqual(ltr(view.short.short));
      expect(elementById(card, DETAILS_ID)!.items[0]).toEqual(ltr(view.short.rest));
      expect(visibleTexts(card)[3]).toMatch(/^بتاريخ: /);
    });
  });

  describe("for all articles", () => {
    const cases = engine.articles.flatMap((a) =>
      UI_LANGUAGES.map((ui) => [a.id, ui, ui === "en" ? "en" : "de"] as const),
    );

    it.each(cases)("%s (%s) is a valid Adaptive Card 1.5", (id, ui, lang) => {
      expect(cardProblems(cardFor(id, lang, ui))).toEqual([]);
    });

    it("shows at most a few hundred characters before expanding", () => {
      for (const a of engine.articles) {
        for (const lang of ["de", "en"] as const) {
          const card = cardFor(a.id, lang);
          const visible = visibleTexts(card).join("").length;
          const all = JSON.stringify(card).length;
          expect(visible, `${a.id} (${lang})`).toBeLessThanOrEqual(650);
          expect(visible, `${a.id} (${lang})`).toBeLessThan(all / 4);
        }
      }
    });
  });

  describe("checked against Adaptive Card 1.5", () => {
    it("rejects what Teams or Web Chat would ignore or break on", () => {
      const card = cardFor(EQ, "de");
      const broken = (change: (c: Json) => void) => {
        const c = structuredClone(card);
        change(c);
        return cardProblems(c);
      };
      expect(broken((c) => (c.version = "1.6"))).not.toEqual([]);
      expect(broken((c) => (c.body[0].rtl = false))).not.toEqual([]);
      expect(broken((c) => (c.body[0].style = "title"))).not.toEqual([]);
      expect(broken((c) => (elementById(c, DETAILS_ID)!.id = "other"))).toEqual(['toggle "Mehr anzeigen / weniger anzeigen" targets "details", which is not in the card']);
      expect(broken((c) => c.body.push({ type: "TextBlock", text: "x", id: DETAILS_ID }))).toEqual(['id "details" is used twice']);
    });
  });
});

describe("answer text (channels without cards)", () => {
  const view = viewFor(EQ, "de");
  const text = answerText(view, translator("de"), "de");

  it("says the short answer first, then Stand, then the rest, legal basis, sources and contacts", () => {
    const at = (s: string) => {
      const i = text.indexOf(s);
      expect(i, s).toBeGreaterThanOrEqual(0);
      return i;
    };
    const order = [
      at("EINSTIEGSQUALIFIZIERUNG"),
      at(flat(view.short.short).slice(0, 60)),
      at("Stand: "),
      at("Allgemeine Information, keine Rechtsberatung."),
      // Long enough to tell the whole answer from the summary, which may start alike.
      at(view.short.rest.slice(0, 90)),
      at("Rechtsgrundlage: § 54a SGB III"),
      at("Quellen:\n- "),
      at("Ansprechstellen:\n- "),
    ];
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).not.toContain("**");
    for (const s of view.answer.sources) expect(text).toContain(s.url);
  });

  it("has the same parts as the card, and no rest when the short answer is all", () => {
    const whole = answerText({ ...view, short: { short: "Kurz.", rest: "" } }, translator("de"), "de");
    expect(whole.split("\n\n").slice(0, 4)).toEqual([view.answer.title.toUpperCase(), "Kurz.", expect.stringMatching(/^Stand: .*\nAllgemeine/), expect.stringMatching(/^Rechtsgrundlage: /)]);
  });
});
