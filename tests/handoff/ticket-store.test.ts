/** The ticket store on both engines: creation under the limits, the queue, status changes, messages, audit. */
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { TicketService } from "../../src/handoff/ticket-service.js";
import { formatTicketNumber, parseTicketNumber, TicketRefused, TicketStore } from "../../src/handoff/ticket-store.js";
import { describeEachEngine } from "../helpers/database.js";
import { freshDatabase, twoNodes } from "./databases.js";
import { newTicket } from "./fixtures.js";

const anna = { id: "token:anna", name: "Anna Schmidt" };
const bernd = { id: "token:bernd", name: "Bernd Weber" };

/** The refusal a create ended with, or undefined when it created a ticket. */
async function refusal(act: () => Promise<unknown>): Promise<{ reason: string; active: string | undefined } | undefined> {
  try {
    await act();
  } catch (err) {
    if (err instanceof TicketRefused) return { reason: err.reason, active: err.active?.number };
    throw err;
  }
  return undefined;
}

describeEachEngine("TicketStore", (engine) => {
  const store = async (now?: () => Date) => new TicketStore((await freshDatabase(engine)).db, now);

  it("creates a ticket with its transcript in one go", async () => {
    const s = await store();
    const t = await s.create(newTicket());
    expect(t).toMatchObject({ id: 1, number: "L-0001", status: "open", name: "Erika Muster", takenBy: null, postedToTeams: false, topics: ["duldung-arbeit"] });
    expect((await s.getWithMessages(t.id))!.messages.map((m) => [m.author, m.text, m.at])).toEqual([
      ["user", "Darf ich jemanden mit Duldung einstellen?", "2026-11-25T08:59:00.000Z"],
      ["bot", "Arbeiten mit Duldung", "2026-11-25T08:59:01.000Z"],
    ]);
    expect(await s.conversationReference(t.id)).toMatchObject({ user: { name: "Erika" } });
    expect(await s.get(t.id)).toEqual(t);
  });

  it.each([
    ["an empty name", { name: "  " }],
    ["a huge question", { question: "x".repeat(1001) }],
    ["control characters in the name", { name: "Erika\u0000Muster" }],
    ["an unknown contact kind", { contact: { kind: "fax", value: "0202" } as never }],
    ["an unknown reason", { reason: "curiosity" as never }],
    ["a transcript longer than 50 lines", { transcript: Array.from({ length: 51 }, () => ({ author: "user" as const, text: "x", at: "2026-11-25T08:00:00.000Z" })) }],
    ["a malformed consent date", { consentAt: "yesterday" }],
  ])("refuses %s and stores nothing", async (_, fields) => {
    const s = await store();
    await expect(s.create(newTicket(fields))).rejects.toThrow(ZodError);
    expect((await s.list()).total).toBe(0);
  });

  it("lists the queue: open first (oldest first), then taken, then closed (newest first)", async () => {
    const s = await store();
    for (let i = 0; i < 5; i++) await s.create(newTicket({ name: `Person ${i + 1}` }));
    await s.take(2, anna);
    await s.close(3, anna, undefined);
    await s.close(4, anna, undefined);
    expect((await s.list()).tickets.map((t) => t.id)).toEqual([1, 5, 2, 4, 3]);
    expect((await s.list({ status: "open" })).tickets.map((t) => t.id)).toEqual([1, 5]);
    expect(await s.list({ limit: 2, offset: 2 })).toMatchObject({ total: 5, limit: 2, offset: 2, tickets: [{ id: 2 }, { id: 4 }] });
    expect(await s.countByStatus()).toEqual({ open: 2, taken: 1, closed: 2 });
  });

  it("searches name, organisation, contact, question and number, whatever the case; wildcards are literal", async () => {
    const s = await store();
    await s.create(newTicket({ name: "Erika Muster" }));
    await s.create(newTicket({ name: "Hans 100%", organisation: "Tischlerei Holz", contact: { kind: "phone", value: "+492021234567" } }));
    await s.create(newTicket({ name: "Ohne Firma", organisation: undefined, contact: { kind: "email", value: "kurz@example.org" }, question: "Wie geht die BLUE CARD?" }));
    const ids = async (q: string) => (await s.list({ q })).tickets.map((t) => t.id);
    expect(await ids("erika")).toEqual([1]);
    expect(await ids("TISCHLEREI")).toEqual([2]);
    expect(await ids("blue card")).toEqual([3]);
    expect(await ids("+49202")).toEqual([2]);
    expect(await ids("L-0002")).toEqual([2]);
    expect(await ids("100%")).toEqual([2]);
    expect(await ids("%")).toEqual([2]);
    expect(await ids("_")).toEqual([]);
    expect(await ids("' OR 1=1 --")).toEqual([]);
    expect(await s.list({ q: "muster", status: "closed" })).toMatchObject({ total: 0, tickets: [] });
  });

  it("rejects bad queries", async () => {
    const s = await store();
    await expect(s.list({ status: "lost" as never })).rejects.toThrow(ZodError);
    await expect(s.list({ limit: 0 })).rejects.toThrow(ZodError);
    await expect(s.list({ limit: 101 })).rejects.toThrow(ZodError);
    await expect(s.list({ offset: -1 })).rejects.toThrow(ZodError);
    await expect(s.list({ q: "x".repeat(201) })).rejects.toThrow(ZodError);
  });

  it("lets only the first take win and keeps the winner", async () => {
    const s = await store();
    await s.create(newTicket());
    expect(await s.take(1, anna)).toMatchObject({ ok: true, ticket: { status: "taken", takenBy: anna } });
    expect(await s.take(1, bernd)).toMatchObject({ ok: false, ticket: { takenBy: anna } });
    expect(await s.take(99, bernd)).toEqual({ ok: false, ticket: undefined });
    // Not ticket ids at all (PostgreSQL would refuse them as parameters): simply no ticket.
    for (const id of [0, -1, 1.5, Number.NaN, 2 ** 31, Number.MAX_SAFE_INTEGER + 2]) {
      expect(await s.take(id, bernd), String(id)).toEqual({ ok: false, ticket: undefined });
      expect(await s.get(id), String(id)).toBeUndefined();
    }
  });

  it("adds no message to a closed ticket, and closes only once", async () => {
    const s = await store();
    await s.create(newTicket());
    expect(await s.addMessage(1, { author: "user", text: "Hallo" })).toMatchObject({ author: "user", text: "Hallo", delivered: null });
    const reply = await s.addMessage(1, { author: "navigator", authorName: "Anna", text: "Guten Tag", delivered: false });
    await s.setDelivered(reply!.id, true);
    expect((await s.messages(1)).slice(-2).map((m) => [m.author, m.delivered])).toEqual([
      ["user", null],
      ["navigator", true],
    ]);
    expect(await s.close(1, anna, "erledigt")).toMatchObject({ ok: true, ticket: { status: "closed", closedBy: anna, closeNote: "erledigt" } });
    expect(await s.addMessage(1, { author: "user", text: "Noch da?" })).toBeUndefined();
    expect(await s.close(1, bernd, undefined)).toMatchObject({ ok: false, ticket: { closedBy: anna, closeNote: "erledigt" } });
    expect(await s.messages(1)).toHaveLength(4);
  });

  it("writes audit entries, newest first, and refuses malformed ones", async () => {
    const s = await store();
    await s.audit(anna, "export.feedback", undefined, "42 Zeilen");
    await s.audit(anna, "ticket.take", 7);
    expect((await s.listAudit()).map((e) => [e.action, e.ticketId, e.detail])).toEqual([
      ["ticket.take", 7, null],
      ["export.feedback", null, "42 Zeilen"],
    ]);
    expect(await s.listAudit({ ticketId: 7 })).toHaveLength(1);
    expect(await s.listAudit({ limit: 1, offset: 1 })).toMatchObject([{ action: "export.feedback" }]);
    await expect(s.audit(anna, "DROP TABLE")).rejects.toThrow(ZodError);
    await expect(s.audit({ id: "", name: "x" }, "ticket.take")).rejects.toThrow(ZodError);
    expect(await s.listAudit()).toHaveLength(2);
  });

  it("remembers the Teams card of a ticket and finds the ticket by it", async () => {
    const s = await store();
    await s.create(newTicket());
    await s.create(newTicket());
    await s.setTeamsCard(2, "team-1", "card-2");
    expect(await s.teamsCard(2)).toEqual({ teamId: "team-1", activityId: "card-2" });
    expect(await s.teamsCard(1)).toBeUndefined();
    expect(await s.byTeamsCard("card-2")).toMatchObject({ id: 2, postedToTeams: true });
    expect(await s.byTeamsCard("card-9")).toBeUndefined();
    expect((await s.withoutTeamsCard()).map((t) => t.id)).toEqual([1]);
    await s.close(1, anna, undefined);
    expect(await s.withoutTeamsCard()).toEqual([]);
  });

  it("finds and erases a contact's tickets with everything attached; their cards wait for redaction", async () => {
    const s = await store();
    const erika = { kind: "email" as const, value: "erika@example.org" };
    await s.create(newTicket({ contact: erika }));
    await s.create(newTicket({ contact: { kind: "email", value: "max@example.org" } }));
    await s.create(newTicket({ contact: erika }));
    await s.setTeamsCard(3, "team-1", "card-3");
    await s.enqueueDelivery(3, "ticket.created", "{}");
    expect((await s.byContact(erika)).map((t) => [t.id, t.messages.length])).toEqual([
      [1, 2],
      [3, 2],
    ]);
    expect(await s.deleteByContact(erika)).toEqual([1, 3]);
    expect(await s.byContact(erika)).toEqual([]);
    expect(await s.messages(3)).toEqual([]);
    expect(await s.deliveries(3)).toEqual([]);
    expect(await s.pendingRedactions()).toEqual([{ teamId: "team-1", activityId: "card-3", number: "L-0003" }]);
    await s.redactionDone("card-3");
    expect(await s.pendingRedactions()).toEqual([]);
    expect((await s.list()).tickets.map((t) => t.id)).toEqual([2]);
  });

  describe("limits", () => {
    it("keeps one open or taken ticket per conversation, and a new one after it is closed", async () => {
      const s = await store();
      const first = await s.create(newTicket({ conversationId: "conv-1" }));
      expect(await refusal(() => s.create(newTicket({ conversationId: "conv-1" })))).toEqual({ reason: "conversation_active", active: "L-0001" });
      await s.take(first.id, anna);
      expect(await refusal(() => s.create(newTicket({ conversationId: "conv-1" })))).toEqual({ reason: "conversation_active", active: "L-0001" });
      expect((await s.list()).total).toBe(1);
      expect(await s.messages(first.id)).toHaveLength(2);
      expect((await s.activeForConversation("conv-1"))?.id).toBe(first.id);
      await s.close(first.id, anna, undefined);
      expect(await s.activeForConversation("conv-1")).toBeUndefined();
      expect((await s.create(newTicket({ conversationId: "conv-1" }))).number).toBe("L-0002");
    });

    it("counts a contact's tickets of the last 24 hours, closed ones too", async () => {
      let now = new Date("2026-11-25T09:00:00.000Z");
      const s = await store(() => now);
      const limits = { perContactPerDay: 2 };
      const erika = { kind: "phone" as const, value: "+492021234567" };
      const first = await s.create(newTicket({ contact: erika }), limits);
      await s.close(first.id, anna, undefined);
      now = new Date("2026-11-25T15:00:00.000Z");
      await s.create(newTicket({ contact: erika }), limits);
      now = new Date("2026-11-26T08:59:59.000Z");
      expect(await refusal(() => s.create(newTicket({ contact: erika }), limits))).toEqual({ reason: "contact_limit", active: undefined });
      // Another contact is not affected.
      expect((await s.create(newTicket({ contact: { kind: "email", value: "other@example.org" } }), limits)).status).toBe("open");
      expect((await s.list()).total).toBe(3);
      // 24 hours after the first one, one more is possible.
      now = new Date("2026-11-26T09:00:01.000Z");
      expect((await s.create(newTicket({ contact: erika }), limits)).number).toBe("L-0004");
    });

    it("stops all tickets at the daily safety valve", async () => {
      const s = await store();
      const limits = { perContactPerDay: 5, perDay: 3 };
      for (let i = 0; i < 3; i++) await s.create(newTicket({ contact: { kind: "email", value: `p${i}@example.org` } }), limits);
      expect(await refusal(() => s.create(newTicket({ contact: { kind: "email", value: "new@example.org" } }), limits))).toEqual({ reason: "daily_limit", active: undefined });
      expect((await s.list()).total).toBe(3);
    });

    it("checks the conversation before the limits: a double click is told about its ticket, not about a limit", async () => {
      const s = await store();
      const limits = { perContactPerDay: 1 };
      await s.create(newTicket({ conversationId: "conv-2" }), limits);
      expect(await refusal(() => s.create(newTicket({ conversationId: "conv-2" }), limits))).toMatchObject({ reason: "conversation_active" });
    });
  });

  describe("two nodes on one database", () => {
    it("see each other's tickets when deciding a create (another node, the privacy CLI)", async () => {
      const [a, b] = (await twoNodes(engine)).map((database) => new TicketStore(database.db));
      await a!.create(newTicket({ conversationId: "conv-shared" }));
      expect(await refusal(() => b!.create(newTicket({ conversationId: "conv-shared" })))).toEqual({ reason: "conversation_active", active: "L-0001" });
      expect((await b!.list()).total).toBe(1);
    });

    // Two SQLite handles in one process cannot wait for each other (better-sqlite3 blocks the one
    // event loop while it waits for the lock); two SQLite processes can, but are no test here.
    it.runIf(engine === "postgres")("create one ticket when both get the same conversation's request at once, and keep the daily limit", async () => {
      const [a, b] = (await twoNodes(engine)).map((database) => new TicketStore(database.db));
      for (let round = 0; round < 10; round++) {
        const conversationId = `conv-race-${round}`;
        const results = await Promise.allSettled([a!.create(newTicket({ conversationId })), b!.create(newTicket({ conversationId }))]);
        expect(results.filter((r) => r.status === "fulfilled"), `round ${round}`).toHaveLength(1);
        expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { name: "TicketRefused", reason: "conversation_active" } });
      }
      const limits = { perDay: 14 };
      const burst = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a! : b!).create(newTicket({ contact: { kind: "email", value: `p${i}@example.org` } }), limits)),
      );
      expect(burst.filter((r) => r.status === "fulfilled")).toHaveLength(4);
      expect((await a!.list()).total).toBe(14);
    });

    it("let exactly one of two navigators take a ticket at the same time; the other is refused", async () => {
      const [a, b] = (await twoNodes(engine)).map((database) => new TicketService({ store: new TicketStore(database.db) }));
      for (let round = 0; round < 20; round++) {
        const ticket = await a!.create(newTicket());
        const [byAnna, byBernd] = await Promise.allSettled([a!.take(ticket.id, anna), b!.take(ticket.id, bernd)]);
        const won = [byAnna, byBernd].filter((r) => r.status === "fulfilled");
        const lost = [byAnna, byBernd].filter((r): r is PromiseRejectedResult => r.status === "rejected");
        expect(won, `round ${round}`).toHaveLength(1);
        expect(lost, `round ${round}`).toHaveLength(1);
        const winner = byAnna.status === "fulfilled" ? anna : bernd;
        expect(lost[0]!.reason).toMatchObject({ name: "TicketError", code: "already_taken", params: { takenBy: winner.name, byYou: false } });
        expect(await b!.get(ticket.id)).toMatchObject({ status: "taken", takenBy: winner });
        // Only the winner's take is in the audit log.
        expect((await a!.listAudit({ ticketId: ticket.id })).map((e) => [e.action, e.actor.id])).toEqual([["ticket.take", winner.id]]);
      }
    });
  });
});

describe("ticket numbers", () => {
  it("reads and writes them", () => {
    expect(formatTicketNumber(42)).toBe("L-0042");
    expect(formatTicketNumber(12345)).toBe("L-12345");
    expect(["L-0042", "l-42", "#42", " 42 "].map(parseTicketNumber)).toEqual([42, 42, 42, 42]);
    expect(["", "L-", "0", "-1", "4.2", "L-0042x", "9".repeat(20)].map(parseTicketNumber)).toEqual(Array(7).fill(undefined));
  });
});
