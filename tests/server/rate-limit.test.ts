/** Abuse limits on the public routes, as a client sees them: 429, Retry-After, a JSON error. */
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { buildApp } from "../../src/server/app.js";
import { bundledEngine, CONTENT_DIR } from "../helpers/engine.js";
import { tempDir } from "../helpers/temp.js";

const QUESTIONS = [
  "Was ist eine Einstiegsqualifizierung?",
  "Darf ich jemanden mit Duldung einstellen?",
  "Gibt es einen Lohnkostenzuschuss?",
  "Wer zahlt den Sprachkurs meines Azubis?",
  "Was ist eine Beschäftigungserlaubnis?",
  "Wie lange dauert eine Ausbildungsduldung?",
  "Welche Förderung gibt es für Praktika?",
  "Wo finde ich die Ausländerbehörde?",
  "Brauche ich eine Arbeitserlaubnis für ein Praktikum?",
  "Was kostet ein Integrationskurs?",
];

let apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.map((a) => a.close()));
  apps = [];
});

async function lotse(env: Record<string, string> = {}, logs?: string[]): Promise<FastifyInstance> {
  const config = loadConfig({ DATA_DIR: tempDir("limit"), CONTENT_DIR, LOG_LEVEL: "silent", ...env });
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs?.push(chunk.toString("utf8"));
      done();
    },
  });
  const app = await buildApp({ config, engine: bundledEngine(), logger: logs ? { level: "warn", stream } : false });
  apps.push(app);
  return app;
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: "127.0.0.1", port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

const ask = (base: string, question: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/ask`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ question }) });

const askFrom = (app: FastifyInstance, remoteAddress: string, question = "Was ist eine Einstiegsqualifizierung?") =>
  app.inject({ method: "POST", url: "/api/ask", remoteAddress, payload: { question } });

describe("POST /api/ask limits", () => {
  it("never limits a person asking ten questions in a row (defaults)", async () => {
    const base = await listen(await lotse());
    for (const q of QUESTIONS) {
      const res = await ask(base, q);
      expect(res.status, q).toBe(200);
      expect(res.headers.get("retry-after")).toBeNull();
      expect((await res.json()).question).toBe(q);
    }
  });

  it("answers a flood with 429, Retry-After in seconds and a JSON error", async () => {
    const base = await listen(await lotse({ RATE_LIMIT_ASK_PER_MINUTE: "5" }));
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 12; i++) {
      const res = await ask(base, QUESTIONS[i % QUESTIONS.length]!);
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
      else await res.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429, 429, 429, 429, 429]);
    const retryAfter = limited!.headers.get("retry-after")!;
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    expect(limited!.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await limited!.json()).toEqual({ error: "rate_limited", message: `too many requests from this address; try again in ${retryAfter} seconds` });
  });

  it("counts malformed and oversized requests too, and refuses them before reading them", async () => {
    const base = await listen(await lotse({ RATE_LIMIT_ASK_PER_MINUTE: "3" }));
    const junk = () => fetch(`${base}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect((await junk()).status).toBe(400);
    expect((await junk()).status).toBe(400);
    expect((await junk()).status).toBe(400);
    const big = await fetch(`${base}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: "x".repeat(300 * 1024) }) });
    expect(big.status).toBe(429);
    expect((await ask(base, QUESTIONS[0]!)).status).toBe(429);
  });

  it("limits per client address: one flooding client does not lock out another", async () => {
    const app = await lotse({ RATE_LIMIT_ASK_PER_MINUTE: "3" });
    for (let i = 0; i < 3; i++) expect((await askFrom(app, "203.0.113.7")).statusCode).toBe(200);
    const flooded = await askFrom(app, "203.0.113.7");
    expect(flooded.statusCode).toBe(429);
    expect(flooded.json()).toMatchObject({ error: "rate_limited" });
    expect((await askFrom(app, "198.51.100.20")).statusCode).toBe(200);
    // IPv6 clients get a /64 each (one household or server), not one limit per address.
    for (let i = 0; i < 3; i++) expect((await askFrom(app, `2001:db8:1:2::${i + 1}`)).statusCode).toBe(200);
    expect((await askFrom(app, "2001:db8:1:2::99")).statusCode).toBe(429);
    expect((await askFrom(app, "2001:db8:1:3::1")).statusCode).toBe(200);
  });

  it("behind a trusted proxy (TRUST_PROXY) limits each forwarded client on its own", async () => {
    const base = await listen(await lotse({ RATE_LIMIT_ASK_PER_MINUTE: "2", TRUST_PROXY: "127.0.0.1" }));
    const from = (client: string) => ask(base, QUESTIONS[0]!, { "x-forwarded-for": client });
    expect((await from("203.0.113.7")).status).toBe(200);
    expect((await from("203.0.113.7")).status).toBe(200);
    expect((await from("203.0.113.7")).status).toBe(429);
    expect((await from("198.51.100.20")).status).toBe(200);
  });

  it("without TRUST_PROXY ignores X-Forwarded-For, so a client cannot dodge the limit by inventing addresses", async () => {
    const base = await listen(await lotse({ RATE_LIMIT_ASK_PER_MINUTE: "2" }));
    const statuses = [];
    for (const client of ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) statuses.push((await ask(base, QUESTIONS[0]!, { "x-forwarded-for": client })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it("logs that a limit was hit with a code, not who hit it", async () => {
    const logs: string[] = [];
    const app = await lotse({ RATE_LIMIT_ASK_PER_MINUTE: "1" }, logs);
    for (let i = 0; i < 4; i++) await askFrom(app, "203.0.113.7");
    const lines = logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.code === "rate_limit.exceeded");
    // Once per limit and minute, not once per refused request.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ limit: "ask", max: 1, rejected: 1 });
    expect(logs.join("\n")).not.toContain("203.0.113");
  });
});

describe("app.limits for other plugins (Direct Line)", () => {
  async function withActivityRoute(env: Record<string, string>) {
    const app = await lotse(env);
    const perConversation = app.limits.activityPerConversation((req) => (req.params as { conversationId?: string }).conversationId);
    app.post("/test/conversations/:conversationId/activities", { onRequest: [app.limits.activityPerIp, perConversation] }, async () => ({ ok: true }));
    app.post("/test/tokens", { onRequest: app.limits.token }, async () => ({ ok: true }));
    const post = (url: string, remoteAddress = "203.0.113.7") => app.inject({ method: "POST", url, remoteAddress });
    return { app, post };
  }

  it("limits activities per conversation and, across conversations, per address", async () => {
    const { post } = await withActivityRoute({ RATE_LIMIT_ACTIVITIES_PER_MINUTE_CONVERSATION: "2", RATE_LIMIT_ACTIVITIES_PER_MINUTE_IP: "5" });
    expect((await post("/test/conversations/a/activities")).statusCode).toBe(200);
    expect((await post("/test/conversations/a/activities")).statusCode).toBe(200);
    const chatty = await post("/test/conversations/a/activities");
    expect(chatty.statusCode).toBe(429);
    expect(chatty.headers["retry-after"]).toMatch(/^\d+$/);
    expect(chatty.json()).toMatchObject({ error: "rate_limited", message: expect.stringMatching(/^too many requests in this conversation; try again in \d+ seconds$/) });
    // Another conversation from the same address still goes through, until the address's limit.
    expect((await post("/test/conversations/b/activities")).statusCode).toBe(200);
    expect((await post("/test/conversations/c/activities")).statusCode).toBe(200);
    const perIp = await post("/test/conversations/d/activities");
    expect(perIp.statusCode).toBe(429);
    expect(perIp.json().message).toMatch(/from this address/);
    // Another address is not affected by either.
    expect((await post("/test/conversations/e/activities", "198.51.100.20")).statusCode).toBe(200);
  });

  it("limits tokens per address", async () => {
    const { post } = await withActivityRoute({ RATE_LIMIT_TOKENS_PER_MINUTE: "2" });
    expect([(await post("/test/tokens")).statusCode, (await post("/test/tokens")).statusCode, (await post("/test/tokens")).statusCode]).toEqual([200, 200, 429]);
    expect((await post("/test/tokens", "198.51.100.20")).statusCode).toBe(200);
  });
});
