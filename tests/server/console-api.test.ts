/** The navigator console's API over real HTTP: who gets in, what the routes do, what is audited. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ticket } from "../../src/handoff/index.js";
import { startChannel, startLotse, tempDataDir, type Channel, type Lotse } from "../helpers/bot-harness.js";
import { api, newTicket } from "../helpers/console.js";
import { CLIENT_ID, OTHER_TENANT_ID, startFakeEntra, type FakeEntra } from "../helpers/fake-entra.js";

let entra: FakeEntra;
let channel: Channel;
let lotse: Lotse;
/** Anna signs in through Teams SSO, Bernd with a personal API token. */
let anna: string;
let bernd: string;

beforeAll(async () => {
  entra = await startFakeEntra();
  channel = await startChannel();
  lotse = await startLotse(tempDataDir(), entra.env);
  anna = await entra.sign();
  bernd = (await lotse.app.console.tokens.create("Bernd")).token;
});
afterAll(async () => {
  await lotse.close();
  await channel.close();
  await entra.close();
});

const createTicket = (fields: Parameters<typeof newTicket>[0] = {}): Promise<Ticket> => lotse.app.handoff.service.create(newTicket(fields, channel.url));

describe("console authentication", () => {
  it.each<[string, () => Promise<string | undefined>]>([
    ["no token", async () => undefined],
    ["a forged signature", () => entra.sign({}, { forged: true })],
    ["an expired token", () => entra.sign({}, { expiresIn: Math.floor(Date.now() / 1000) - 600 })],
    ["a token of another tenant", () => entra.sign({ tid: OTHER_TENANT_ID, iss: `https://sts.windows.net/${OTHER_TENANT_ID}/` })],
    ["a token for another app", () => entra.sign({ aud: "api://other.example.org/11111111-2222-4333-8444-555555555555" })],
    ["an HS256 token", () => entra.sign({}, { alg: "HS256" })],
    ["a made-up API token", async () => `lotse_0123456789ab_${"x".repeat(43)}`],
  ])("refuses %s with 401 on every route", async (_name, token) => {
    const t = await token();
    for (const [path, body] of [["/tickets", undefined], ["/tickets/1", undefined], ["/tickets/1/take", {}], ["/unanswered.csv", undefined], ["/audit", undefined]] as const) {
      const res = await api(lotse, path, t, { body });
      expect(res.status, path).toBe(401);
      expect(res.body).toMatchObject({ error: "unauthorized" });
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
  });

  it("refuses a personal token once it is revoked", async () => {
    const { token } = await lotse.app.console.tokens.create("Temporär");
    expect((await api(lotse, "/me", token)).status).toBe(200);
    await lotse.app.console.tokens.revoke("Temporär");
    expect((await api(lotse, "/me", token)).status).toBe(401);
  });

  it("accepts a valid Entra ID token and names the navigator", async () => {
    const res = await api(lotse, "/me", anna);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ navigator: { id: "entra:5a5a5a5a-0000-4000-8000-000000000001", name: "Anna Lotsin", via: "entra" } });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("accepts a v2 token with the bare client id as audience", async () => {
    expect((await api(lotse, "/me", await entra.sign({ aud: CLIENT_ID }))).status).toBe(200);
  });

  it("accepts a valid personal API token", async () => {
    const res = await api(lotse, "/me", bernd);
    expect(res.body.navigator).toMatchObject({ name: "Bernd", via: "token" });
  });
});

describe("the ticket queue", () => {
  let first: Ticket;
  let second: Ticket;
  beforeAll(async () => {
    first = await createTicket();
    second = await createTicket({ name: "Max Mustermann", organisation: undefined, question: "Wer zahlt den Sprachkurs meines Azubis?" });
  });

  it("lists open tickets and finds them by name, question and number", async () => {
    const open = await api(lotse, "/tickets?status=open", bernd);
    expect(open.status).toBe(200);
    expect(open.body.tickets.map((t: Ticket) => t.number)).toEqual(expect.arrayContaining([first.number, second.number]));
    expect((await api(lotse, "/tickets?q=mustermann", bernd)).body.tickets.map((t: Ticket) => t.id)).toEqual([second.id]);
    expect((await api(lotse, "/tickets?q=sprachkurs", bernd)).body.tickets.map((t: Ticket) => t.id)).toEqual([second.id]);
    expect((await api(lotse, `/tickets?q=${first.number}`, bernd)).body.tickets.map((t: Ticket) => t.id)).toContain(first.id);
    expect((await api(lotse, "/tickets?status=closed", bernd)).body.tickets).toEqual([]);
  });

  it("shows a ticket with its transcript, by id or number", async () => {
    const res = await api(lotse, `/tickets/${first.number}`, anna);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: first.id, name: "Erika Muster", contact: { kind: "email", value: "erika@example.org" }, deliveries: [] });
    expect(res.body.messages.map((m: { author: string }) => m.author)).toEqual(["user", "bot"]);
  });

  it("lets one navigator take a ticket, reply to the person and close it with a note", async () => {
    const taken = await api(lotse, `/tickets/${first.id}/take`, anna, { body: {} });
    expect(taken.status).toBe(200);
    expect(taken.body.ticket).toMatchObject({ status: "taken", takenBy: { name: "Anna Lotsin" } });

    const again = await api(lotse, `/tickets/${first.id}/take`, bernd, { body: {} });
    expect(again.status).toBe(409);
    // A code with params for the console to word from its locale files; the message is English, for developers.
    expect(again.body).toEqual({
      error: "already_taken",
      message: `${first.number} was already taken by Anna Lotsin`,
      params: { number: first.number, takenBy: "Anna Lotsin", byYou: false },
    });
    expect((await api(lotse, `/tickets/${first.id}/reply`, bernd, { body: { text: "Hallo" } })).body).toMatchObject({
      error: "taken_by_other",
      params: { number: first.number, takenBy: "Anna Lotsin" },
    });

    const reply = await api(lotse, `/tickets/${first.id}/reply`, anna, { body: { text: "Guten Tag, ja – mit Erlaubnis der Ausländerbehörde." } });
    expect(reply.status).toBe(200);
    expect(reply.body.message).toMatchObject({ author: "navigator", authorName: "Anna Lotsin", text: "Guten Tag, ja – mit Erlaubnis der Ausländerbehörde." });
    expect(typeof reply.body.delivered).toBe("boolean");

    const closed = await api(lotse, `/tickets/${first.id}/close`, anna, { body: { note: "Telefonisch geklärt." } });
    expect(closed.status).toBe(200);
    expect(closed.body.ticket).toMatchObject({ status: "closed", closeNote: "Telefonisch geklärt.", closedBy: { name: "Anna Lotsin" } });
    expect((await api(lotse, `/tickets/${first.id}/close`, anna, { body: {} })).status).toBe(409);
    expect((await api(lotse, "/tickets?status=closed", bernd)).body.tickets.map((t: Ticket) => t.id)).toEqual([first.id]);
  });

  it("records who took, replied to and closed the ticket", async () => {
    const res = await api(lotse, `/audit?ticketId=${first.id}`, bernd);
    expect(res.status).toBe(200);
    expect(res.body.entries.map((e: { action: string; actor: { name: string } }) => [e.action, e.actor.name]).reverse()).toEqual([
      ["ticket.take", "Anna Lotsin"],
      ["ticket.reply", "Anna Lotsin"],
      ["ticket.close", "Anna Lotsin"],
    ]);
    // The number as navigators read it comes from the server; the console does not format it.
    expect(res.body.entries.map((e: { ticketNumber: string | null }) => e.ticketNumber)).toEqual(Array(3).fill(first.number));
  });

  it("lists failed webhook deliveries with the ticket number people read", async () => {
    const { store } = lotse.app.handoff;
    const delivery = await store.enqueueDelivery(second.id, "ticket.created", "{}");
    await store.recordAttempt(delivery.id, { status: "failed", error: "ECONNREFUSED" });
    const res = await api(lotse, "/webhook-deliveries", bernd);
    expect(res.status).toBe(200);
    expect(res.body.deliveries).toEqual([expect.objectContaining({ ticketId: second.id, ticketNumber: second.number, status: "failed", lastError: "ECONNREFUSED" })]);
  });

  it("answers 404 for a ticket that does not exist", async () => {
    const res = await api(lotse, "/tickets/99999", bernd);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: "not_found", message: "there is no ticket L-99999", params: { ticketId: 99999, number: "L-99999" } });
    expect((await api(lotse, "/tickets/99999/take", bernd, { body: {} })).body).toMatchObject({ error: "not_found", params: { number: "L-99999" } });
  });

  it.each<[string, string, unknown]>([
    ["a ticket id that is no number", "/tickets/abc", undefined],
    ["an unknown status", "/tickets?status=pending", undefined],
    ["a search that is too long", `/tickets?q=${"a".repeat(201)}`, undefined],
    ["an empty reply", `/tickets/1/reply`, { text: "   " }],
    ["a reply without text", `/tickets/1/reply`, {}],
    ["a reply with extra fields", `/tickets/1/reply`, { text: "Hallo", to: "someone" }],
    ["a reply that is too long", `/tickets/1/reply`, { text: "a".repeat(4001) }],
    ["a close note that is too long", `/tickets/1/close`, { note: "a".repeat(1001) }],
    ["a close note that is no string", `/tickets/1/close`, { note: 42 }],
    ["malformed JSON", `/tickets/1/reply`, "{\"text\": "],
    ["an audit page that is too large", "/audit?limit=100000", undefined],
  ])("answers 400 for %s", async (_name, path, body) => {
    const res = await api(lotse, path, bernd, { body });
    expect(res.status).toBe(400);
    const malformed = typeof body === "string";
    expect(res.body).toMatchObject(
      malformed
        ? { error: "ctp_invalid_json_body", message: "Body is not valid JSON but content-type is set to 'application/json'" }
        : { error: "bad_request", message: "the request is not valid" },
    );
  });

  it("pins the 400 body a client sees", async () => {
    const res = await api(lotse, "/tickets/L-x/reply", bernd, { body: { text: "" } });
    expect(res.body).toMatchInlineSnapshot(`
      {
        "details": [
          {
            "message": "must be a ticket number such as 42 or L-0042",
            "path": "id",
          },
        ],
        "error": "bad_request",
        "message": "the request is not valid",
      }
    `);
  });
});

describe("unanswered questions and feedback", () => {
  beforeAll(async () => {
    const records = lotse.app.bot.records;
    await records.saveUnanswered({ question: "Wer zahlt den Dolmetscher?", language: "de", candidates: ["a"], channel: "webchat" });
    await records.saveUnanswered({ question: "wer zahlt den Dolmetscher", language: "de", candidates: [], channel: "msteams" });
    await records.saveUnanswered({ question: "=1+2 Parkplatz", language: "de", candidates: [], channel: "webchat" });
    await records.saveFeedback({ articleId: "einstiegsqualifizierung", helpful: false, comment: "@Zu lang, \"bitte\" kürzen", language: "de", channel: "webchat" });
    await records.saveFeedback({ articleId: "einstiegsqualifizierung", helpful: true, language: "de", channel: "webchat" });
  });

  it("groups and counts the questions Lotse could not answer", async () => {
    const res = await api(lotse, "/unanswered", anna);
    expect(res.status).toBe(200);
    expect(res.body.questions).toBe(3);
    expect(res.body.groups.map((g: { question: string; count: number }) => [g.question, g.count])).toEqual([
      ["wer zahlt den Dolmetscher", 2],
      ["=1+2 Parkplatz", 1],
    ]);
  });

  it("exports them as CSV, safe for spreadsheets, and audits the export", async () => {
    const res = await api(lotse, "/unanswered.csv", anna);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="lotse-unbeantwortet-\d{4}-\d\d-\d\d\.csv"$/);
    const lines = res.text.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("question,count,first_asked_at,last_asked_at,languages,audiences,candidate_articles");
    expect(lines[1]).toMatch(/^wer zahlt den Dolmetscher,2,[^,]+,[^,]+,de,,a$/);
    expect(lines[2]).toMatch(/^"'=1\+2 Parkplatz",1,/);
    const audit = await api(lotse, "/audit", bernd);
    expect(audit.body.entries[0]).toMatchObject({ action: "export.unanswered", actor: { id: "entra:5a5a5a5a-0000-4000-8000-000000000001", name: "Anna Lotsin" }, ticketId: null, ticketNumber: null, detail: "2 rows" });
  });

  it("counts feedback per article with comments, and exports it as CSV", async () => {
    const res = await api(lotse, "/feedback", bernd);
    expect(res.body.articles).toEqual([
      expect.objectContaining({ articleId: "einstiegsqualifizierung", title: expect.stringMatching(/Einstiegsqualifizierung/), helpful: 1, notHelpful: 1, comments: [expect.objectContaining({ helpful: false, comment: "@Zu lang, \"bitte\" kürzen" })] }),
    ]);
    const csv = await api(lotse, "/feedback.csv", bernd);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(`,not helpful,"'@Zu lang, ""bitte"" kürzen",de,`);
    const audit = await api(lotse, "/audit?limit=1", bernd);
    expect(audit.body.entries).toEqual([expect.objectContaining({ action: "export.feedback", actor: expect.objectContaining({ name: "Bernd" }) })]);
  });
});
