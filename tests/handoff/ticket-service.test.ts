import { describe, expect, it } from "vitest";
import { TicketService, type TicketEvent, type UserRelay } from "../../src/handoff/ticket-service.js";
import { TicketStore, type Ticket } from "../../src/handoff/ticket-store.js";
import { freshDatabase } from "./databases.js";
import { newTicket } from "./fixtures.js";

const anna = { id: "token:anna", name: "Anna Schmidt" };
const bernd = { id: "token:bernd", name: "Bernd Weber" };

class RecordingRelay implements UserRelay {
  sent: string[] = [];
  constructor(private readonly reachable = true) {}
  async sendToUser(ticket: Ticket, text: string, name: string) {
    this.sent.push(`${ticket.number} ${name}: ${text}`);
    return this.reachable;
  }
  async notifyUser(ticket: Ticket, event: "taken" | "closed") {
    this.sent.push(`${ticket.number} ${event}`);
    return this.reachable;
  }
}

async function setup(relay = new RecordingRelay()) {
  const store = new TicketStore((await freshDatabase("sqlite")).db);
  const events: string[] = [];
  const service = new TicketService({
    store,
    relay,
    listeners: [{ name: "log", onTicketEvent: async (t: Ticket, e: TicketEvent) => void events.push(`${t.number} ${e.type}`) }],
  });
  return { store, service, relay, events };
}

describe("TicketService", () => {
  it("tells listeners and the person about every step", async () => {
    const { service, relay, events } = await setup();
    const t = await service.create(newTicket());
    await service.take(t.id, anna);
    await service.reply(t.id, anna, "Guten Tag!");
    await service.addUserMessage(t.id, "Danke");
    await service.close(t.id, anna, "erledigt");
    expect(events).toEqual(["L-0001 created", "L-0001 taken", "L-0001 message", "L-0001 message", "L-0001 closed"]);
    expect(relay.sent).toEqual(["L-0001 taken", "L-0001 Anna Schmidt: Guten Tag!", "L-0001 closed"]);
    expect((await service.listAudit()).map((e) => e.action)).toEqual(["ticket.close", "ticket.reply", "ticket.take"]);
  });

  it("takes an open ticket when a navigator replies to it", async () => {
    const { service } = await setup();
    const t = await service.create(newTicket());
    const { message, delivered } = await service.reply(t.id, anna, "  Ich kümmere mich.  ");
    expect(delivered).toBe(true);
    expect(message).toMatchObject({ author: "navigator", authorName: "Anna Schmidt", text: "Ich kümmere mich.", delivered: true });
    expect(await service.get(t.id)).toMatchObject({ status: "taken", takenBy: anna });
  });

  it("stores a reply the person could not receive and says so", async () => {
    const { service, store } = await setup(new RecordingRelay(false));
    const t = await service.create(newTicket());
    const { message, delivered } = await service.reply(t.id, anna, "Hallo?");
    expect(delivered).toBe(false);
    expect((await store.messages(t.id)).at(-1)).toMatchObject({ id: message.id, delivered: false });
  });

  it("keeps a change when a listener or the relay fails", async () => {
    const store = new TicketStore((await freshDatabase("sqlite")).db);
    const failing = { name: "broken", onTicketEvent: async () => Promise.reject(new Error("Teams down")) };
    const relay: UserRelay = { sendToUser: () => Promise.reject(new Error("gone")), notifyUser: () => Promise.reject(new Error("gone")) };
    const service = new TicketService({ store, relay, listeners: [failing] });
    const t = await service.create(newTicket());
    await expect(service.take(t.id, anna)).resolves.toMatchObject({ status: "taken" });
    await expect(service.reply(t.id, anna, "Hallo")).resolves.toMatchObject({ delivered: false });
  });

  it("answers with codes and parameters for the edge to word, and an English message for logs", async () => {
    const { service } = await setup();
    const t = await service.create(newTicket());
    await expect(service.take(999, anna)).rejects.toMatchObject({
      code: "not_found",
      status: 404,
      params: { ticketId: 999, number: "L-0999" },
      message: "there is no ticket L-0999",
    });
    await service.take(t.id, anna);
    await expect(service.take(t.id, bernd)).rejects.toMatchObject({
      code: "already_taken",
      status: 409,
      params: { number: "L-0001", takenBy: "Anna Schmidt", byYou: false },
      message: "L-0001 was already taken by Anna Schmidt",
    });
    await expect(service.take(t.id, anna)).rejects.toMatchObject({ code: "already_taken", params: { number: "L-0001", takenBy: "Anna Schmidt", byYou: true } });
    await expect(service.reply(t.id, bernd, "Ich auch")).rejects.toMatchObject({
      code: "taken_by_other",
      params: { number: "L-0001", takenBy: "Anna Schmidt" },
      message: "L-0001 was taken by Anna Schmidt; only they can reply",
    });
    await service.close(t.id, bernd);
    await expect(service.close(t.id, anna)).rejects.toMatchObject({ code: "closed", status: 409, params: { number: "L-0001" }, message: "L-0001 is already closed" });
    await expect(service.reply(t.id, anna, "Noch da?")).rejects.toMatchObject({ code: "closed" });
    await expect(service.take(t.id, anna)).rejects.toMatchObject({ code: "closed" });
  });

  it.each<[string, (s: TicketService, id: number) => Promise<unknown>, object]>([
    ["an empty reply", (s, id) => s.reply(id, anna, "   "), { field: "text", problem: "empty" }],
    ["a huge reply", (s, id) => s.reply(id, anna, "x".repeat(4001)), { field: "text", problem: "too_long", max: 4000 }],
    ["control characters", (s, id) => s.reply(id, anna, "Hallo\u0000"), { field: "text", problem: "control_characters" }],
    ["a navigator without a name", (s, id) => s.take(id, { id: "token:x", name: "" }), { field: "navigator", problem: "invalid" }],
    ["a navigator that is not an object", (s, id) => s.take(id, "Anna" as never), { field: "navigator", problem: "invalid" }],
    ["a huge note", (s, id) => s.close(id, anna, "x".repeat(1001)), { field: "note", problem: "too_long", max: 1000 }],
    ["a note that is not text", (s, id) => s.close(id, anna, 42 as never), { field: "note", problem: "invalid" }],
  ])("refuses %s with code invalid and changes nothing", async (_, act, params) => {
    const { service } = await setup();
    const t = await service.create(newTicket());
    await expect(act(service, t.id)).rejects.toMatchObject({ name: "TicketError", code: "invalid", status: 400, params });
    expect(await service.get(t.id)).toMatchObject({ status: "open", messages: [{}, {}] });
    expect(await service.listAudit()).toEqual([]);
  });

  it("refuses ids that are not ticket ids", async () => {
    const { service } = await setup();
    for (const id of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2]) {
      await expect(service.take(id, anna)).rejects.toMatchObject({ code: "not_found" });
      await expect(service.reply(id, anna, "x")).rejects.toMatchObject({ code: "not_found" });
    }
  });

  it("ends the relay when the person closes the ticket", async () => {
    const { service } = await setup();
    const t = await service.create(newTicket({ conversationId: "conv-1" }));
    expect((await service.activeTicket("conv-1"))?.id).toBe(t.id);
    await service.closeByRequester(t.id);
    expect(await service.activeTicket("conv-1")).toBeUndefined();
    expect(await service.get(t.id)).toMatchObject({ status: "closed", closedBy: { id: "requester", name: "Erika Muster" } });
    expect(await service.addUserMessage(t.id, "Hallo?")).toBeUndefined();
  });

  describe("limits", () => {
    async function limited(limits: { perContactPerDay?: number; perDay?: number }) {
      const logged: Array<[string, object]> = [];
      const log = (level: string) => (obj: object) => void logged.push([level, obj]);
      const events: string[] = [];
      const service = new TicketService({
        store: new TicketStore((await freshDatabase("sqlite")).db),
        limits,
        logger: { info: log("info"), warn: log("warn"), error: log("error") },
        listeners: [{ name: "log", onTicketEvent: async (t: Ticket, e: TicketEvent) => void events.push(`${t.number} ${e.type}`) }],
      });
      return { service, logged, events };
    }

    it("creates one ticket when a conversation sends several at once", async () => {
      const { service, events } = await limited({});
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => service.create(newTicket({ conversationId: "conv-double-click" }))));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
        expect(r.reason).toMatchObject({ name: "TicketRefused", reason: "conversation_active", active: { number: "L-0001" } });
      }
      expect((await service.list()).total).toBe(1);
      expect(events).toEqual(["L-0001 created"]);
    });

    it("refuses a contact's ticket over the limit, tells nobody, and logs a code without the contact", async () => {
      const { service, logged, events } = await limited({ perContactPerDay: 3 });
      for (let i = 0; i < 3; i++) await service.create(newTicket());
      await expect(service.create(newTicket())).rejects.toMatchObject({ name: "TicketRefused", reason: "contact_limit" });
      expect((await service.list()).total).toBe(3);
      expect(events).toHaveLength(3);
      expect(logged.at(-1)).toEqual(["warn", { channel: "webchat", code: "handoff.refused_contact_limit", max: 3 }]);
      expect(JSON.stringify(logged)).not.toMatch(/erika|Muster|Duldung/i);
    });

    it("logs the daily safety valve as an error: real people are being turned away", async () => {
      const { service, logged } = await limited({ perDay: 1 });
      await service.create(newTicket());
      await expect(service.create(newTicket({ contact: { kind: "email", value: "max@example.org" } }))).rejects.toMatchObject({ reason: "daily_limit" });
      expect(logged.at(-1)).toEqual(["error", { channel: "webchat", code: "handoff.refused_daily_limit", max: 1 }]);
    });
  });
});
