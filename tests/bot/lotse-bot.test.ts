import type { Activity } from "@microsoft/agents-activity";
import { MemoryStorage } from "@microsoft/agents-hosting";
import { TestAdapter, type Sent, type TestReference } from "../helpers/test-adapter.js";
import { describe, expect, it } from "vitest";
import { HandoffDialogue, LotseBot, type Knowledge } from "../../bot/index.js";
import { parseOfficeHours } from "../../src/handoff/office-hours.js";
import { TicketService } from "../../src/handoff/ticket-service.js";
import { TicketStore } from "../../src/handoff/ticket-store.js";
import { DETAILS_ID } from "../../bot/cards/answer-card.js";
import { shortAnswer } from "../../bot/cards/short-answer.js";
import { sharedEngine } from "../helpers/bot-harness.js";
import { cardProblems, textsIn, visibleButtons, visibleTexts } from "./card-checks.js";
import { knowledgeAnswering, memoryDb, MemoryRecords } from "./bot-fixtures.js";



function harness(knowledge: Knowledge, channelId = "emulator") {
  const storage = new MemoryStorage();
  const records = new MemoryRecords();
  const tickets = new TicketService({ store: new TicketStore(memoryDb()) });
  // A Wednesday morning: office hours are running.
  const handoff = new HandoffDialogue(tickets, { officeHours: parseOfficeHours("Mo-Fr 08:00-16:00"), retentionDays: 90, now: () => new Date("2026-11-25T09:00:00Z") });
  const bot = new LotseBot({ knowledge, records, handoff, storage });
  const reference: TestReference = {
    channelId,
    serviceUrl: "https://test.invalid",
    conversation: { id: "c1", isGroup: false, conversationType: "personal", name: "" },
    user: { id: "u1", name: "User" },
    bot: { id: "b1", name: "Lotse" },
    locale: "de-DE",
  };
  const adapter = new TestAdapter((ctx) => bot.run(ctx), reference);
  const turn = async (activity: string | Partial<Activity>): Promise<Sent[]> => {
    adapter.activeQueue.splice(0);
    await adapter.processActivity(activity);
    return adapter.activeQueue.splice(0);
  };
  return { turn, records, tickets };
}

const texts = (replies: Sent[]) => replies.map((r) => r.text ?? "");
const choices = (replies: Sent[]) => replies.flatMap((r) => r.suggestedActions?.actions.map((a) => a.title) ?? []);

describe("LotseBot", () => {
  describe("clarify", () => {
    const knowledge = knowledgeAnswering({
      outcome: "clarify",
      alternatives: [
        { id: "duldung-arbeit", title: "x", score: 0.6 },
        { id: "beschaeftigungsduldung-60d", title: "y", score: 0.55 },
      ],
    });
    const titles = ["duldung-arbeit", "beschaeftigungsduldung-60d"].map((id) => sharedEngine().article(id)!.de.title);

    it("offers the candidates and the navigator as suggested actions", async () => {
      const { turn } = harness(knowledge);
      const replies = await turn("Duldung Arbeit?");
      expect(texts(replies)).toEqual(["Meinten Sie …?"]);
      expect(choices(replies)).toEqual([...titles, "Mit einer Lotsin / einem Lotsen sprechen"]);
    });

    it("shows the picked candidate, by title or by number", async () => {
      const { turn } = harness(knowledge);
      await turn("Duldung Arbeit?");
      const byTitle = await turn(titles[1]!);
      expect(byTitle[0]!.attachments![0]!.content.body[0].text).toBe(titles[1]);
      await turn("Duldung Arbeit?");
      const byNumber = await turn("1");
      expect(byNumber[0]!.attachments![0]!.content.body[0].text).toBe(titles[0]);
    });
  });

  describe("on a channel without cards", () => {
    const knowledge = knowledgeAnswering({ outcome: "answer", answer: sharedEngine().render("einstiegsqualifizierung", "de") });

    it("answers in clean text with numbered choices instead of buttons", async () => {
      const { turn, records } = harness(knowledge, "sms");
      const [reply] = await turn("EQ?");
      expect(reply!.attachments ?? []).toHaveLength(0);
      expect(reply!.text).toMatch(/^EINSTIEGSQUALIFIZIERUNG/);
      expect(reply!.text).toMatch(/Stand: \d{2}\.\d{2}\.\d{4}/);
      expect(reply!.text).not.toContain("**");
      expect(reply!.text).toMatch(/\n1\. Hilfreich\n2\. Nicht hilfreich\n3\. Mit einer Lotsin/);
      await turn("2");
      expect(records.feedback).toMatchObject([{ articleId: "einstiegsqualifizierung", helpful: false, question: "EQ?", channel: "sms" }]);
    });
  });

  describe("answer cards", () => {
    const knowledge = knowledgeAnswering({ outcome: "answer", answer: sharedEngine().render("einstiegsqualifizierung", "de") });
    const cardOf = (replies: Sent[]) => replies[0]!.attachments![0]!.content;

    it("sends the short card and builds it once per article and languages", async () => {
      const { turn } = harness(knowledge);
      const first = cardOf(await turn("EQ?"));
      expect(visibleTexts(first)[1]).toBe(shortAnswer(sharedEngine().article("einstiegsqualifizierung")!, "de").short);
      expect(textsIn(first, DETAILS_ID)).toContain("Rechtsgrundlage");
      // The cached card is shared between turns, so it must be frozen.
      expect(Object.isFrozen(first)).toBe(true);
      expect(cardOf(await turn("EQ?"))).toBe(first);
      await turn({ type: "message", value: { action: "language", language: "en" } });
      const english = cardOf(await turn("EQ?"));
      expect(english).not.toBe(first);
      expect(english).toMatchObject({ lang: "en" });
      expect(visibleTexts(english)[0]).toBe(sharedEngine().article("einstiegsqualifizierung")!.en.title);
    });

    it("puts a related runner-up first among the related buttons, even one the card would cut off", async () => {
      // Lotse answers instead of asking between two related articles (src/knowledge/decide.ts):
      // the other one must be one tap away. It is fifth in duldung-arbeit's related list.
      const engine = sharedEngine();
      const neighbour = engine.article("duldung-arbeit")!.related[4]!;
      const answering = knowledgeAnswering({
        outcome: "answer", answer: engine.render("duldung-arbeit", "de"),
        alternatives: [{ id: neighbour, title: "x", score: 0.9 }],
      });
      const { turn } = harness(answering);
      const shown = visibleButtons(cardOf(await turn("Duldung einstellen?"))).filter((b) => b.data?.action === "show").map((b) => b.data.id);
      expect(shown[0]).toBe(neighbour);
      expect(shown).toHaveLength(3);
    });

    it("is what docs/sample-answer-card.json shows (regenerate: npx vitest run -u tests/bot/lotse-bot.test.ts)", async () => {
      const { turn } = harness(knowledge);
      const card = cardOf(await turn("Was ist eine Einstiegsqualifizierung?"));
      expect(cardProblems(card)).toEqual([]);
      await expect(`${JSON.stringify(card, null, 2)}\n`).toMatchFileSnapshot("../../docs/sample-answer-card.json");
    });
  });

  describe("languages", () => {
    const knowledge = knowledgeAnswering({ outcome: "answer", answer: sharedEngine().render("einstiegsqualifizierung", "de") });

    it("lets a Ukrainian-UI user read articles in English, with a one-line note", async () => {
      const { turn } = harness(knowledge);
      await turn("Мова");
      const switched = await turn("Українська");
      expect(texts(switched)[0]).toBe("Тепер я відповідаю українською.");
      expect(choices(switched)).toEqual(["німецькою", "англійською"]);
      expect(texts(await turn("англійською"))).toEqual(["Відтепер я показуватиму статті англійською."]);
      const [card] = await turn("EQ?");
      const content = card!.attachments![0]!.content;
      expect(content.lang).toBe("uk");
      expect(content.body[0].text).toBe(sharedEngine().article("einstiegsqualifizierung")!.en.title);
      expect(content.body[1].text).toBe("Ця відповідь доступна лише англійською.");
      expect(content.actions.map((a: { title: string }) => a.title)).toEqual(["Корисно", "Некорисно", "Поговорити з навігатором"]);
    });

    it("follows the language of the question when none was chosen", async () => {
      const english = knowledgeAnswering({ outcome: "none", language: "en" });
      const { turn } = harness(english);
      const replies = await turn("How do I bake a cake?");
      expect(texts(replies)[0]).toMatch(/^Sorry, I have no answer/);
      expect(choices(replies)).toEqual(["Topics", "Talk to a navigator"]);
    });
  });

  describe("misses", () => {
    it("stores unanswered questions and offers the navigator after two misses in a row", async () => {
      const { turn, records } = harness(knowledgeAnswering({ outcome: "none" }));
      expect(texts(await turn("eins"))[0]).toMatch(/keine Antwort/);
      const second = await turn("zwei");
      expect(texts(second)[1]).toMatch(/zweimal/);
      expect(records.unanswered.map((r) => r.question)).toEqual(["eins", "zwei"]);
      // The count starts again after the offer.
      expect(texts(await turn("drei"))).toHaveLength(1);
    });
  });

  describe("handoff", () => {
    it("starts the handoff for the handoff intent and for the navigator button", async () => {
      const { turn } = harness(knowledgeAnswering({ outcome: "handoff" }));
      expect(texts(await turn("Ich will einen Menschen"))[0]).toMatch(/verbinde Sie mit einer Lotsin/);
      expect(texts(await turn({ type: "message", value: { action: "handoff" } }))[0]).toMatch(/verbinde Sie mit einer Lotsin/);
    });

    it("asks in the person's language and takes a typed yes as confirming the prefilled question", async () => {
      const { turn, tickets } = harness(knowledgeAnswering({ outcome: "none", language: "en" }));
      await turn({ type: "message", text: "Sprache", locale: "en-US" });
      await turn("English");
      await turn("How do I hire a refugee?");
      const consent = await turn({ type: "message", value: { action: "handoff" } });
      expect(texts(consent)[0]).toMatch(/^Of course – I will connect you with a navigator/);
      expect(choices(consent)).toEqual(["Yes, I agree", "No, don't store anything"]);
      await turn("yes");
      await turn("John Smith");
      await turn("Skip");
      expect(texts(await turn("+44 20 7946 0958"))[0]).toBe("Your question in one sentence: “How do I hire a refugee?” – shall I pass it on like this? You can also rephrase it.");
      const created = await turn("yes");
      expect(texts(created)[0]).toMatch(/^Thank you! Your request number is L-0001\.\n\nThe navigators are on duty now/);
      expect(await tickets.get(1)).toMatchObject({ name: "John Smith", organisation: null, language: "en", question: "How do I hire a refugee?", reason: "button", contact: { kind: "phone", value: "+442079460958" } });
    });

    it("understands Ukrainian and Arabic consent words", async () => {
      for (const [word, language] of [["так", "uk"], ["نعم", "ar"]] as const) {
        const { turn } = harness(knowledgeAnswering({}));
        await turn({ type: "message", value: { action: "language", language } });
        await turn({ type: "message", value: { action: "handoff" } });
        const next = await turn(word);
        expect(texts(next)[0], language).toBe(language === "uk" ? "Як вас звати?" : "ما اسمكم؟");
      }
    });

    it("drops a draft when another button is clicked", async () => {
      const { turn } = harness(knowledgeAnswering({}));
      await turn({ type: "message", value: { action: "handoff" } });
      await turn("Ja, einverstanden");
      await turn({ type: "message", value: { action: "command", command: "help" } });
      // The name step is gone: the text is a question again (here: no answer).
      expect(texts(await turn("Erika Muster"))[0]).toMatch(/keine Antwort/);
    });
  });

  it("asks for text when a message has none", async () => {
    const { turn } = harness(knowledgeAnswering({}));
    expect(texts(await turn({ type: "message", attachments: [{ contentType: "image/png", contentUrl: "https://x.invalid/a.png" }] }))).toEqual([
      "Ich kann nur Textnachrichten lesen. Bitte schreiben Sie mir Ihre Frage.",
    ]);
  });
});
