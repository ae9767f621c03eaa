import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { ActivityLog } from "../../src/directline/activity-log.js";
import { RETENTION_JOB, RetentionJob } from "../../src/handoff/retention.js";
import { TicketStore } from "../../src/handoff/ticket-store.js";
import { createLeadership } from "../../src/storage/coordination.js";
import { describeEachEngine, postgresAvailable } from "../helpers/database.js";
import { freshDatabase, twoNodes } from "./databases.js";
import { newTicket } from "./fixtures.js";

const DAY = 86_400_000;
const anna = { id: "token:anna", name: "Anna Schmidt" };

describeEachEngine("retention", (engine) => {
  it("deletes only tickets closed longer ago than RETENTION_DAYS, with everything attached", async () => {
    const { db } = await freshDatabase(engine);
    let now = new Date("2026-01-01T12:00:00Z");
    const store = new TicketStore(db, () => now);
    const at = (daysAgo: number) => new Date(Date.parse("2026-06-01T12:00:00Z") - daysAgo * DAY);

    const make = async (name: string, closedDaysAgo: number | "open" | "taken") => {
      now = at(typeof closedDaysAgo === "number" ? closedDaysAgo + 10 : 400);
      const t = await store.create(newTicket({ name }));
      await store.addMessage(t.id, { author: "user", text: `Nachricht von ${name}` });
      await store.enqueueDelivery(t.id, "ticket.created", "{}");
      if (closedDaysAgo === "taken") await store.take(t.id, anna);
      if (typeof closedDaysAgo === "number") {
        now = at(closedDaysAgo);
        await store.close(t.id, anna, undefined);
      }
      return t;
    };
    const old = await make("Alt geschlossen", 91);
    await make("Knapp geschlossen", 89);
    await make("Uralt offen", "open");
    await make("Uralt übernommen", "taken");
    await store.setTeamsCard(old.id, "team-1", "card-1");

    await db
      .insertInto("bot_state")
      .values([
        { key: "old-chat", etag: "1", data: "{}", updated_at: at(120).toISOString() },
        { key: "recent-chat", etag: "1", data: "{}", updated_at: at(3).toISOString() },
      ])
      .execute();
    // A web chat (Direct Line log) idle as long goes too, with its activities.
    const log = new ActivityLog(db);
    await log.open("oldwebchat01", "dl_visitor0001", at(120));
    await log.append("oldwebchat01", (id) => ({ id, type: "message", text: "Frage" }), at(120));
    await log.open("newwebchat01", "dl_visitor0002", at(2));

    const redacted: string[] = [];
    const job = new RetentionJob({ db, store, retentionDays: 90, now: () => at(0), redact: async (c) => void redacted.push(`${c.teamId}/${c.activityId}/${c.number}`) });
    expect(await job.runOnce()).toEqual({ tickets: 1, conversations: 2 });
    expect(await db.selectFrom("directline_conversations").select("id").execute()).toEqual([{ id: "newwebchat01" }]);
    expect(await db.selectFrom("directline_activities").selectAll().execute()).toEqual([]);
    expect((await store.list()).tickets.map((t) => t.name).sort()).toEqual(["Knapp geschlossen", "Uralt offen", "Uralt übernommen"]);
    expect(await db.selectFrom("ticket_messages").select("id").where("ticket_id", "=", old.id).execute()).toEqual([]);
    expect(await db.selectFrom("webhook_deliveries").select("id").where("ticket_id", "=", old.id).execute()).toEqual([]);
    expect(await db.selectFrom("bot_state").select("key").execute()).toEqual([{ key: "recent-chat" }]);
    expect((await store.listAudit())[0]).toMatchObject({ action: "retention.delete", actor: { id: "system:retention" }, detail: `1 Tickets: ${old.id}` });

    // The Teams card of the deleted ticket loses the personal data it showed.
    expect(await job.redactCards()).toBe(1);
    expect(redacted).toEqual([`team-1/card-1/${old.number}`]);
    expect(await store.pendingRedactions()).toEqual([]);

    // A second run finds nothing more.
    expect(await job.runOnce()).toEqual({ tickets: 0, conversations: 0 });
  });
});

describe("retention with several nodes", () => {
  /** A ticket closed long ago, so that a run has something to delete. */
  async function closedLongAgo(store: TicketStore): Promise<void> {
    const t = await store.create(newTicket());
    await store.close(t.id, anna, undefined);
  }
  const later = () => new Date(Date.now() + 100 * DAY);

  it("skips the run while another node holds the job, and says so", async () => {
    const { db } = await freshDatabase("sqlite");
    const store = new TicketStore(db);
    await closedLongAgo(store);
    const logged: string[] = [];
    const log = (obj: object) => void logged.push((obj as { code: string }).code);
    const asked: string[] = [];
    const elsewhere = { runExclusive: async (job: string) => void asked.push(job) };
    const job = new RetentionJob({ db, store, retentionDays: 90, now: later, leadership: elsewhere, logger: { info: log, warn: log, error: log } });
    await job.tick();
    expect(asked).toEqual([RETENTION_JOB]);
    expect(logged).toEqual(["handoff.retention_elsewhere"]);
    expect((await store.list()).total).toBe(1);
  });

  it.runIf(postgresAvailable())("runs on one PostgreSQL node at a time", async () => {
    const [a, b] = await twoNodes("postgres");
    const store = new TicketStore(b.db);
    await closedLongAgo(store);
    const job = new RetentionJob({ db: b.db, store, retentionDays: 90, now: later, leadership: createLeadership(b) });
    let release!: () => void;
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    // Node A is in the middle of its retention run.
    const nodeA = createLeadership(a).runExclusive(RETENTION_JOB, async () => {
      held();
      await new Promise<void>((resolve) => (release = resolve));
      return "ran on A";
    });
    await holding;
    await job.tick();
    expect((await store.list()).total).toBe(1);
    release();
    expect(await nodeA).toBe("ran on A");
    // Node A is done: B runs it now.
    await job.tick();
    expect((await store.list()).total).toBe(0);
  });
});

describe("RETENTION_DAYS", () => {
  it("is read (default 90) and nonsense is refused", () => {
    expect(loadConfig({}).handoff.retentionDays).toBe(90);
    expect(loadConfig({ RETENTION_DAYS: "30" }).handoff.retentionDays).toBe(30);
    for (const bad of ["0", "-5", "abc", "1.5", "100000"]) {
      expect(() => loadConfig({ RETENTION_DAYS: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ RETENTION_DAYS: bad }), bad).toThrow(/RETENTION_DAYS:/);
    }
  });
});
