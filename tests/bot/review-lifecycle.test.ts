/**
 * What a person notices of the review lifecycle: an overdue article's answer card says "Stand …
 * – bitte bei … prüfen" above the short answer; a withheld one is not shown, Lotse says the topic
 * is being reviewed and offers a navigator.
 */
import type { Activity } from "@microsoft/agents-activity";
import { MemoryStorage } from "@microsoft/agents-hosting";
import { TestAdapter, type Sent, type TestReference } from "../helpers/test-adapter.js";
import { describe, expect, it } from "vitest";
import { HandoffDialogue, LotseBot } from "../../bot/index.js";
import { defaultDecisionConfig } from "../../src/config.js";
import { parseOfficeHours } from "../../src/handoff/office-hours.js";
import { TicketService } from "../../src/handoff/ticket-service.js";
import { TicketStore } from "../../src/handoff/ticket-store.js";
import { KnowledgeEngine } from "../../src/knowledge/engine.js";
import { sharedEngine } from "../helpers/bot-harness.js";
import { memoryDb, MemoryRecords } from "./bot-fixtures.js";
import { cardProblems, visibleTexts } from "./card-checks.js";

const EGZ = "eingliederungszuschuss";
const KURS = "integrationskurs";

/** The bundled articles as of 2026-07-01, with EGZ due 2026-06-01 (overdue) and the Integrationskurs due 2026-01-01 (withheld). */
function engine(): KnowledgeEngine {
  const real = sharedEngine();
  const changes: Record<string, { reviewed: string; review_every_months: number }> = {
    [EGZ]: { reviewed: "2025-06-01", review_every_months: 12 },
    [KURS]: { reviewed: "2025-01-01", review_every_months: 12 },
  };
  const kb = { ...real.kb, articles: real.kb.articles.map((a) => (changes[a.id] ? { ...a, ...changes[a.id] } : a)) };
  return new KnowledgeEngine(kb, real.indexes, defaultDecisionConfig(), { now: () => new Date("2026-07-01T09:00:00Z") });
}

function harness(locale = "de-DE", channelId = "emulator") {
  const storage = new MemoryStorage();
  const tickets = new TicketService({ store: new TicketStore(memoryDb()) });
  const handoff = new HandoffDialogue(tickets, { officeHours: parseOfficeHours("Mo-Fr 08:00-16:00"), retentionDays: 90, now: () => new Date("2026-07-01T09:00:00Z") });
  const bot = new LotseBot({ knowledge: engine(), records: new MemoryRecords(), handoff, storage });
  const reference: TestReference = {
    channelId,
    serviceUrl: "https://test.invalid",
    conversation: { id: "c1", isGroup: false, conversationType: "personal", name: "" },
    user: { id: "u1", name: "User" },
    bot: { id: "b1", name: "Lotse" },
    locale,
  };
  const adapter = new TestAdapter((ctx) => bot.run(ctx), reference);
  return async (activity: string | Partial<Activity>): Promise<Sent[]> => {
    adapter.activeQueue.splice(0);
    await adapter.processActivity(typeof activity === "string" ? { type: "message", text: activity, locale } : { locale, ...activity });
    return adapter.activeQueue.splice(0);
  };
}

const cardOf = (replies: Sent[]) => replies.flatMap((r) => r.attachments ?? [])[0]?.content as Record<string, any> | undefined;
const texts = (replies: Sent[]) => replies.map((r) => r.text ?? "").filter(Boolean);
const choices = (replies: Sent[]) => replies.flatMap((r) => r.suggestedActions?.actions.map((a) => a.title) ?? []);

describe("review lifecycle in the chat", () => {
  const egzQuestion = sharedEngine().article(EGZ)!.de.questions[0]!;
  const kursQuestion = sharedEngine().article(KURS)!.de.questions[0]!;

  it("shows an overdue article with a visible 'Stand … – bitte bei … prüfen' note above the short answer", async () => {
    const turn = harness();
    const card = cardOf(await turn(egzQuestion))!;
    expect(card).toBeDefined();
    expect(cardProblems(card)).toEqual([]);
    const [title, note, short] = visibleTexts(card);
    expect(title).toBe(sharedEngine().article(EGZ)!.de.title);
    // The office is the article's first contact.
    const office = engine().render(EGZ, "de")!.contacts[0]!.name;
    expect(note).toBe(`Stand 01.06.2025 – bitte bei ${office} prüfen, ob das noch gilt. Die regelmäßige Überprüfung dieser Information steht noch aus.`);
    expect(short).toBe(sharedEngine().article(EGZ)!.de.summary);
    expect(card.body[1]).toMatchObject({ type: "Container", style: "warning" });
  });

  it("says it in English for English askers, and in the plain-text answer without cards", async () => {
    const en = cardOf(await harness("en-US")(sharedEngine().article(EGZ)!.en.questions[0]!))!;
    expect(visibleTexts(en)[1]).toMatch(/^As of 1 Jun 2025 – please check with .+ whether this still applies\./);
    const [plain] = await harness("de-DE", "sms")(egzQuestion);
    expect(plain!.text).toMatch(/\n\nStand 01\.06\.2025 – bitte bei .+ prüfen, ob das noch gilt\./);
  });

  it("names a navigator when the article has no contact", async () => {
    const { answerCard } = await import("../../bot/cards/answer-card.js");
    const { shortAnswer } = await import("../../bot/cards/short-answer.js");
    const { translator } = await import("../../bot/i18n.js");
    const answer = { ...engine().render(EGZ, "de")!, contacts: [] };
    const card = answerCard({ answer, short: shortAnswer(engine().article(EGZ)!, "de"), related: [] }, translator("de"), "de") as unknown as Record<string, any>;
    expect(visibleTexts(card)[1]).toMatch(/^Stand 01\.06\.2025 – bitte bei einer Lotsin \/ einem Lotsen prüfen/);
  });

  it("does not show a current article with a note", async () => {
    const card = cardOf(await harness()(sharedEngine().article("einstiegsqualifizierung")!.de.questions[0]!))!;
    expect(visibleTexts(card).join("\n")).not.toMatch(/bitte bei .* prüfen/);
  });

  it("withholds an article overdue beyond the grace period and offers a navigator instead", async () => {
    const turn = harness();
    const replies = await turn(kursQuestion);
    expect(cardOf(replies)).toBeUndefined();
    expect(texts(replies)).toEqual([
      "Die Informationen zu diesem Thema werden gerade überprüft, deshalb kann ich dazu im Moment keine Antwort geben. Eine Lotsin oder ein Lotse hilft Ihnen gern weiter.",
    ]);
    expect(choices(replies)[0]).toBe("Mit einer Lotsin / einem Lotsen sprechen");
    // Taking the offer starts the way to a navigator, with the question to pass on.
    const next = await turn("Mit einer Lotsin / einem Lotsen sprechen");
    expect(texts(next).join("\n")).toMatch(/Sind Sie einverstanden, dass wir Ihre Angaben und dieses Gespräch dafür speichern\?/);
  });

  it("does not list a withheld article under its topic", async () => {
    const replies = await harness("de-DE", "sms")({ type: "message", value: { action: "topic", area: "sprache" } });
    const listed = choices(replies);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed).not.toContain(sharedEngine().article(KURS)!.de.title);
    expect(listed).toContain(sharedEngine().article("berufssprachkurse")!.de.title);
  });

  it("withholds it in the asker's language, and also behind a link to it", async () => {
    const uk = await harness("uk-UA")(sharedEngine().article(KURS)!.uk.questions[0]!);
    expect(texts(uk)[0]).toMatch(/^Інформація на цю тему зараз перевіряється/);
    const shown = await harness()({ type: "message", value: { action: "show", id: KURS } });
    expect(cardOf(shown)).toBeUndefined();
    expect(texts(shown)[0]).toMatch(/^Die Informationen zu diesem Thema werden gerade überprüft/);
  });
});
