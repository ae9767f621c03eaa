/**
 * A conversation full of identifiers (BG-Nummer, Aktenzeichen, Kundennummer, IBAN, Steuer-ID,
 * dates of birth, e-mail, phone) through the real server — the Emulator path and Lotse's own
 * Direct Line, a declined handoff and a ticket — then every text column of every table in the
 * database and the log are searched for each identifier in every written variant.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorUser, startChannel, startLotseWithLog, tempDataDir, type Channel, type Lotse } from "../helpers/bot-harness.js";
import { connectVisitor, widgetToken, type Visitor } from "../helpers/directline-client.js";

/** Each identifier as the test types it, and other ways the same value could be stored. */
const IDENTIFIERS: Record<string, string[]> = {
  bg: ["12345BG0012345", "12345 BG 0012345", "123 45 BG 001 2345", "12345//0012345", "0012345"],
  az: ["5 K 123/24", "123/24", "123-456-789", "123456789", "123-45"],
  kundennummer: ["123A456789"],
  iban: ["DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "3704 0044", "0532 0130"],
  steuerId: ["12 345 678 901", "12345678901", "678 901"],
  birth: ["01.02.1990", "1.2.90", "1990-02-01"],
  email: ["max.mustermann@firma-x.de", "firma-x.de"],
  phone: ["0176 1234 5678", "017612345678", "+49 202 1234567", "492021234567", "1234567"],
};
/** The contact given with consent for the ticket: kept, in the ticket's contact field only. */
const CONSENTED_CONTACT = "erika@example.org";

const compact = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

const NAVIGATOR = "Mit einer Lotsin / einem Lotsen sprechen";

describe("no identifier is stored or logged", () => {
  let channel: Channel;
  let lotse: Lotse & { log(): string };
  let dataDir: string;
  const visitors: Visitor[] = [];

  beforeAll(async () => {
    channel = await startChannel();
    dataDir = tempDataDir();
    lotse = await startLotseWithLog(dataDir, { RATE_LIMIT_ACTIVITIES_PER_MINUTE_CONVERSATION: "1000", RATE_LIMIT_ACTIVITIES_PER_MINUTE_IP: "1000" });
  });
  afterAll(async () => {
    for (const v of visitors) v.end();
    await channel.close();
  });

  it("after a declined handoff (Emulator) and a ticket (Direct Line), in every table and the log", async () => {
    // Emulator: questions about one person's case, feedback with a comment, a declined handoff.
    const u = new EmulatorUser(lotse, channel, "normal");
    await u.join();
    const emulatorTurns = [
      "BG-Nummer 12345BG0012345, warum kein Geld?",
      "mein Mitarbeiter hat Aktenzeichen 123-45, wird er abgeschoben? Az. 5 K 123/24",
      "Kd.-Nr. 123A456789, IBAN DE89 3704 0044 0532 0130 00 – bekommt Herr X die Erlaubnis?",
      "Steuer-ID 12 345 678 901, geb. 01.02.1990, darf sie mit Duldung arbeiten?",
    ];
    for (const text of emulatorTurns) expect((await u.say(text)).status).toBe(200);
    expect((await u.click({ action: "feedback", id: "duldung-arbeit", helpful: false, comment: "ruft mich an: 0176 1234 5678, max.mustermann@firma-x.de" })).status).toBe(200);
    await u.say(NAVIGATOR);
    const declined = await u.say("Nein, ohne Speicherung");
    expect(declined.replies.map((r) => r.text).join(" ")).toContain("ich speichere nichts");

    // Direct Line: the same kinds of data, then a ticket with a typed question and a relayed message.
    const session = await widgetToken(lotse.url);
    const v = connectVisitor({ domain: session.domain, token: session.token, webSocket: false });
    visitors.push(v);
    for (const text of [
      "BG-Nr. 12345//0012345 – Geburtsdatum 1.2.90, was passiert jetzt?",
      "123 45 BG 001 2345, DOB 1990-02-01, AZ: 123-456-789",
      "Mail max.mustermann@firma-x.de, Tel. +49 202 1234567, Steuer-ID 12345678901",
      NAVIGATOR,
      "Ja, einverstanden",
      "Erika Muster",
      "Überspringen",
      CONSENTED_CONTACT,
      "Warum wurde sein Antrag mit Az. 5 K 123/24 abgelehnt? Seine BG 12345BG0012345, Tel. 0176 1234 5678",
      "Seine IBAN ist DE89370400440532013000, Kd.-Nr. 123A456789, geb. 01.02.1990",
    ]) {
      await v.say(text);
    }
    const ticket = (await lotse.app.handoff.service.list()).tickets[0]!;
    expect(ticket.contact.value).toBe(CONSENTED_CONTACT);
    expect(ticket.question).toContain("[Aktenzeichen]");
    // The visitor sees their message with the identifiers removed.
    const echo = await v.next((a) => a.from?.role === "user" && /Seine IBAN/.test(a.text ?? ""));
    expect(echo.text).toContain("[IBAN]");

    // Every table, through the server's own connection (whichever engine it runs on).
    const { db } = lotse.app;
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(["bot_state", "feedback", "unanswered", "tickets", "ticket_messages", "directline_activities"]));
    const contents = new Map<string, Record<string, unknown>[]>();
    for (const table of tables) contents.set(table, (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db)).rows);
    await lotse.close();
    const found: string[] = [];
    let cells = 0;
    for (const [table, rows] of contents) {
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value !== "string") continue;
          cells++;
          const allowed = table === "tickets" && column === "contact";
          for (const [kind, variants] of Object.entries(IDENTIFIERS)) {
            for (const variant of variants) {
              const hit = value.includes(variant) || (compact(variant).length >= 9 && compact(value).includes(compact(variant)));
              if (hit && !allowed) found.push(`${table}.${column}: ${kind} "${variant}"`);
            }
          }
          if (value.includes(CONSENTED_CONTACT) && !allowed) found.push(`${table}.${column}: the consented contact`);
        }
      }
    }
    expect(cells).toBeGreaterThan(50);
    expect(found).toEqual([]);
    // What was kept is there, redacted: the ticket, its transcript, unanswered questions, feedback.
    const dump = JSON.stringify([...contents.values()]);
    for (const label of ["[BG-Nummer]", "[Aktenzeichen]", "[IBAN]", "[Telefon]", "[E-Mail]"]) expect(dump).toContain(label);

    for (const [kind, variants] of Object.entries(IDENTIFIERS)) for (const variant of variants) expect(lotse.log(), kind).not.toContain(variant);
    expect(lotse.log()).not.toContain(CONSENTED_CONTACT);
  });
});
