/**
 * The acceptance path without a browser: a visitor in the web channel (Lotse's Direct Line,
 * through the official client) hands over to the navigators, a navigator answers from the
 * console API, the visitor answers back, the navigator closes, and Lotse answers again.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { startLotse, tempDataDir, type Lotse } from "../helpers/bot-harness.js";
import { api } from "../helpers/console.js";
import { connectVisitor, widgetToken, type Wire } from "../helpers/directline-client.js";
import { waitFor } from "../helpers/wait.js";

let lotse: Lotse;
let token: string;

beforeAll(async () => {
  lotse = await startLotse(tempDataDir());
  token = (await lotse.app.console.tokens.create("Anna")).token;
});
afterAll(async () => lotse?.close());

const fromBot = (a: Wire) => a.from?.role === "bot";
const saying = (pattern: RegExp) => (a: Wire) => fromBot(a) && typeof a.text === "string" && pattern.test(a.text);
const answerCard = (a: Wire) => fromBot(a) && JSON.stringify(a.attachments ?? []).includes("Stand");

it("hands a web conversation over to the console and back", async () => {
  const session = await widgetToken(lotse.url);
  const visitor = connectVisitor({ domain: session.domain, token: session.token, webSocket: true });
  try {
    await visitor.say("Was ist eine Einstiegsqualifizierung?");
    await visitor.next(answerCard);
    await visitor.click({ action: "handoff" });
    await visitor.next(saying(/Sind Sie einverstanden/));
    await visitor.say("Ja, einverstanden");
    await visitor.next(saying(/Wie heißen Sie/));
    await visitor.say("Erika Web");
    await visitor.next(saying(/Für welchen Betrieb/));
    await visitor.say("Überspringen");
    await visitor.next(saying(/E-Mail-Adresse oder Telefonnummer/));
    await visitor.say("erika@example.org");
    await visitor.next(saying(/Einstiegsqualifizierung/));
    await visitor.say("So senden");
    const created = await visitor.next(saying(/Nummer L-\d{4}/));
    const number = /Nummer (L-\d{4})/.exec(created.text)![1];

    const queue = await api(lotse, "/tickets?status=open", token);
    const ticket = queue.body.tickets.find((t: { number: string }) => t.number === number);
    expect(ticket).toMatchObject({ name: "Erika Web", contact: { kind: "email", value: "erika@example.org" }, channel: "directline", question: "Was ist eine Einstiegsqualifizierung?" });

    const reply = await api(lotse, `/tickets/${ticket.id}/reply`, token, { body: { text: "Hallo Frau Web, gern erkläre ich es Ihnen." } });
    expect(reply.status).toBe(200);
    expect(reply.body.delivered).toBe(true);
    await visitor.next(saying(/Hallo Frau Web, gern erkläre ich es Ihnen/));

    await visitor.say("Danke! Gilt das auch für Teilzeit?");
    const detail = await waitFor(async () => {
      const d = await api(lotse, `/tickets/${ticket.id}`, token);
      return d.body.messages.at(-1)?.author === "user" && d;
    }, { message: "the visitor's answer in the ticket" });
    expect(detail.body.messages.map((m: { author: string; text: string }) => [m.author, m.text]).slice(-2)).toEqual([
      ["navigator", "Hallo Frau Web, gern erkläre ich es Ihnen."],
      ["user", "Danke! Gilt das auch für Teilzeit?"],
    ]);

    expect((await api(lotse, `/tickets/${ticket.id}/close`, token, { body: { note: "Im Chat beantwortet." } })).status).toBe(200);
    await visitor.next(saying(/beendet|abgeschlossen/));
    await visitor.say("Was ist eine Einstiegsqualifizierung?");
    await visitor.next(answerCard);
  } finally {
    visitor.end();
  }
});
