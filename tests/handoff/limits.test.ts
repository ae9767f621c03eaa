/**
 * Ticket limits as the person experiences them, over real HTTP: one open ticket per
 * conversation, TICKETS_PER_CONTACT_PER_DAY per contact, TICKETS_PER_DAY in total. A refused
 * request stores nothing — no ticket, and no name or contact left in the chat state.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardsOf, cardTexts, EmulatorUser, startChannel, startLotse, suggested, tempDataDir, texts, type Channel, type Lotse, type TurnResult } from "../helpers/bot-harness.js";
import { newTicket } from "./fixtures.js";

const PUBLIC = { NAVIGATOR_PUBLIC_PHONE: "0202 74763-0", NAVIGATOR_PUBLIC_EMAIL: "lotsen@example.org" };

const WORDS = {
  de: { navigator: "Mit einer Lotsin / einem Lotsen sprechen", yes: "Ja, einverstanden", skip: "Überspringen", send: "So senden" },
  en: { navigator: "Talk to a navigator", yes: "Yes, I agree", skip: "Skip", send: "Send as is" },
};

interface Person {
  name?: string;
  contact: string;
  lang?: keyof typeof WORDS;
}

/** Consent, name, organisation skipped, contact: the dialogue up to the question step. */
async function upToQuestion(user: EmulatorUser, { name = "Erika Muster", contact, lang = "de" }: Person): Promise<TurnResult> {
  const w = WORDS[lang];
  await user.click({ action: "handoff" });
  await user.say(w.yes);
  await user.say(name);
  await user.say(w.skip);
  return user.say(contact);
}

/** The whole dialogue; the last turn sends the ticket (or is refused). */
async function handOff(user: EmulatorUser, person: Person): Promise<TurnResult> {
  const step = await upToQuestion(user, person);
  expect(texts(step.replies)[0]).toMatch(person.lang === "en" ? /^What is it about\?/ : /^Worum geht es\?/);
  return user.say(person.lang === "en" ? "A question about entry qualification" : "Frage zur Einstiegsqualifizierung");
}

const ticketNumber = (replies: TurnResult["replies"]) => /L-\d{4}/.exec(texts(replies).join(" "))?.[0];

describe("ticket limits over HTTP", () => {
  let channel: Channel;
  let lotse: Lotse;
  const user = (locale = "de-DE") => {
    const u = new EmulatorUser(lotse, channel, "normal", locale);
    u.channelId = "webchat";
    return u;
  };
  const tickets = () => lotse.app.handoff.service.list({ limit: 100 });
  const ticketsOf = (u: EmulatorUser) => lotse.app.db.selectFrom("tickets").select("id").where("conversation_id", "=", u.conversationId).execute();
  /** Whether anything the person typed is still in the bot's state. */
  const stateMentions = (text: string) => lotse.app.db.selectFrom("bot_state").select("key").where("data", "like", `%${text}%`).execute();

  beforeAll(async () => {
    channel = await startChannel();
    lotse = await startLotse(tempDataDir(), { ...PUBLIC, TICKETS_PER_CONTACT_PER_DAY: "3" });
  });
  afterAll(async () => {
    await lotse.close();
    await channel.close();
  });

  describe("one open ticket per conversation", () => {
    it("a second handoff while the first is open creates nothing and points to the first", async () => {
      const u = user();
      const number = ticketNumber((await handOff(u, { contact: "eins@example.org" })).replies)!;
      expect(number).toMatch(/^L-\d{4}$/);
      const again = await u.click({ action: "handoff" });
      expect(texts(again.replies)).toEqual([`Sie sind bereits mit den Lotsen verbunden (Anfrage ${number}). Schreiben Sie einfach weiter.`]);
      expect(suggested(again.replies)).toEqual(["Gespräch beenden"]);
      expect(await ticketsOf(u)).toHaveLength(1);
    });

    it("a ticket that appeared while the person was typing is not doubled, and the person is told", async () => {
      const u = user();
      await u.say("Darf ich jemanden mit Duldung einstellen?");
      await upToQuestion(u, { name: "Zora Zweitfenster", contact: "zora@example.org" });
      // Another turn of the same conversation (a second browser tab, a retried request) got there first.
      const first = await lotse.app.handoff.service.create(newTicket({ conversationId: u.conversationId }));
      const sent = await u.say(WORDS.de.send);
      expect(texts(sent.replies)).toEqual([`Sie sind bereits mit den Lotsen verbunden (Anfrage ${first.number}). Schreiben Sie einfach weiter.`]);
      expect(suggested(sent.replies)).toEqual(["Gespräch beenden"]);
      expect(await ticketsOf(u)).toHaveLength(1);
      // The draft is gone: what Zora typed for the refused ticket is not kept anywhere.
      expect(await stateMentions("zora@example.org")).toEqual([]);
      expect(await stateMentions("Zora Zweitfenster")).toEqual([]);
    });

    it("a question typed instead goes to the ticket that appeared, and the draft is dropped", async () => {
      const u = user();
      await upToQuestion(u, { name: "Yusuf Ypsilon", contact: "yusuf@example.org" });
      const first = await lotse.app.handoff.service.create(newTicket({ conversationId: u.conversationId }));
      const typed = await u.say("Meine Frage zur Duldung");
      expect(texts(typed.replies)).toEqual([`Ich habe Ihre Nachricht zur Anfrage ${first.number} hinzugefügt.`]);
      expect(await ticketsOf(u)).toHaveLength(1);
      expect(await stateMentions("yusuf@example.org")).toEqual([]);
    });

    it("a double click on send creates one ticket", async () => {
      const u = user();
      await u.say("Was ist eine Einstiegsqualifizierung?");
      // With a question asked before, the dialogue offers to send it as it is.
      expect(suggested((await upToQuestion(u, { contact: "doppelt@example.org" })).replies)).toContain(WORDS.de.send);
      const results = await Promise.all([u.say(WORDS.de.send), u.say(WORDS.de.send)]);
      expect(await ticketsOf(u)).toHaveLength(1);
      const said = results.flatMap((r) => texts(r.replies)).join("\n");
      expect(said).toMatch(/Danke! Ihre Anfrage hat die Nummer L-\d{4}\./);
      expect(said.match(/Danke! Ihre Anfrage hat die Nummer/g)).toHaveLength(1);
    });
  });

  describe("TICKETS_PER_CONTACT_PER_DAY", () => {
    it("refuses the 4th ticket of a contact within a day, in German, stores nothing and offers the public contact", async () => {
      for (const written of ["0202 1234567", "+49 202 1234567", "0049 (0) 202 123 45 67"]) {
        const u = user();
        const created = await handOff(u, { contact: written });
        expect(ticketNumber(created.replies), written).toMatch(/^L-\d{4}$/);
        // Each conversation ends, so the limit, not the open ticket, is what stops the 4th.
        await u.say("Gespräch beenden");
      }
      const before = (await tickets()).total;
      const u = user();
      const refused = await handOff(u, { name: "Vierte Anfrage", contact: "+492021234567" });
      const [text] = texts(refused.replies);
      expect(text).toMatch(/^Zu dieser E-Mail-Adresse oder Telefonnummer sind in den letzten 24 Stunden schon so viele Anfragen eingegangen/);
      expect(text).toContain("Ihre Angaben habe ich nicht gespeichert");
      expect(text).toContain("Friedrich-Engels-Allee 28");
      expect(text).toContain("Telefon 0202 74763-0");
      expect(text).toContain("E-Mail lotsen@example.org");
      expect(suggested(refused.replies)).toEqual(["Zuständigkeiten", "Themen"]);
      expect((await tickets()).total).toBe(before);
      expect(await ticketsOf(u)).toHaveLength(0);
      expect(await stateMentions("Vierte Anfrage")).toEqual([]);
      expect(await stateMentions("+492021234567")).toEqual([]);

      // Lotse answers questions again right away.
      const next = await u.say("Was ist eine Einstiegsqualifizierung?");
      expect(cardTexts(cardsOf(next.replies)[0]!)[0]).toMatch(/^Einstiegsqualifizierung/);
      expect(texts(next.replies).join(" ")).not.toMatch(/Anfrage/);
    });

    it("tells an English-speaking person in English", async () => {
      for (let i = 0; i < 3; i++) {
        const u = user("en-US");
        expect(ticketNumber((await handOff(u, { name: "Max Example", contact: "max@example.org", lang: "en" })).replies)).toMatch(/^L-\d{4}$/);
        await u.say("End conversation");
      }
      const refused = await handOff(user("en-US"), { name: "Max Example", contact: "MAX@example.org", lang: "en" });
      expect(texts(refused.replies)[0]).toMatch(/^For this e-mail address or phone number we have already received as many requests in the last 24 hours as I can accept/);
      expect(texts(refused.replies)[0]).toContain("phone 0202 74763-0");
      expect(suggested(refused.replies)).toEqual(["Responsibilities", "Topics"]);
    });

    it("does not limit other contacts", async () => {
      expect(ticketNumber((await handOff(user(), { contact: "jemand.anders@example.org" })).replies)).toMatch(/^L-\d{4}$/);
    });
  });
});

describe("TICKETS_PER_DAY over HTTP", () => {
  let channel: Channel;
  let lotse: Lotse;

  beforeAll(async () => {
    channel = await startChannel();
    lotse = await startLotse(tempDataDir(), { TICKETS_PER_DAY: "2" });
  });
  afterAll(async () => {
    await lotse.close();
    await channel.close();
  });

  it("refuses every further ticket once the day's total is reached and says so", async () => {
    await lotse.app.handoff.service.create(newTicket({ contact: { kind: "email", value: "a@example.org" } }));
    await lotse.app.handoff.service.create(newTicket({ contact: { kind: "email", value: "b@example.org" } }));
    const u = new EmulatorUser(lotse, channel, "expectReplies");
    const refused = await handOff(u, { contact: "c@example.org" });
    expect(texts(refused.replies)[0]).toMatch(/^Heute sind schon sehr viele Anfragen eingegangen, deshalb kann ich gerade keine weitere anlegen/);
    // No public phone or e-mail configured: the address of the Haus der Integration, no invented numbers.
    expect(texts(refused.replies)[0]).toMatch(/Friedrich-Engels-Allee 28, Wuppertal \(https:\/\/jobcenter\.wuppertal\.de\/\)\.$/);
    expect((await lotse.app.handoff.service.list()).total).toBe(2);
  });
});
