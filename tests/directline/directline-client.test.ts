/**
 * The official Direct Line client (botframework-directlinejs, what Web Chat runs on) holds
 * conversations with Lotse through Lotse's own Direct Line, by WebSocket and by polling.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardButtons, cardsOf, cardTexts, startLotse, tempDataDir, type Lotse } from "../helpers/bot-harness.js";
import { connectVisitor, widgetToken, type Visitor, type Wire } from "../helpers/directline-client.js";
import { waitFor } from "../helpers/wait.js";

const DULDUNG = "Darf ich jemanden mit Duldung einstellen?";
const EQ_QUESTION = "Was ist eine Einstiegsqualifizierung?";
// "Welche Förderung gibt es?" now starts the funding guide (content/flows); a one-word question still clarifies.
const BROAD = "Ausbildung";
const NAVIGATOR = "Mit einer Lotsin / einem Lotsen sprechen";

const fromBot = (a: Wire) => a.from?.role === "bot" || a.from?.id === "lotse";
const card = (a: Wire) => cardsOf([a])[0];
const answerCard = (a: Wire) => fromBot(a) && !!card(a) && cardTexts(card(a)!).some((t) => /^Stand/.test(t));
const saying = (pattern: RegExp) => (a: Wire) => fromBot(a) && typeof a.text === "string" && pattern.test(a.text);

describe.each([
  { transport: "WebSocket", webSocket: true },
  { transport: "polling", webSocket: false },
])("Direct Line by $transport", ({ webSocket }) => {
  let lotse: Lotse;
  const visitors: Visitor[] = [];
  const visit = async () => {
    const session = await widgetToken(lotse.url);
    const v = connectVisitor({ domain: session.domain, token: session.token, webSocket });
    visitors.push(v);
    return { v, session };
  };

  beforeAll(async () => {
    lotse = await startLotse(tempDataDir(), { NAVIGATOR_PUBLIC_PHONE: "0202 74763-0", RATE_LIMIT_TOKENS_PER_MINUTE: "1000" });
  });
  afterAll(async () => {
    for (const v of visitors) v.end();
    await lotse.close();
  });

  it("welcomes on the first message, echoes it with the client's id, and answers it", async () => {
    const { v, session } = await visit();
    const id = await v.say(DULDUNG, { channelData: { clientActivityID: "web-1" } });
    expect(id).toMatch(new RegExp(`^${session.conversationId}\\|\\d{7}$`));

    // The welcome comes first, so the chat reads welcome, question, answer.
    const welcome = await v.next((a) => fromBot(a) && !!card(a));
    expect(cardTexts(card(welcome)!).join(" ")).toMatch(/Willkommen bei Lotse/);
    const echo = await v.next((a) => a.id === id);
    expect(echo).toMatchObject({ type: "message", text: DULDUNG, channelData: { clientActivityID: "web-1" }, from: { role: "user" } });
    // The server says who speaks and when, not the client.
    expect(echo.from.id).toMatch(/^dl_/);
    expect(echo.from.id).not.toBe("ignored-by-server");
    expect(Date.parse(echo.timestamp)).toBeGreaterThan(Date.now() - 60_000);

    const answer = await v.next(answerCard);
    expect(cardTexts(card(answer)!)[0]).toMatch(/Duldung/);
    expect(answer.replyToId).toBe(id);
    // Watermarks only grow.
    const seqs = v.received.map((a) => Number(String(a.id).split("|")[1]));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it("takes the audience from the widget and does not ask for it", async () => {
    const { v } = await visit();
    await v.say(EQ_QUESTION, { channelData: { audience: "volunteer" } });
    await v.next(answerCard);
    expect(v.received.some((a) => (a.suggestedActions?.actions ?? []).some((s: Wire) => s.title === "Ehrenamtlich"))).toBe(false);
  });

  it("offers close candidates and answers the one the visitor picks", async () => {
    expect(lotse.app.knowledge.ask(BROAD).outcome).toBe("clarify");
    const { v } = await visit();
    await v.say(BROAD);
    const offer = await v.next((a) => fromBot(a) && (a.suggestedActions?.actions?.length ?? 0) >= 2 && !/Wer sind Sie|Sie sind/.test(a.text ?? ""));
    const titles = offer.suggestedActions.actions.map((s: Wire) => s.title);
    const expected = lotse.app.knowledge.ask(BROAD).alternatives.map((alt) => alt.title);
    expect(titles.slice(0, expected.length)).toEqual(expected);
    await v.say(titles[1]);
    const answer = await v.next(answerCard);
    expect(cardTexts(card(answer)!)[0]).toBe(titles[1]);
  });

  it("stores feedback given with the card's button", async () => {
    const { v } = await visit();
    await v.say(EQ_QUESTION);
    const answer = await v.next(answerCard);
    const helpful = cardButtons(card(answer)!).find((b) => b.data?.action === "feedback" && b.data?.helpful === true);
    expect(helpful).toEqual({ type: "Action.Submit", title: "Hilfreich", data: { action: "feedback", helpful: true, id: "einstiegsqualifizierung" } });
    await v.click(helpful!.data);
    await v.next(saying(/Danke/));
    const row = await lotse.app.db.selectFrom("feedback").select(["article_id", "helpful", "channel"]).orderBy("id", "desc").limit(1).executeTakeFirst();
    expect(row).toEqual({ article_id: "einstiegsqualifizierung", helpful: 1, channel: "directline" });
  });

  it("hands off to a navigator; a reply written while the visitor is away arrives when they come back", async () => {
    const { v, session } = await visit();
    await v.say(EQ_QUESTION);
    await v.next(answerCard);
    await v.say(NAVIGATOR);
    await v.next(saying(/Lesen können das nur die Lotsinnen und Lotsen/));
    await v.say("Ja, einverstanden");
    await v.next(saying(/Wie heißen Sie/));
    await v.say("Erika Muster");
    await v.next(saying(/Für welchen Betrieb/));
    await v.say("Überspringen");
    await v.next(saying(/E-Mail-Adresse oder Telefonnummer/));
    await v.say("erika@example.org");
    await v.next(saying(/soll ich sie so weitergeben/));
    await v.say("So senden");
    const created = await v.next(saying(/Ihre Anfrage hat die Nummer L-\d{4}/));
    const number = /L-(\d{4})/.exec(created.text)![1]!;
    const ticket = (await lotse.app.handoff.service.get(Number(number)))!;
    expect(ticket).toMatchObject({ status: "open", channel: "directline" });
    expect((await lotse.app.handoff.service.activeTicket(session.conversationId))?.id).toBe(ticket.id);

    // The visitor closes the tab.
    const watermark = (v.dl as unknown as { watermark: string }).watermark;
    v.end();
    const seen = v.received.length;

    const navigator = { id: "console:anna", name: "Anna Lotsin" };
    const sent = await lotse.app.handoff.service.reply(ticket.id, navigator, "Guten Tag Frau Muster, ich rufe Sie morgen an.");
    expect(sent.delivered).toBe(true);

    // Back later: a fresh token for the same conversation, and the client resumes from its watermark.
    const refreshed = await fetch(`${session.domain}/tokens/refresh`, { method: "POST", headers: { authorization: `Bearer ${session.token}` } });
    expect(refreshed.status).toBe(200);
    const { token } = (await refreshed.json()) as { token: string };
    const back = connectVisitor({ domain: session.domain, token, conversationId: session.conversationId, watermark, webSocket });
    visitors.push(back);
    const reply = await back.next(saying(/ich rufe Sie morgen an/));
    expect(reply.text).toMatch(/Anna Lotsin/);
    // Nothing the visitor had already seen comes again.
    const ids = back.received.map((a) => a.id);
    expect(ids.filter((id) => v.received.slice(0, seen).some((old) => old.id === id))).toEqual([]);

    // And the visitor can answer the navigator from there.
    const known = (await lotse.app.handoff.service.get(ticket.id))!.messages.length;
    await back.say("Danke, morgen passt.");
    const last = await waitFor(async () => (await lotse.app.handoff.service.get(ticket.id))!.messages[known], { message: "a new message in the ticket" });
    expect(last).toMatchObject({ author: "user", text: "Danke, morgen passt." });
  });
});
