import type { Activity } from "@microsoft/agents-activity";
import { MemoryStorage } from "@microsoft/agents-hosting";
import { TestAdapter, type Sent, type TestReference } from "../helpers/test-adapter.js";
import { describe, expect, it } from "vitest";
import { HandoffDialogue, LotseBot, type Knowledge } from "../../bot/index.js";
import { parseOfficeHours } from "../../src/handoff/office-hours.js";
import { TicketService } from "../../src/handoff/ticket-service.js";
import { TicketStore } from "../../src/handoff/ticket-store.js";
import { sharedEngine } from "../helpers/bot-harness.js";
import { knowledgeAnswering, memoryDb, MemoryRecords } from "./bot-fixtures.js";



function harness(knowledge: Knowledge, locale = "de-DE") {
  const storage = new MemoryStorage();
  const records = new MemoryRecords();
  const tickets = new TicketService({ store: new TicketStore(memoryDb()) });
  const handoff = new HandoffDialogue(tickets, { officeHours: parseOfficeHours("Mo-Fr 08:00-16:00"), retentionDays: 90, now: () => new Date("2026-11-25T09:00:00Z") });
  const bot = new LotseBot({ knowledge, records, handoff, storage });
  const reference: TestReference = {
    channelId: "emulator",
    serviceUrl: "https://test.invalid",
    conversation: { id: "c1", isGroup: false, conversationType: "personal", name: "" },
    user: { id: "u1", name: "User" },
    bot: { id: "b1", name: "Lotse" },
    locale,
  };
  const adapter = new TestAdapter((ctx) => bot.run(ctx), reference);
  const turn = async (activity: string | Partial<Activity>): Promise<Sent[]> => {
    adapter.activeQueue.splice(0);
    await adapter.processActivity(activity);
    return adapter.activeQueue.splice(0);
  };
  /** The value of the suggested action titled `title` in these replies (what a click sends). */
  const button = (replies: Sent[], title: string) => {
    const action = replies.flatMap((r) => r.suggestedActions?.actions ?? []).find((a) => a.title === title);
    if (!action) throw new Error(`no button ${title}`);
    return action.value as Record<string, unknown>;
  };
  return { turn, records, tickets, button, storage };
}

const texts = (replies: Sent[]) => replies.map((r) => r.text ?? "");
const choices = (replies: Sent[]) => replies.flatMap((r) => r.suggestedActions?.actions.map((a) => a.title) ?? []);
const cards = (replies: Sent[]) => replies.flatMap((r) => r.attachments ?? []).map((a) => a.content as Record<string, unknown>);

const none = knowledgeAnswering({ outcome: "none" });

describe("offers with an id", () => {
  it("carry the offer id in every button; a superseded offer's button is closed", async () => {
    const { turn, button } = harness(none);
    const help = await turn("Hilfe");
    const topics = button(help, "Themen");
    expect(topics).toMatchObject({ action: "command", command: "topics", offer: expect.any(String) });
    const languageOffer = await turn("Sprache");
    // The help offer was replaced by the language offer.
    expect(texts(await turn({ type: "message", text: "Themen", value: topics }))).toEqual(["Diese Auswahl ist nicht mehr offen."]);
    // The language offer is still open after the refused click.
    const english = await turn({ type: "message", text: "English", value: button(languageOffer, "English") });
    expect(texts(english)).toEqual(["I will answer in English from now on."]);
  });

  it("an old consent button adds nothing to the ticket", async () => {
    const { turn, tickets, button } = harness(none);
    await turn("Wie geht das mit dem Visum für Köche?");
    const consent = await turn("Mit einer Lotsin / einem Lotsen sprechen");
    const yes = button(consent, "Ja, einverstanden");
    await turn({ type: "message", text: "Ja, einverstanden", value: yes });
    await turn("Erika Muster");
    await turn("Überspringen");
    await turn("erika@example.org");
    const created = await turn("So senden");
    expect(texts(created).join(" ")).toContain("L-0001");
    const ticket = (await tickets.activeTicket("c1"))!;
    const before = (await tickets.get(ticket.id))!.messages.length;

    const again = await turn({ type: "message", text: "Ja, einverstanden", value: yes });
    expect(texts(again)).toEqual(["Diese Auswahl ist nicht mehr offen."]);
    const no = await turn({ type: "message", text: "Nein, ohne Speicherung", value: { ...yes, consent: false } });
    expect(texts(no)).toEqual(["Diese Auswahl ist nicht mehr offen."]);
    expect((await tickets.get(ticket.id))!.messages.length).toBe(before);
    expect((await tickets.activeTicket("c1"))?.id).toBe(ticket.id);
  });
});

describe("feedback", () => {
  it("is recorded with the conversation, so a second click replaces the first", async () => {
    const { turn, records } = harness(knowledgeAnswering({ outcome: "answer", answer: { id: "duldung-arbeit" } as never }));
    await turn("Darf jemand mit Duldung arbeiten?");
    await turn({ type: "message", value: { action: "feedback", id: "duldung-arbeit", helpful: true } });
    await turn({ type: "message", value: { action: "feedback", id: "duldung-arbeit", helpful: false } });
    expect(records.feedback.map((f) => [f.conversationId, f.helpful])).toEqual([
      ["c1", true],
      ["c1", false],
    ]);
  });
});

describe("individual cases", () => {
  it("gives the general rule, the deciding office, the navigator and a privacy note — no forecast", async () => {
    const { turn, storage } = harness(knowledgeAnswering({ outcome: "answer", answer: { id: "duldung-arbeit" } as never }));
    const replies = await turn("Mein Mitarbeiter hat Aktenzeichen 123-45, wird er abgeschoben?");
    const [note] = texts(replies);
    expect(note).toContain("Zu einem einzelnen Fall kann ich nichts sagen");
    expect(note).toContain("Bitte schreiben Sie keine Fallangaben");
    expect(note).toContain("entfernt");
    const offices = sharedEngine().render("duldung-arbeit", "de")!.contacts.map((c) => c.name);
    if (offices.length) expect(note).toContain(offices[0]);
    expect(cards(replies)).toHaveLength(1);
    expect(choices(replies)).toContain("Mit einer Lotsin / einem Lotsen sprechen");
    const state = JSON.stringify((storage as unknown as { memory: object }).memory);
    expect(state).not.toContain("123-45");
    expect(state).toContain("[Aktenzeichen]");
  });

  it("speaks Ukrainian and Arabic too", async () => {
    const { turn } = harness(knowledgeAnswering({ outcome: "none", language: "uk" as never }), "uk-UA");
    const replies = await turn("BG-Nummer 12345BG0012345, чому немає грошей?");
    expect(texts(replies)[0]).toContain("Про окремий випадок");
  });

  it("leaves general questions alone", async () => {
    const { turn } = harness(knowledgeAnswering({ outcome: "answer", answer: { id: "duldung-arbeit" } as never }));
    const replies = await turn("Darf mein Mitarbeiter mit Duldung eine Ausbildung machen?");
    expect(texts(replies).join(" ")).not.toContain("einzelnen Fall");
  });
});

describe("typed answers in every UI language", () => {
  it.each([
    ["Skip", "Send as is"],
    ["Überspringen", "So senden"],
    ["Пропустити", "Надіслати так"],
    ["تخطي", "أرسل هكذا"],
  ])("handoff with %s / %s", async (skip, send) => {
    const { turn, tickets } = harness(none);
    await turn("Frage zu Köchen aus Syrien?");
    await turn("Mit einer Lotsin / einem Lotsen sprechen");
    await turn("ja");
    await turn("Erika Muster");
    await turn(skip);
    await turn("erika@example.org");
    await turn(send);
    const ticket = await tickets.activeTicket("c1");
    expect(ticket?.organisation ?? undefined).toBeUndefined();
    expect(ticket?.question).toBe("Frage zu Köchen aus Syrien?");
  });
});

describe("articles for Ukrainian and Arabic readers", () => {
  it("are English by default, with a note in the reader's language; German on request", async () => {
    const { turn, button } = harness(knowledgeAnswering({ outcome: "answer", answer: { id: "duldung-arbeit" } as never }));
    const offer = await turn("Мова");
    const uk = await turn({ type: "message", text: "Українська", value: button(offer, "Українська") });
    const replies = await turn("Чи може людина з толеранцією працювати?");
    const card = JSON.stringify(cards(replies));
    expect(card).toContain(sharedEngine().article("duldung-arbeit")!.en.title);
    expect(card).toContain("англійською");
    await turn({ type: "message", text: "німецькою", value: button(uk, "німецькою") });
    const german = JSON.stringify(cards(await turn("Чи може людина з толеранцією працювати?")));
    expect(german).toContain(sharedEngine().article("duldung-arbeit")!.de.title);
  });
});
