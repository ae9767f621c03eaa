import { describe, expect, it } from "vitest";
import { shortAnswer, SHORT_ANSWER_MAX, type ArticleTexts } from "../../bot/cards/short-answer.js";
import { sharedEngine } from "../helpers/bot-harness.js";

/** An article with this German answer (and an English one that must not be read). */
const article = (answer: string, summary?: string): ArticleTexts => ({
  de: { answer, ...(summary !== undefined ? { summary } : {}) },
  en: { answer: "English. Not this one." },
});
const short = (answer: string) => shortAnswer(article(answer), "de");

/** A sentence of exactly n characters (n ≥ 20). */
const sentence = (n: number, word = "Wort") => {
  let s = "Das";
  while (s.length < n - 1) s += ` ${word}`;
  return `${s.slice(0, n - 1).trimEnd()}.`.padStart(n, "D");
};

/** Text compared without whitespace and dashes (a cut at a clause drops its dash). */
const norm = (s: string) => s.replace(/[–—]/g, " ").replace(/\s+/g, " ").trim();
/** short and rest together are the answer again, apart from the "…" of a cut. */
const rejoined = ({ short, rest }: { short: string; rest: string }) => norm(`${short.replace(/…$/, "")} ${rest.replace(/^…/, "")}`);

describe("shortAnswer", () => {
  describe("with a curated summary", () => {
    it("shows the summary and keeps the whole answer behind 'more'", () => {
      const answer = "Erster Satz. Zweiter Satz.\n\nZweiter Absatz.";
      expect(shortAnswer(article(answer, "  Kurz gesagt: ja.  "), "de")).toEqual({ short: "Kurz gesagt: ja.", rest: answer });
    });

    it("reads the summary of the requested language", () => {
      const texts: ArticleTexts = { de: { answer: "Antwort.", summary: "Ja." }, en: { answer: "Answer.", summary: "Yes." } };
      expect(shortAnswer(texts, "en").short).toBe("Yes.");
    });

    it("derives the short answer when the summary is blank", () => {
      expect(shortAnswer(article("Erster Satz.\n\nMehr.", " "), "de")).toEqual({ short: "Erster Satz.", rest: "Mehr." });
    });
  });

  describe("derived from the answer", () => {
    it("takes a short first paragraph whole and leaves the other paragraphs", () => {
      expect(short("Ja, das geht. Sie brauchen aber eine Erlaubnis.\n\n**Voraussetzungen**\n- A\n- B\n\nMehr.")).toEqual({
        short: "Ja, das geht. Sie brauchen aber eine Erlaubnis.",
        rest: "**Voraussetzungen**\n- A\n- B\n\nMehr.",
      });
    });

    it("stops after three sentences, however short", () => {
      expect(short("Eins. Zwei! Drei? Vier. Fünf.")).toEqual({ short: "Eins. Zwei! Drei?", rest: "Vier. Fünf." });
    });

    it(`stays within ${SHORT_ANSWER_MAX} characters, ending at a sentence`, () => {
      const [a, b, c] = [sentence(150), sentence(150), sentence(150)];
      const result = short(`${a} ${b} ${c}`);
      expect(result).toEqual({ short: `${a} ${b}`, rest: c });
      expect(result.short.length).toBeLessThanOrEqual(SHORT_ANSWER_MAX);
    });

    it("does not take an abbreviation, an ordinal or a § reference for the end of a sentence", () => {
      // Three sentences: one false end would make four and end the short answer early.
      const text =
        "In reglementierten Berufen (z. B. Ärztin) gilt seit dem 1. Juni 2024 § 4 Abs. 2 Nr. 3 sowie §§ 56 ff. SGB III, e.g. Nurses etc. Pflegekräfte. Zweiter Satz. Dritter Satz.";
      expect(short(`${text} ${sentence(300)}`).short).toBe(text);
    });

    it("accepts a sentence ending in a year and a quote or bracket after the full stop", () => {
      expect(short("Gilt seit 2024. „Zitat.“ Dritter (Satz.) Vierter.")).toEqual({ short: "Gilt seit 2024. „Zitat.“ Dritter (Satz.)", rest: "Vierter." });
    });

    it("does not end a sentence before a lower-case word", () => {
      const three = "Eins. Die Stelle heißt Abt. f. Integration. Drei.";
      expect(short(`${three} ${sentence(300)}`).short).toBe(three);
    });

    it("never cuts inside a link", () => {
      const link = "[Merkblatt der BA. Bitte vorher lesen](https://www.arbeitsagentur.de/a.b?x=1)";
      // Three sentences; a cut inside the link would make it four and end the short answer there.
      const three = `Eins. ${sentence(100)} Lesen Sie das ${link} vollständig.`;
      expect(short(`${three} ${sentence(300)}`).short).toBe(three);
      expect(short(`${sentence(300)} Siehe ${link}. Mehr.`).short).toBe(sentence(300));
    });

    it("never cuts inside an emphasis", () => {
      const three = "Eins. **Wichtig. Vorher fragen.** Dann beginnen.";
      expect(short(`${three} ${sentence(300)}`).short).toBe(three);
    });

    it("takes whole list items when the answer opens with a list", () => {
      const items = ["- Erstens: gilt z. B. für A. Auch für B.", "- Zweitens.", "- Drittens.", "- Viertens."];
      expect(short(items.join("\n"))).toEqual({ short: items.slice(0, 3).join("\n"), rest: "- Viertens." });
    });

    it("never cuts inside a list item, even one longer than the limit", () => {
      const long = `- ${sentence(200)} ${sentence(200)}`;
      expect(short(`${long}\n- Zwei.`)).toEqual({ short: long, rest: "- Zwei." });
      const continued = `- Erster Punkt. Er geht\n  auf der nächsten Zeile weiter. ${sentence(330)}`;
      expect(short(`${continued}\n- Zwei.`).short).toBe(continued);
    });

    it("does not end on an introduction to a list it leaves out", () => {
      const intro = "Sie brauchen:";
      expect(short(`${intro}\n- ${sentence(200)}\n- ${sentence(200)}`)).toEqual({ short: `${intro}\n- ${sentence(200)}`, rest: `- ${sentence(200)}` });
      // The first item is too long for the limit: it is still taken whole rather than the introduction alone.
      expect(short(`${intro}\n- ${sentence(400)}\n- Zwei.`)).toEqual({ short: `${intro}\n- ${sentence(400)}`, rest: "- Zwei." });
      expect(short(`**Voraussetzungen**\n- ${sentence(400)}`).short).toBe(`**Voraussetzungen**\n- ${sentence(400)}`);
    });

    it("skips a heading above the first paragraph", () => {
      expect(short("## Kurz gesagt\n\nJa. Mit Erlaubnis.\n\nMehr.")).toEqual({ short: "Ja. Mit Erlaubnis.", rest: "Mehr." });
    });

    it("shortens a first sentence that is too long at the end of a clause, with '…' on both sides", () => {
      const head = `Die Assistierte Ausbildung ${"ist ein Angebot ".repeat(12).trim()}`;
      const text = `${head} – mit Nachhilfe, ${"Begleitung ".repeat(20).trim()} und mehr. Zweiter Satz.`;
      const result = short(text);
      expect(result.short).toBe(`${head}…`);
      expect(result.rest).toMatch(/^…mit Nachhilfe, Begleitung/);
      expect(result.short.length).toBeLessThanOrEqual(SHORT_ANSWER_MAX);
      expect(rejoined(result)).toBe(norm(text));
    });

    it("shortens at a word when a long sentence has no clause, and not inside a link", () => {
      const link = "[ein Link mit vielen Wörtern darin](https://example.org)";
      const text = `${"Wort ".repeat(66)}${link} ${"Ende ".repeat(20).trim()}.`;
      const { short: s } = short(text);
      expect(s.endsWith("Wort…")).toBe(true);
      expect(s.length).toBeLessThanOrEqual(SHORT_ANSWER_MAX);
    });

    it("returns the whole answer and no rest when the answer is short", () => {
      expect(short("  Ja.\r\n")).toEqual({ short: "Ja.", rest: "" });
    });
  });

  describe("on the real knowledge base", () => {
    const cases = sharedEngine().articles.flatMap((a) => (["de", "en"] as const).map((lang) => ({ a, lang })));

    it("covers every article in both languages", () => {
      expect(cases.length).toBe(sharedEngine().articles.length * 2);
      expect(cases.length).toBeGreaterThanOrEqual(104);
    });

    it.each(cases.map(({ a, lang }) => [`${a.id} (${lang})`, a, lang] as const))("%s: the curated summary first, then the whole answer", (_, a, lang) => {
      expect(a[lang].summary, "every article has a summary (content:check)").toBeTruthy();
      expect(shortAnswer(a, lang)).toEqual({ short: a[lang].summary!.trim(), rest: a[lang].answer.replace(/\r\n?/g, "\n").trim() });
    });

    // Without its summary, each real answer still gives a sound derived short answer.
    it.each(cases.map(({ a, lang }) => [`${a.id} (${lang})`, a, lang] as const))("%s without summary: short, whole links and emphasis, nothing lost", (_, a, lang) => {
      const result = shortAnswer({ de: { answer: a.de.answer }, en: { answer: a.en.answer } }, lang);
      expect(result.short.length).toBeGreaterThan(40);
      expect(result.short.length).toBeLessThanOrEqual(SHORT_ANSWER_MAX);
      expect(result.short.split("[").length).toBe(result.short.split("](").length);
      expect(result.short.split("**").length % 2).toBe(1);
      expect(result.short).toMatch(/[.!?…)"“”*]$/);
      // From the first paragraph only; together with the rest it is the whole answer.
      expect(norm(a[lang].answer.split(/\n\s*\n/)[0]!)).toContain(norm(result.short.replace(/…$/, "")));
      expect(rejoined(result)).toBe(norm(a[lang].answer));
    });
  });
});
