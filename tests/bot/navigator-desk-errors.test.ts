/**
 * Refused ticket actions in Teams are worded by the bot from bot/locales/navigator.de.json
 * (`ticketErrors.*`), from the code and parameters the ticket service gives — over real HTTP,
 * as Teams sends card clicks and thread replies.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TICKET_ERROR_CODES, ticketErrorKey, type TicketErrorDetail } from "../../src/handoff/index.js";
import { cardTexts, startChannel, startLotse, tempDataDir, texts, type Channel, type Lotse } from "../helpers/bot-harness.js";
import { newTicket } from "../helpers/console.js";
import { ANNA, BERND, NavigatorTeam } from "../helpers/teams-harness.js";
import { waitFor } from "../helpers/wait.js";

const PHRASES = JSON.parse(readFileSync(new URL("../../bot/locales/navigator.de.json", import.meta.url), "utf8")) as {
  ticketErrors: Record<string, string>;
};

/** The locale file's sentence with its placeholders filled: what a navigator must read. */
function worded(key: string, params: Record<string, unknown>): string {
  const template = PHRASES.ticketErrors[key.replace(/^ticketErrors\./, "")];
  if (template === undefined) throw new Error(`no wording for ${key}`);
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name]));
}

/** One example of every shape an error takes, so each locale key is checked. */
const EXAMPLES: TicketErrorDetail[] = [
  { code: "not_found", params: { ticketId: 7, number: "L-0007" } },
  { code: "already_taken", params: { number: "L-0007", takenBy: "Anna", byYou: false } },
  { code: "already_taken", params: { number: "L-0007", takenBy: "Anna", byYou: true } },
  { code: "taken_by_other", params: { number: "L-0007", takenBy: "Anna" } },
  { code: "closed", params: { number: "L-0007" } },
  { code: "invalid", params: { field: "text", problem: "empty" } },
  { code: "invalid", params: { field: "text", problem: "too_long", max: 4000 } },
  { code: "invalid", params: { field: "text", problem: "control_characters" } },
  { code: "invalid", params: { field: "navigator", problem: "invalid" } },
];

describe("the navigators' locale file", () => {
  it("words every ticket error code and fills every placeholder from its params", () => {
    expect(new Set(EXAMPLES.map((e) => e.code))).toEqual(new Set(TICKET_ERROR_CODES));
    for (const example of EXAMPLES) {
      const text = worded(ticketErrorKey(example), example.params);
      expect(text, ticketErrorKey(example)).not.toMatch(/\{\{|undefined/);
    }
    // No wording the service can no longer produce.
    expect(Object.keys(PHRASES.ticketErrors).sort()).toEqual([...new Set(EXAMPLES.map((e) => ticketErrorKey(e).replace("ticketErrors.", "")))].sort());
  });
});

describe("refused ticket actions in Teams", () => {
  let channel: Channel;
  let lotse: Lotse;
  let team: NavigatorTeam;
  const service = () => lotse.app.handoff.service;

  /** A new ticket and the id of its card in the navigators' channel. */
  async function ticketWithCard() {
    const before = team.cards().length;
    const ticket = await service().create(newTicket({}, channel.url));
    await waitFor(() => team.cards().length > before, { message: "a ticket card in the channel" });
    return { ticket, cardId: team.cards().at(-1)!.id };
  }

  beforeAll(async () => {
    channel = await startChannel();
    // Every ticket here comes from the same example contact; its daily limit has its own test.
    lotse = await startLotse(tempDataDir(), { TICKETS_PER_CONTACT_PER_DAY: "100" });
    team = new NavigatorTeam(lotse, channel);
    await team.pair();
  });
  afterAll(async () => {
    await lotse?.close();
    await channel?.close();
  });

  it("tells a navigator in German who took the ticket first", async () => {
    const { ticket, cardId } = await ticketWithCard();
    await service().take(ticket.id, { id: "token:a", name: "Konsole A" });
    const res = await team.click(ANNA, cardId, { action: "ticketTake", ticketId: ticket.id });
    const expected = worded("already_taken", { number: ticket.number, takenBy: "Konsole A" });
    expect(expected).toBe(`${ticket.number} wurde bereits von Konsole A übernommen.`);
    expect(texts(res.replies)).toEqual([expected]);
  });

  it("tells a navigator who clicks „Übernehmen“ twice that they have it already", async () => {
    const { ticket, cardId } = await ticketWithCard();
    expect(texts((await team.click(ANNA, cardId, { action: "ticketTake", ticketId: ticket.id })).replies)).toEqual([]);
    const res = await team.click(ANNA, cardId, { action: "ticketTake", ticketId: ticket.id });
    expect(texts(res.replies)).toEqual([`${ticket.number} wurde bereits von Ihnen übernommen.`]);
  });

  it("answers Action.Execute on a closed ticket with the German sentence", async () => {
    const { ticket, cardId } = await ticketWithCard();
    await service().close(ticket.id, { id: "token:a", name: "Konsole A" });
    const res = await team.execute(BERND, cardId, "close", { ticketId: ticket.id });
    // The error card: the reason above the ticket card as it is now.
    const body = JSON.parse(res.body) as { statusCode: number; type: string; value: Record<string, unknown> };
    expect(body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    expect(cardTexts(body.value)[0]).toBe(worded("closed", { number: ticket.number }));
  });

  it("words refused thread replies: someone else's ticket, a text that is too long", async () => {
    const { ticket, cardId } = await ticketWithCard();
    await team.click(ANNA, cardId, { action: "ticketTake", ticketId: ticket.id });
    const other = await team.reply(BERND, cardId, "Ich übernehme das.");
    expect(texts(other.replies)).toEqual([`${ticket.number} wurde von Anna Schmidt übernommen; nur sie/er kann antworten.`]);
    const huge = await team.reply(ANNA, cardId, "x".repeat(4001));
    expect(texts(huge.replies)).toEqual(["Der Text ist zu lang: höchstens 4000 Zeichen."]);
    expect((await service().get(ticket.id))!.messages.filter((m) => m.author === "navigator")).toEqual([]);
  });
});
