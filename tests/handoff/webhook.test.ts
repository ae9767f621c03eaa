import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { TicketService } from "../../src/handoff/ticket-service.js";
import { TicketStore } from "../../src/handoff/ticket-store.js";
import { signBody, verifySignature, WebhookNotifier, type WebhookSettings } from "../../src/handoff/webhook-notifier.js";
import { SINGLE_NODE } from "../../src/handoff/leadership.js";
import { createLeadership } from "../../src/storage/coordination.js";
import type { Db } from "../../src/storage/database.js";
import { describeEachEngine } from "../helpers/database.js";
import { EmulatorUser, startChannel, startLotse, tempDataDir } from "../helpers/bot-harness.js";
import { waitFor } from "../helpers/wait.js";
import { freshDatabase, twoNodes } from "./databases.js";
import { newTicket } from "./fixtures.js";

const SECRET = "a-long-shared-secret-0123456789";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A webhook receiver answering with the given statuses in turn (the last one repeats). */
async function receiver(statuses: number[] = [204]): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      res.writeHead(statuses[Math.min(received.length - 1, statuses.length - 1)]!).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on: the receiver is down. */
async function deadUrl(): Promise<string> {
  const r = await receiver();
  await r.close();
  return r.url;
}

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function setup(settings: Partial<WebhookSettings> & { url: string }, db?: Db) {
  const store = new TicketStore(db ?? (await freshDatabase("sqlite")).db);
  const webhook = new WebhookNotifier({ store, settings: { secret: SECRET, retries: 3, backoffMs: 40, timeoutMs: 2000, ...settings } });
  closers.push(() => webhook.close());
  const service = new TicketService({ store, listeners: [webhook] });
  return { store, webhook, service };
}

describe("the webhook", () => {
  it("POSTs each ticket event as JSON signed with HMAC-SHA256 over the body", async () => {
    const r = await receiver();
    closers.push(r.close);
    const { service, webhook } = await setup({ url: r.url });
    const t = await service.create(newTicket());
    await service.take(t.id, { id: "token:anna", name: "Anna Schmidt" });
    await webhook.idle();

    expect(r.received.map((x) => x.headers["x-lotse-event"])).toEqual(["ticket.created", "ticket.taken"]);
    for (const { headers, body } of r.received) {
      expect(headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(headers["x-lotse-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(verifySignature(body, headers["x-lotse-signature"] as string, SECRET)).toBe(true);
    }
    const created = JSON.parse(r.received[0]!.body);
    expect(created).toMatchObject({
      event: "ticket.created",
      ticket: { id: t.id, number: "L-0001", status: "open", name: "Erika Muster", contact: { kind: "email", value: "erika@example.org" }, question: "Darf ich jemanden mit Duldung einstellen?" },
    });
    expect(JSON.parse(r.received[1]!.body).ticket).toMatchObject({ status: "taken", takenBy: "Anna Schmidt" });
    expect((await service.webhookDeliveries(t.id)).map((d) => [d.event, d.status, d.attempts])).toEqual([
      ["ticket.created", "delivered", 1],
      ["ticket.taken", "delivered", 1],
    ]);
  });

  it("signatures do not verify with another secret, another body or no header", () => {
    const body = '{"event":"ticket.created"}';
    const signature = signBody(body, SECRET);
    expect(verifySignature(body, signature, SECRET)).toBe(true);
    expect(verifySignature(body, signature, "another-secret-0123456789")).toBe(false);
    expect(verifySignature(`${body} `, signature, SECRET)).toBe(false);
    expect(verifySignature(body, undefined, SECRET)).toBe(false);
    expect(verifySignature(body, "sha256=", SECRET)).toBe(false);
  });

  it("retries with exponential backoff while the receiver is down, then marks the delivery failed", async () => {
    const { service, webhook } = await setup({ url: await deadUrl(), retries: 3, backoffMs: 40 });
    const t = await service.create(newTicket());
    const [pending] = await service.webhookDeliveries(t.id);
    expect(pending).toMatchObject({ status: "pending" });
    await webhook.idle();
    const [failed] = await service.webhookDeliveries(t.id);
    expect(failed).toMatchObject({ event: "ticket.created", status: "failed", attempts: 4, lastError: "ECONNREFUSED", nextAttemptAt: null });
    expect((await service.webhookDeliveries()).map((d) => d.id)).toEqual([failed!.id]);
    expect([1, 2, 3].map((n) => webhook.backoff(n))).toEqual([40, 80, 160]);
  });

  it("waits longer before each retry and delivers once the receiver is back", async () => {
    const r = await receiver([503, 500, 200]);
    closers.push(r.close);
    const { service, webhook } = await setup({ url: r.url, retries: 3, backoffMs: 50 });
    const t = await service.create(newTicket());
    await webhook.idle();
    expect(r.received).toHaveLength(3);
    const gaps = [r.received[1]!.at - r.received[0]!.at, r.received[2]!.at - r.received[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(45);
    expect(gaps[1]).toBeGreaterThanOrEqual(95);
    expect(new Set(r.received.map((x) => x.body)).size).toBe(1);
    expect(new Set(r.received.map((x) => x.headers["x-lotse-delivery"])).size).toBe(1);
    expect((await service.webhookDeliveries(t.id))[0]).toMatchObject({ status: "delivered", attempts: 3, lastError: null });
  });

  it("does not retry a receiver that refuses the request itself (4xx) or redirects", async () => {
    for (const status of [400, 401, 302]) {
      const r = await receiver([status]);
      closers.push(r.close);
      const { service, webhook } = await setup({ url: r.url });
      const t = await service.create(newTicket());
      await webhook.idle();
      expect(r.received).toHaveLength(1);
      expect((await service.webhookDeliveries(t.id))[0]).toMatchObject({ status: "failed", attempts: 1, lastError: `HTTP ${status}` });
    }
  });

  it("sends pending deliveries once they are due after a restart", async () => {
    const { db } = await freshDatabase("sqlite");
    const down = await setup({ url: await deadUrl(), backoffMs: 60_000 }, db);
    const t = await down.service.create(newTicket());
    await waitFor(async () => (await down.service.webhookDeliveries(t.id))[0]?.attempts === 1, { message: "the first delivery attempt" });
    down.webhook.close();
    await down.webhook.idle();
    expect((await down.service.webhookDeliveries(t.id))[0]).toMatchObject({ status: "pending", attempts: 1 });

    const r = await receiver();
    closers.push(r.close);
    let clock = Date.now();
    const up = new WebhookNotifier({ store: new TicketStore(db), settings: { url: r.url, secret: SECRET, retries: 3, backoffMs: 10, timeoutMs: 2000 }, now: () => new Date(clock) });
    closers.push(() => up.close());
    // The retry is due in a minute: nothing to send yet.
    expect(await up.sweep()).toBe(0);
    clock += 120_000;
    expect(await up.sweep()).toBe(1);
    await up.idle();
    expect(r.received).toHaveLength(1);
    expect((await down.service.webhookDeliveries(t.id))[0]).toMatchObject({ status: "delivered", attempts: 2 });
    expect(await up.sweep()).toBe(0);
  });

  it("sends the tickets of a real handoff when WEBHOOK_URL is set", async () => {
    const r = await receiver();
    closers.push(r.close);
    const channel = await startChannel();
    closers.push(channel.close);
    const lotse = await startLotse(tempDataDir(), { WEBHOOK_URL: r.url, WEBHOOK_SECRET: SECRET, WEBHOOK_BACKOFF_MS: "20" });
    closers.push(lotse.close);
    const u = new EmulatorUser(lotse, channel, "expectReplies");
    for (const text of ["Mit einer Lotsin / einem Lotsen sprechen", "Ja, einverstanden", "Erika Muster", "Überspringen", "0202 1234567", "Wie beantrage ich eine Beschäftigungserlaubnis?"]) {
      await u.say(text);
    }
    await lotse.app.handoff.webhook!.idle();
    expect(r.received).toHaveLength(1);
    const [{ body, headers }] = r.received as [Received];
    expect(verifySignature(body, headers["x-lotse-signature"] as string, SECRET)).toBe(true);
    expect(JSON.parse(body)).toMatchObject({ event: "ticket.created", ticket: { contact: { kind: "phone", value: "+492021234567" }, question: "Wie beantrage ich eine Beschäftigungserlaubnis?" } });
  });
});

describeEachEngine("the webhook on two nodes", (engine) => {
  it.each(["claims only", "claims and leadership"])("sends each due delivery once when both nodes sweep at the same time (%s)", async (mode) => {
    const r = await receiver();
    closers.push(r.close);
    const databases = await twoNodes(engine);
    const store = new TicketStore(databases[0].db);
    const t = await store.create(newTicket());
    for (let i = 0; i < 5; i++) await store.enqueueDelivery(t.id, "ticket.message", `{"n":${i}}`);
    const nodes = databases.map((database) => {
      const notifier = new WebhookNotifier({
        store: new TicketStore(database.db),
        settings: { url: r.url, secret: SECRET, retries: 3, backoffMs: 10, timeoutMs: 2000 },
        leadership: mode === "claims only" ? SINGLE_NODE : createLeadership(database),
      });
      closers.push(() => notifier.close());
      return notifier;
    });
    const attempted = await Promise.all(nodes.map((n) => n.sweep()));
    await Promise.all(nodes.map((n) => n.idle()));
    expect(attempted[0]! + attempted[1]!).toBe(5);
    expect(r.received.map((x) => x.body).sort()).toEqual([0, 1, 2, 3, 4].map((n) => `{"n":${n}}`));
    expect((await store.deliveries(t.id)).map((d) => [d.status, d.attempts])).toEqual(Array(5).fill(["delivered", 1]));
  });
});
