import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { formatTicketNumber, parseTicketNumber, TicketRefused, TicketStore } from "../../src/handoff/ticket-store.js";
import { openDatabase } from "../../src/storage/database.js";
import { newTicket } from "./fixtures.js";
import { tempDir } from "../helpers/temp.js";

const anna = { id: "token:anna", name: "Anna Schmidt" };
const bernd = { id: "token:bernd", name: "Bernd Weber" };

function store(now?: () => Date) {
  return new TicketStore(openDatabase({ dataDir: ":memory:" }), now);
}

describe("TicketStore", () => {
  it("creates a ticket with its transcript in one go", () => {
    const s = store();
    const t = s.create(newTicket());
    expect(t).toMatchObject({ id: 1, number: "L-0001", status: "open", name: "Erika Muster", takenBy: null, postedToTeams: false, topics: ["duldung-arbeit"] });
    expect(s.getWithMessages(t.id)!.messages.map((m) => [m.author, m.text, m.at])).toEqual([
      ["user", "Darf ich jemanden mit Duldung einstellen?", "2026-11-25T08:59:00.000Z"],
      ["bot", "Arbeiten mit Duldung", "2026-11-25T08:59:01.000Z"],
    ]);
    expect(s.conversationReference(t.id)).toMatchObject({ user: { name: "Erika" } });
  });

  it.each([
    ["an empty name", { name: "  " }],
    ["a huge question", { question: "x".repeat(1001) }],
    ["control characters in the name", { name: "Erika\u0000Muster" }],
    ["an unknown contact kind", { contact: { kind: "fax", value: "0202" } as never }],
    ["an unknown reason", { reason: "curiosity" as never }],
    ["a transcript longer than 50 lines", { transcript: Array.from({ length: 51 }, () => ({ author: "user" as const, text: "x", at: "2026-11-25T08:00:00.000Z" })) }],
    ["a malformed consent date", { consentAt: "yesterday" }],
  ])("refuses %s and stores nothing", (_, fields) => {
    const s = store();
    expect(() => s.create(newTicket(fields))).toThrow(ZodError);
    expect(s.list().total).toBe(0);
  });

  it("lists the queue: open first (oldest first), then taken, then closed (newest first)", () => {
    const s = store();
    for (let i = 0; i < 5; i++) s.create(newTicket({ name: `Person ${i + 1}` }));
    s.take(2, anna);
    s.close(3, anna, undefined);
    s.close(4, anna, undefined);
    expect(s.list().tickets.map((t) => t.id)).toEqual([1, 5, 2, 4, 3]);
    expect(s.list({ status: "open" }).tickets.map((t) => t.id)).toEqual([1, 5]);
    expect(s.list({ limit: 2, offset: 2 })).toMatchObject({ total: 5, limit: 2, offset: 2, tickets: [{ id: 2 }, { id: 4 }] });
  });

  it("searches name, organisation, contact, question and number; wildcards are literal", () => {
    const s = store();
    s.create(newTicket({ name: "Erika Muster" }));
    s.create(newTicket({ name: "Hans 100%", organisation: "Tischlerei Holz", contact: { kind: "phone", value: "+492021234567" } }));
    const ids = (q: string) => s.list({ q }).tickets.map((t) => t.id);
    expect(ids("erika")).toEqual([1]);
    expect(ids("TISCHLEREI")).toEqual([2]);
    expect(ids("+49202")).toEqual([2]);
    expect(ids("L-0002")).toEqual([2]);
    expect(ids("100%")).toEqual([2]);
    expect(ids("%")).toEqual([2]);
    expect(ids("_")).toEqual([]);
    expect(ids("' OR 1=1 --")).toEqual([]);
  });

  it("rejects bad queries", () => {
    const s = store();
    expect(() => s.list({ status: "lost" as never })).toThrow(ZodError);
    expect(() => s.list({ limit: 0 })).toThrow(ZodError);
    expect(() => s.list({ limit: 101 })).toThrow(ZodError);
    expect(() => s.list({ offset: -1 })).toThrow(ZodError);
    expect(() => s.list({ q: "x".repeat(201) })).toThrow(ZodError);
  });

  it("lets only the first take win and keeps the winner", () => {
    const s = store();
    s.create(newTicket());
    expect(s.take(1, anna)).toMatchObject({ ok: true, ticket: { status: "taken", takenBy: anna } });
    expect(s.take(1, bernd)).toMatchObject({ ok: false, ticket: { takenBy: anna } });
    expect(s.take(99, bernd)).toEqual({ ok: false, ticket: undefined });
  });

  it("adds no message to a closed ticket", () => {
    const s = store();
    s.create(newTicket());
    expect(s.addMessage(1, { author: "user", text: "Hallo" })).toMatchObject({ author: "user", text: "Hallo", delivered: null });
    s.close(1, anna, "erledigt");
    expect(s.addMessage(1, { author: "user", text: "Noch da?" })).toBeUndefined();
    expect(s.close(1, bernd, undefined)).toMatchObject({ ok: false, ticket: { closedBy: anna, closeNote: "erledigt" } });
  });

  it("writes audit entries and refuses malformed ones", () => {
    const s = store();
    s.audit(anna, "export.feedback", undefined, "42 Zeilen");
    s.audit(anna, "ticket.take", 7);
    expect(s.listAudit().map((e) => [e.action, e.ticketId, e.detail])).toEqual([
      ["ticket.take", 7, null],
      ["export.feedback", null, "42 Zeilen"],
    ]);
    expect(s.listAudit({ ticketId: 7 })).toHaveLength(1);
    expect(() => s.audit(anna, "DROP TABLE")).toThrow(ZodError);
    expect(() => s.audit({ id: "", name: "x" }, "ticket.take")).toThrow(ZodError);
  });

  it("reads and writes ticket numbers", () => {
    expect(formatTicketNumber(42)).toBe("L-0042");
    expect(formatTicketNumber(12345)).toBe("L-12345");
    expect(["L-0042", "l-42", "#42", " 42 "].map(parseTicketNumber)).toEqual([42, 42, 42, 42]);
    expect(["", "L-", "0", "-1", "4.2", "L-0042x", "9".repeat(20)].map(parseTicketNumber)).toEqual(Array(7).fill(undefined));
  });

  describe("limits", () => {
    const refusal = (act: () => unknown) => {
      try {
        act();
      } catch (err) {
        if (err instanceof TicketRefused) return { reason: err.reason, active: err.active?.number };
        throw err;
      }
      return undefined;
    };

    it("keeps one open or taken ticket per conversation, and a new one after it is closed", () => {
      const s = store();
      const first = s.create(newTicket({ conversationId: "conv-1" }));
      expect(refusal(() => s.create(newTicket({ conversationId: "conv-1" })))).toEqual({ reason: "conversation_active", active: "L-0001" });
      s.take(first.id, anna);
      expect(refusal(() => s.create(newTicket({ conversationId: "conv-1" })))).toEqual({ reason: "conversation_active", active: "L-0001" });
      expect(s.list().total).toBe(1);
      expect(s.messages(first.id)).toHaveLength(2);
      s.close(first.id, anna, undefined);
      expect(s.create(newTicket({ conversationId: "conv-1" })).number).toBe("L-0002");
    });

    it("holds across connections to the same database (another process, the privacy CLI)", () => {
      const dataDir = tempDir("store");
      const a = new TicketStore(openDatabase({ dataDir }));
      const b = new TicketStore(openDatabase({ dataDir }));
      a.create(newTicket({ conversationId: "conv-shared" }));
      expect(refusal(() => b.create(newTicket({ conversationId: "conv-shared" })))).toEqual({ reason: "conversation_active", active: "L-0001" });
      expect(b.list().total).toBe(1);
    });

    it("counts a contact's tickets of the last 24 hours, closed ones too, however the contact was typed", () => {
      let now = new Date("2026-11-25T09:00:00.000Z");
      const s = store(() => now);
      const limits = { perContactPerDay: 2 };
      const erika = { kind: "phone" as const, value: "+492021234567" };
      const first = s.create(newTicket({ contact: erika }), limits);
      s.close(first.id, anna, undefined);
      now = new Date("2026-11-25T15:00:00.000Z");
      s.create(newTicket({ contact: erika }), limits);
      now = new Date("2026-11-26T08:59:59.000Z");
      expect(refusal(() => s.create(newTicket({ contact: erika }), limits))).toEqual({ reason: "contact_limit", active: undefined });
      // Another contact is not affected.
      expect(s.create(newTicket({ contact: { kind: "email", value: "other@example.org" } }), limits).status).toBe("open");
      expect(s.list().total).toBe(3);
      // 24 hours after the first one, one more is possible.
      now = new Date("2026-11-26T09:00:01.000Z");
      expect(s.create(newTicket({ contact: erika }), limits).number).toBe("L-0004");
    });

    it("stops all tickets at the daily safety valve", () => {
      const s = store();
      const limits = { perContactPerDay: 5, perDay: 3 };
      for (let i = 0; i < 3; i++) s.create(newTicket({ contact: { kind: "email", value: `p${i}@example.org` } }), limits);
      expect(refusal(() => s.create(newTicket({ contact: { kind: "email", value: "new@example.org" } }), limits))).toEqual({ reason: "daily_limit", active: undefined });
      expect(s.list().total).toBe(3);
    });

    it("checks the conversation before the limits: a double click is told about its ticket, not about a limit", () => {
      const s = store();
      const limits = { perContactPerDay: 1 };
      s.create(newTicket({ conversationId: "conv-2" }), limits);
      expect(refusal(() => s.create(newTicket({ conversationId: "conv-2" }), limits))).toMatchObject({ reason: "conversation_active" });
    });
  });
});
