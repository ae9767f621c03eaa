/**
 * Lotse's Direct Line over real HTTP: the protocol's shapes, tokens bound to one conversation,
 * and what bad or hostile input gets (a clear 4xx, never a 5xx).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { TokenIssuer } from "../../src/directline/tokens.js";
import { startLotse, tempDataDir, type Lotse } from "../helpers/bot-harness.js";

const KEY = "k".repeat(40);
// Every conversation here comes from one address; the abuse limits have their own test below.
const ENV = { DIRECT_LINE_SIGNING_KEY: KEY, RATE_LIMIT_TOKENS_PER_MINUTE: "1000" };
const json = { "content-type": "application/json" };

let lotse: Lotse;
let dataDir: string;
let dl: string;

async function session(): Promise<{ conversationId: string; token: string; expires_in: number }> {
  const res = await fetch(`${dl}/tokens/generate`, { method: "POST" });
  expect(res.status).toBe(200);
  return (await res.json()) as never;
}

function post(conversationId: string, token: string | undefined, body: unknown, raw?: string) {
  return fetch(`${dl}/conversations/${conversationId}/activities`, {
    method: "POST",
    headers: { ...json, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: raw ?? JSON.stringify(body),
  });
}

async function storedConversations(): Promise<number> {
  const row = await lotse.app.db.selectFrom("directline_conversations").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

function read(conversationId: string, token: string, watermark = "") {
  return fetch(`${dl}/conversations/${conversationId}/activities?watermark=${watermark}`, { headers: { authorization: `Bearer ${token}` } });
}

/** Resolves with the HTTP status the upgrade was refused with, or 101 when it was accepted. */
function upgrade(url: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on("open", () => {
      ws.close();
      resolve(101);
    });
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("error", () => resolve(0));
  });
}

beforeAll(async () => {
  dataDir = tempDataDir();
  lotse = await startLotse(dataDir, ENV);
  dl = `${lotse.url}/v3/directline`;
});
afterAll(async () => lotse?.close());

describe("Direct Line protocol", () => {
  it("issues a conversation-bound token that expires in 30 minutes", async () => {
    const s = await session();
    expect(s.conversationId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(s.expires_in).toBe(1800);
    const claims = JSON.parse(Buffer.from(s.token.split(".")[1]!, "base64url").toString());
    expect(claims).toMatchObject({ conv: s.conversationId, user: expect.stringMatching(/^dl_/) });
  });

  it("starts the conversation with 201 and a WebSocket stream URL, and refreshes the token", async () => {
    const s = await session();
    const started = await fetch(`${dl}/conversations`, { method: "POST", headers: { ...json, authorization: `Bearer ${s.token}` }, body: "{}" });
    expect(started.status).toBe(201);
    const body = (await started.json()) as { conversationId: string; streamUrl: string };
    expect(body.conversationId).toBe(s.conversationId);
    expect(body.streamUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${s.conversationId}/stream\\?t=`));
    expect(await upgrade(body.streamUrl)).toBe(101);

    const refreshed = await fetch(`${dl}/tokens/refresh`, { method: "POST", headers: { authorization: `Bearer ${s.token}` } });
    expect(refreshed.status).toBe(200);
    expect(await refreshed.json()).toMatchObject({ conversationId: s.conversationId, token: expect.any(String), expires_in: 1800 });
  });

  it("stores nothing before the visitor sends something", async () => {
    const before = await storedConversations();
    const s = await session();
    await fetch(`${dl}/conversations`, { method: "POST", headers: { authorization: `Bearer ${s.token}` } });
    expect(await (await read(s.conversationId, s.token)).json()).toEqual({ activities: [], watermark: "0" });
    expect(await storedConversations()).toBe(before);
    const state = await lotse.app.db
      .selectFrom("bot_state")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("key", "like", `%${s.conversationId}%`)
      .executeTakeFirstOrThrow();
    expect(Number(state.n)).toBe(0);
  });

  it("returns the bot's replies in the POST's wake, from a watermark on", async () => {
    const s = await session();
    const res = await post(s.conversationId, s.token, { type: "message", text: "Was ist eine Einstiegsqualifizierung?" });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    const all = (await (await read(s.conversationId, s.token)).json()) as { activities: { id: string; replyToId?: string; from: { role?: string } }[]; watermark: string };
    const at = all.activities.findIndex((a) => a.id === id);
    // Before it: the welcome card and the question who is asking.
    expect(at).toBe(2);
    // The welcome before the question, the answer after it.
    expect(all.activities.slice(0, at).every((a) => a.from.role === "bot" && a.replyToId !== id)).toBe(true);
    expect(all.activities.slice(at + 1).some((a) => a.replyToId === id)).toBe(true);
    expect(all.watermark).toBe(String(all.activities.length));
    const tail = (await (await read(s.conversationId, s.token, "1")).json()) as { activities: unknown[] };
    expect(tail.activities).toHaveLength(all.activities.length - 1);
  });
});

describe("Direct Line tokens", () => {
  it("refuses a missing, forged or foreign token with 401 and an expired one with 403", async () => {
    const s = await session();
    const noToken = await post(s.conversationId, undefined, { type: "message", text: "Hallo" });
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get("www-authenticate")).toMatch(/^Bearer/);

    const forger = new TokenIssuer(new TextEncoder().encode("x".repeat(40)));
    const forged = await forger.issue({ conv: s.conversationId, user: "dl_attacker0000" });
    expect((await post(s.conversationId, forged.token, { type: "message", text: "Hallo" })).status).toBe(401);
    expect((await read(s.conversationId, forged.token)).status).toBe(401);
    expect((await post(s.conversationId, "not.a.jwt", { type: "message", text: "Hallo" })).status).toBe(401);
    const alg = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${s.token.split(".")[1]}.`;
    expect((await read(s.conversationId, alg)).status).toBe(401);

    const past = new TokenIssuer(new TextEncoder().encode(KEY), () => Date.now() - 31 * 60_000);
    const expired = await past.issue({ conv: s.conversationId, user: "dl_someone00000" });
    const res = await read(s.conversationId, expired.token);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: "token_expired" });
    expect((await fetch(`${dl}/tokens/refresh`, { method: "POST", headers: { authorization: `Bearer ${expired.token}` } })).status).toBe(403);
  });

  it("never lets a token read or write another conversation", async () => {
    const alice = await session();
    const mallory = await session();
    await post(alice.conversationId, alice.token, { type: "message", text: "Was ist eine Einstiegsqualifizierung?" });
    expect((await read(alice.conversationId, mallory.token)).status).toBe(403);
    expect((await post(alice.conversationId, mallory.token, { type: "message", text: "Hallo" })).status).toBe(403);
    expect((await fetch(`${dl}/conversations/${alice.conversationId}`, { headers: { authorization: `Bearer ${mallory.token}` } })).status).toBe(403);
    expect(await upgrade(`${dl.replace("http", "ws")}/conversations/${alice.conversationId}/stream?t=${mallory.token}`)).toBe(403);
    expect(await upgrade(`${dl.replace("http", "ws")}/conversations/${alice.conversationId}/stream?t=forged`)).toBe(401);
  });
});

describe("Direct Line input", () => {
  const deep = (n: number): unknown => (n === 0 ? "x" : { a: deep(n - 1) });
  const cases: [string, unknown, number, string?][] = [
    ["an empty body", undefined, 400, ""],
    ["malformed JSON", undefined, 400, '{"type": "message", "text": '],
    ["an array", [{ type: "message", text: "hi" }], 400],
    ["a message without text or value", { type: "message" }, 400],
    ["whitespace only", { type: "message", text: "   " }, 400],
    ["an unknown type", { type: "invoke", name: "x", value: {} }, 400],
    ["a type the bot sends, not the visitor", { type: "endOfConversation" }, 400],
    ["text over 20,000 characters", { type: "message", text: "a".repeat(20_001) }, 400],
    ["a body over the limit", { type: "message", text: "a".repeat(300_000) }, 413],
    ["a deeply nested value", { type: "message", value: deep(40) }, 400],
    ["a huge value", { type: "message", value: { blob: "x".repeat(10_000) } }, 400],
    ["an attachment upload", { type: "message", text: "hi", attachments: [{ contentType: "image/png", contentUrl: "http://x" }] }, 400],
    ["a bad locale", { type: "message", text: "hi", locale: "<script>" }, 400],
    ["a string value", { type: "message", value: "show" }, 400],
  ];
  /** What the client reads for the refusals that are not a plain schema violation. */
  const errors: Record<string, unknown> = {
    "an empty body": { error: "ctp_empty_json_body", message: "Body cannot be empty when content-type is set to 'application/json'" },
    "malformed JSON": { error: "ctp_invalid_json_body", message: "Body is not valid JSON but content-type is set to 'application/json'" },
    "a body over the limit": { error: "ctp_body_too_large", message: "Request body is too large" },
  };
  it.each(cases)("refuses %s with a clear 4xx", async (what, body, status, raw) => {
    const s = await session();
    const res = await post(s.conversationId, s.token, body, raw);
    expect(res.status).toBe(status);
    const answer = (await res.json()) as { error: string; message: string };
    expect(answer).toMatchObject(errors[what] ?? { error: "bad_request", message: "the request is not valid" });
    // Nothing was stored for a refused first message.
    expect(await (await read(s.conversationId, s.token)).json()).toEqual({ activities: [], watermark: "0" });
  });

  it("refuses bad ids and watermarks with 400", async () => {
    const s = await session();
    expect((await read(s.conversationId, s.token, "abc")).status).toBe(400);
    expect((await read(s.conversationId, s.token, "1".repeat(40))).status).toBe(400);
    const bad = await fetch(`${dl}/conversations/${encodeURIComponent("../../etc/passwd")}/activities`, { headers: { authorization: `Bearer ${s.token}` } });
    expect([400, 404]).toContain(bad.status);
    // Fastify refuses over-long path parameters before any handler runs.
    expect((await fetch(`${dl}/conversations/${"a".repeat(300)}/activities`, { headers: { authorization: `Bearer ${s.token}` } })).status).toBe(414);
  });

  it("answers a card value it does not know without acting on it", async () => {
    const s = await session();
    const res = await post(s.conversationId, s.token, { type: "message", value: { action: "show", id: "../../secret" } });
    expect(res.status).toBe(200);
    const { activities } = (await (await read(s.conversationId, s.token)).json()) as { activities: { text?: string }[] };
    expect(activities.map((a) => a.text).join(" ")).toMatch(/Diese Schaltfläche kann ich nicht \(mehr\) ausführen/);
  });

  it("takes a flood of concurrent messages in order, none lost or duplicated", async () => {
    const s = await session();
    const texts = Array.from({ length: 12 }, (_, i) => `Frage ${i}: Was ist eine Einstiegsqualifizierung?`);
    const results = await Promise.all(texts.map((text) => post(s.conversationId, s.token, { type: "message", text })));
    expect(results.map((r) => r.status).every((st) => st === 200 || st === 429)).toBe(true);
    const accepted = results.filter((r) => r.status === 200).length;
    const { activities } = (await (await read(s.conversationId, s.token)).json()) as { activities: { id: string; from: { role: string }; text?: string }[] };
    const mine = activities.filter((a) => a.from.role === "user");
    expect(mine).toHaveLength(accepted);
    expect(new Set(activities.map((a) => a.id)).size).toBe(activities.length);
  });
});

describe("Direct Line across a restart", () => {
  it("resumes the conversation with its history after the server restarts", async () => {
    const s = await session();
    await post(s.conversationId, s.token, { type: "message", text: "Was ist eine Einstiegsqualifizierung?" });
    const before = (await (await read(s.conversationId, s.token)).json()) as { activities: unknown[]; watermark: string };
    await lotse.close();
    lotse = await startLotse(dataDir, ENV);
    dl = `${lotse.url}/v3/directline`;
    const after = (await (await read(s.conversationId, s.token)).json()) as { activities: unknown[]; watermark: string };
    expect(after).toEqual(before);
    const next = await post(s.conversationId, s.token, { type: "message", text: "Danke" });
    expect(next.status).toBe(200);
    expect(((await next.json()) as { id: string }).id).toBe(`${s.conversationId}|${String(Number(before.watermark) + 1).padStart(7, "0")}`);
  });
});

describe("Direct Line abuse limits", () => {
  let limited: Lotse;
  beforeAll(async () => {
    limited = await startLotse(tempDataDir(), { RATE_LIMIT_TOKENS_PER_MINUTE: "5", RATE_LIMIT_ACTIVITIES_PER_MINUTE_CONVERSATION: "6" });
  });
  afterAll(async () => limited?.close());

  it("answers a flood of token requests with 429 and Retry-After", async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${limited.url}/v3/directline/tokens/generate`, { method: "POST" });
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get("retry-after");
        expect(await res.json()).toMatchObject({ error: "rate_limited" });
      }
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    // Whole seconds until the one-minute window ends.
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    expect((await fetch(`${limited.url}/api/widget/token`, { method: "POST", headers: json, body: "{}" })).status).toBe(429);
  });

  it("limits one conversation's posts without touching another conversation", async () => {
    const other = await startLotse(tempDataDir(), { RATE_LIMIT_ACTIVITIES_PER_MINUTE_CONVERSATION: "6" });
    try {
      const start = async () => (await (await fetch(`${other.url}/v3/directline/tokens/generate`, { method: "POST" })).json()) as { conversationId: string; token: string };
      const flood = await start();
      const calm = await start();
      const send = (s: { conversationId: string; token: string }, text: string) =>
        fetch(`${other.url}/v3/directline/conversations/${s.conversationId}/activities`, { method: "POST", headers: { ...json, authorization: `Bearer ${s.token}` }, body: JSON.stringify({ type: "message", text }) });
      const statuses: number[] = [];
      for (let i = 0; i < 9; i++) statuses.push((await send(flood, `Frage ${i}`)).status);
      expect(statuses.filter((st) => st === 200)).toHaveLength(6);
      expect(statuses.slice(6)).toEqual([429, 429, 429]);
      // A person asking a few questions at their own pace never meets the limit.
      for (const q of ["Was ist eine Einstiegsqualifizierung?", "Gibt es einen Lohnkostenzuschuss?", "Danke"]) expect((await send(calm, q)).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
