import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { ActivityLog } from "../../src/directline/activity-log.js";
import { RetentionJob } from "../../src/handoff/retention.js";
import { TicketStore } from "../../src/handoff/ticket-store.js";
import { openDatabase } from "../../src/storage/database.js";
import { newTicket } from "./fixtures.js";

const DAY = 86_400_000;
const anna = { id: "token:anna", name: "Anna Schmidt" };

describe("retention", () => {
  it("deletes only tickets closed longer ago than RETENTION_DAYS, with everything attached", async () => {
    const db = openDatabase({ dataDir: ":memory:" });
    let now = new Date("2026-01-01T12:00:00Z");
    const store = new TicketStore(db, () => now);
    const at = (daysAgo: number) => new Date(Date.parse("2026-06-01T12:00:00Z") - daysAgo * DAY);

    const make = (name: string, closedDaysAgo: number | "open" | "taken") => {
      now = at(typeof closedDaysAgo === "number" ? closedDaysAgo + 10 : 400);
      const t = store.create(newTicket({ name }));
      store.addMessage(t.id, { author: "user", text: `Nachricht von ${name}` });
      store.enqueueDelivery(t.id, "ticket.created", "{}");
      if (closedDaysAgo === "taken") store.take(t.id, anna);
      if (typeof closedDaysAgo === "number") {
        now = at(closedDaysAgo);
        store.close(t.id, anna, undefined);
      }
      return t;
    };
    const old = make("Alt geschlossen", 91);
    make("Knapp geschlossen", 89);
    make("Uralt offen", "open");
    make("Uralt übernommen", "taken");
    store.setTeamsCard(old.id, "team-1", "card-1");

    db.prepare("INSERT INTO bot_state (key, etag, data, updated_at) VALUES (?, '1', '{}', ?)").run("old-chat", at(120).toISOString());
    db.prepare("INSERT INTO bot_state (key, etag, data, updated_at) VALUES (?, '1', '{}', ?)").run("recent-chat", at(3).toISOString());
    // A web chat (Direct Line log) idle as long goes too, with its activities.
    const log = new ActivityLog(db);
    log.open("oldwebchat01", "dl_visitor0001", at(120));
    log.append("oldwebchat01", (id) => ({ id, type: "message", text: "Frage" }), at(120));
    log.open("newwebchat01", "dl_visitor0002", at(2));

    const redacted: string[] = [];
    const job = new RetentionJob({ db, store, retentionDays: 90, now: () => at(0), redact: async (c) => void redacted.push(`${c.teamId}/${c.activityId}/${c.number}`) });
    expect(job.runOnce()).toEqual({ tickets: 1, conversations: 2 });
    expect(db.prepare("SELECT id FROM directline_conversations").all()).toEqual([{ id: "newwebchat01" }]);
    expect(db.prepare("SELECT count(*) AS n FROM directline_activities").get()).toEqual({ n: 0 });
    expect(store.list().tickets.map((t) => t.name).sort()).toEqual(["Knapp geschlossen", "Uralt offen", "Uralt übernommen"]);
    expect(db.prepare("SELECT count(*) AS n FROM ticket_messages WHERE ticket_id = ?").get(old.id)).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM webhook_deliveries WHERE ticket_id = ?").get(old.id)).toEqual({ n: 0 });
    expect(db.prepare("SELECT key FROM bot_state").all()).toEqual([{ key: "recent-chat" }]);
    expect(store.listAudit()[0]).toMatchObject({ action: "retention.delete", actor: { id: "system:retention" }, detail: `1 Tickets: ${old.id}` });

    // The Teams card of the deleted ticket loses the personal data it showed.
    expect(await job.redactCards()).toBe(1);
    expect(redacted).toEqual([`team-1/card-1/${old.number}`]);
    expect(store.pendingRedactions()).toEqual([]);

    // A second run finds nothing more.
    expect(job.runOnce()).toEqual({ tickets: 0, conversations: 0 });
  });

  it("reads RETENTION_DAYS (default 90) and refuses nonsense", () => {
    expect(loadConfig({}).handoff.retentionDays).toBe(90);
    expect(loadConfig({ RETENTION_DAYS: "30" }).handoff.retentionDays).toBe(30);
    for (const bad of ["0", "-5", "abc", "1.5", "100000"]) {
      expect(() => loadConfig({ RETENTION_DAYS: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ RETENTION_DAYS: bad }), bad).toThrow(/RETENTION_DAYS:/);
    }
  });
});
