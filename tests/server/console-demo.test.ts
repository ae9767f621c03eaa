/** The demo chat at /demo: Bot Framework through the server's own channel, and the console's replies arriving there. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLotse, tempDataDir, type Lotse, type Wire } from "../helpers/bot-harness.js";
import { api, newTicket } from "../helpers/console.js";

let lotse: Lotse;
let token: string;

beforeAll(async () => {
  lotse = await startLotse(tempDataDir());
  token = lotse.app.console.tokens.create("Anna").token;
});
afterAll(async () => {
  await lotse.close();
});

async function demo(path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${lotse.url}/demo/api${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** One person in the demo page. */
class DemoUser {
  conversation = "";
  watermark = 0;
  seen: Wire[] = [];

  async start(locale = "de-DE"): Promise<void> {
    const res = await demo("/conversations", { locale });
    expect(res.status).toBe(200);
    this.conversation = res.body.conversation;
  }

  async say(text: string): Promise<Wire[]> {
    return this.send({ text });
  }

  async send(body: unknown): Promise<Wire[]> {
    const res = await demo(`/conversations/${this.conversation}/activities`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return this.fetch();
  }

  /** What arrived since the last fetch, as the page polls it. */
  async fetch(wait = 0): Promise<Wire[]> {
    const res = await demo(`/conversations/${this.conversation}/activities?watermark=${this.watermark}&wait=${wait}`);
    expect(res.status).toBe(200);
    this.watermark = res.body.watermark;
    this.seen.push(...res.body.activities);
    return res.body.activities;
  }
}

const botTexts = (activities: Wire[]) => activities.filter((a) => a.from?.role !== "user" && typeof a.text === "string").map((a) => a.text as string);
const cards = (activities: Wire[]) => activities.flatMap((a) => (a.attachments ?? []) as Wire[]).filter((a) => a.contentType === "application/vnd.microsoft.card.adaptive");

describe("the demo chat", () => {
  it("serves the page", async () => {
    const res = await fetch(`${lotse.url}/demo`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain("/demo/assets/demo.js");
    expect((await fetch(`${lotse.url}/demo/assets/demo.js`)).status).toBe(200);
  });

  it("welcomes the person and answers a question with a card, through the bot's own protocol", async () => {
    const user = new DemoUser();
    await user.start();
    const welcome = await user.fetch();
    expect(welcome.length).toBeGreaterThan(0);
    expect(welcome.every((a) => a.channelId === "webchat" && a.conversation.id === user.conversation)).toBe(true);

    const answer = await user.say("Was ist eine Einstiegsqualifizierung?");
    expect(answer[0]).toMatchObject({ type: "message", text: "Was ist eine Einstiegsqualifizierung?", from: { role: "user" } });
    expect(JSON.stringify(cards(answer))).toMatch(/Einstiegsqualifizierung/);
  });

  it("sends a card button's value to the bot", async () => {
    const user = new DemoUser();
    await user.start();
    await user.fetch();
    const shown = await user.send({ value: { action: "show", id: "einstiegsqualifizierung" } });
    expect(shown.some((a) => a.from?.role === "user")).toBe(false);
    expect(JSON.stringify(cards(shown))).toMatch(/Einstiegsqualifizierung/);
  });

  it("delivers a navigator's reply from the console into the chat, waking a waiting poll", async () => {
    const user = new DemoUser();
    await user.start();
    await user.fetch();
    const first = user.seen.find((a) => a.from?.role !== "user")!;
    const ticket = await lotse.app.handoff.service.create(
      newTicket({
        channel: "webchat",
        conversationId: user.conversation,
        conversationReference: {
          channelId: "webchat",
          serviceUrl: `${lotse.url}/demo`,
          conversation: { id: user.conversation },
          user: first.recipient,
          bot: first.from,
          locale: "de-DE",
        },
      }),
    );
    const waiting = user.fetch(10);
    const reply = await api(lotse, `/tickets/${ticket.id}/reply`, token, { body: { text: "Guten Tag, hier ist Anna vom Lotsen-Team." } });
    expect(reply.status).toBe(200);
    expect(reply.body.delivered).toBe(true);
    await waiting;
    const all = [...user.seen, ...(await user.fetch())];
    expect(botTexts(all).join("\n")).toContain("Guten Tag, hier ist Anna vom Lotsen-Team.");
  });

  it("hands a conversation over to the console and back: the acceptance path", async () => {
    const user = new DemoUser();
    await user.start();
    await user.fetch();
    await user.say("Was ist eine Einstiegsqualifizierung?");
    expect(botTexts(await user.send({ value: { action: "handoff" } })).join("\n")).toContain("Sind Sie einverstanden");
    await user.say("Ja, einverstanden");
    await user.say("Erika Demo");
    await user.say("Überspringen");
    expect(botTexts(await user.say("erika@example.org")).join("\n")).toContain("Einstiegsqualifizierung");
    const created = botTexts(await user.say("So senden")).join("\n");
    const number = /Nummer (L-\d{4})/.exec(created)?.[1];
    expect(number, created).toBeDefined();

    const queue = await api(lotse, "/tickets?status=open", token);
    const ticket = queue.body.tickets.find((t: { number: string }) => t.number === number);
    expect(ticket).toMatchObject({ name: "Erika Demo", contact: { kind: "email", value: "erika@example.org" }, channel: "webchat", question: "Was ist eine Einstiegsqualifizierung?" });

    const reply = await api(lotse, `/tickets/${ticket.id}/reply`, token, { body: { text: "Hallo Frau Demo, gern erkläre ich es Ihnen." } });
    expect(reply.body.delivered).toBe(true);
    expect(botTexts(await user.fetch()).join("\n")).toContain("Hallo Frau Demo, gern erkläre ich es Ihnen.");

    await user.say("Danke! Gilt das auch für Teilzeit?");
    const detail = await api(lotse, `/tickets/${ticket.id}`, token);
    expect(detail.body.messages.map((m: { author: string; text: string }) => [m.author, m.text]).slice(-2)).toEqual([
      ["navigator", "Hallo Frau Demo, gern erkläre ich es Ihnen."],
      ["user", "Danke! Gilt das auch für Teilzeit?"],
    ]);

    expect((await api(lotse, `/tickets/${ticket.id}/close`, token, { body: { note: "Im Chat beantwortet." } })).status).toBe(200);
    await user.fetch();
    const after = await user.say("Was ist eine Einstiegsqualifizierung?");
    expect(JSON.stringify(cards(after))).toMatch(/Einstiegsqualifizierung/);
  });

  it.each([
    ["an empty message", { text: "  " }],
    ["neither text nor value", {}],
    ["an unknown field", { text: "Hallo", from: "admin" }],
  ])("refuses %s with 400", async (_name, body) => {
    const user = new DemoUser();
    await user.start();
    expect((await demo(`/conversations/${user.conversation}/activities`, body)).status).toBe(400);
  });

  it("answers 404 for a conversation it does not know, and 400 for one that is no demo id", async () => {
    expect((await demo("/conversations/demo-00000000-0000-4000-8000-000000000000/activities", { text: "Hallo" })).status).toBe(404);
    expect((await demo("/conversations/../../api/messages/activities")).status).toBe(404);
    expect((await demo("/conversations/xyz/activities")).status).toBe(400);
  });
});

describe("the demo chat with an authenticated bot", () => {
  it("is off unless asked for", async () => {
    const secured = await startLotse(tempDataDir(), { MicrosoftAppId: "app", MicrosoftAppPassword: "secret" });
    try {
      expect((await fetch(`${secured.url}/demo`)).status).toBe(404);
    } finally {
      await secured.close();
    }
  });

  it("can be switched off in local mode", async () => {
    const off = await startLotse(tempDataDir(), { DEMO_CHAT: "false" });
    try {
      expect((await fetch(`${off.url}/demo`)).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
