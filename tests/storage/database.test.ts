/**
 * The database layer itself on both engines: migrations from an empty database and from the
 * previous release's schema, refusal of a newer schema, and (PostgreSQL) the wake-up signals and
 * one-node-at-a-time jobs between two nodes sharing a database.
 */
import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { openDatabase, schemaVersion, type LotseDatabase } from "../../src/storage/database.js";
import { POSTGRES_MIGRATIONS } from "../../src/storage/migrations/postgres.js";
import { SQLITE_MIGRATIONS } from "../../src/storage/migrations/sqlite.js";
import { createLeadership } from "../../src/storage/coordination.js";
import { createSignals, signalsReady, type Signals } from "../../src/storage/signals.js";
import { createPostgresDatabase, describeEachEngine, openTestDatabase, postgresAdminUrl, postgresAvailable, withAdmin, closeAfterEach } from "../helpers/database.js";
import { tempDir } from "../helpers/temp.js";
import { waitFor } from "../helpers/wait.js";

const track = closeAfterEach();

const ticketRow = (conversation: string) => ({
  status: "open" as const, created_at: "2026-11-30T10:00:00.000Z", updated_at: "2026-11-30T10:00:00.000Z", name: "Anna",
  contact_kind: "email" as const, contact: "anna@example.org", question: "Arbeitserlaubnis?", language: "de", topics: "[]",
  reason: "intent", channel: "webchat", conversation_id: conversation, conversation_ref: "{}", consent_at: "2026-11-30T10:00:00.000Z",
});

describeEachEngine("database", (engine) => {
  it("creates every table of the current schema in an empty database", async () => {
    const database = track(await openTestDatabase(engine));
    expect(await schemaVersion(database)).toBe(engine === "sqlite" ? SQLITE_MIGRATIONS.length : POSTGRES_MIGRATIONS.length);
    const tables = (await database.db.introspection.getTables()).map((t) => t.name).filter((n) => n !== "lotse_schema_version");
    expect(tables.sort()).toEqual([
      "article_drafts", "article_versions", "audit_log", "bot_state", "directline_activities", "directline_conversations", "feedback",
      "navigator_channel", "navigator_pairing_codes", "navigator_tokens", "teams_redactions", "ticket_messages", "tickets", "unanswered",
      "webhook_deliveries",
    ]);
  });

  it("generated ids, returning and foreign-key cascades behave the same", async () => {
    const database = track(await openTestDatabase(engine));
    const first = await database.db.insertInto("tickets").values(ticketRow("c1")).returning("id").executeTakeFirstOrThrow();
    const second = await database.db.insertInto("tickets").values(ticketRow("c2")).returning("id").executeTakeFirstOrThrow();
    expect([first.id, second.id]).toEqual([1, 2]);
    await database.db.insertInto("ticket_messages").values({ ticket_id: 1, created_at: "x", author: "user", text: "Hallo" }).execute();
    await database.db.deleteFrom("tickets").where("id", "=", 1).execute();
    const left = await database.db.selectFrom("ticket_messages").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
  });

  it("upgrades a database of the previous release's schema and keeps its rows", async () => {
    const previous = { sqlite: SQLITE_MIGRATIONS.slice(0, -1), postgres: POSTGRES_MIGRATIONS.slice(0, -1) };
    if (engine === "sqlite") {
      const dir = tempDir("lotse-upgrade-");
      const old = await openDatabase({ dataDir: dir, migrations: previous });
      await old.db.insertInto("tickets").values(ticketRow("kept")).execute();
      expect(await schemaVersion(old)).toBe(SQLITE_MIGRATIONS.length - 1);
      await old.close();
      const current = track(await openDatabase({ dataDir: dir }));
      expect(await schemaVersion(current)).toBe(SQLITE_MIGRATIONS.length);
      expect((await current.db.selectFrom("tickets").select("conversation_id").execute()).map((r) => r.conversation_id)).toEqual(["kept"]);
      return;
    }
    const { url, drop } = await createPostgresDatabase();
    track({ close: drop });
    const old = await openDatabase({ dataDir: ":memory:", databaseUrl: url, migrations: previous });
    await old.db.insertInto("tickets").values(ticketRow("kept")).execute();
    await old.close();
    const current = track(await openDatabase({ dataDir: ":memory:", databaseUrl: url }));
    expect(await schemaVersion(current)).toBe(POSTGRES_MIGRATIONS.length);
    expect((await current.db.selectFrom("tickets").select("conversation_id").execute()).map((r) => r.conversation_id)).toEqual(["kept"]);
    // the pairing tables of migration 7 exist and take rows
    await current.db.insertInto("navigator_pairing_codes").values({ salt: "s", hash: "h", status: "pending", created_at: "x", expires_at: "y", created_by_id: "a", created_by_name: "A" }).execute();
    // the kept ticket has the Teams post claim of migration 9, unclaimed
    expect(await current.db.selectFrom("tickets").select("teams_post_claimed_until").execute()).toEqual([{ teams_post_claimed_until: null }]);
  });

  it("refuses a database written by a newer Lotse, saying which versions", async () => {
    const older = { sqlite: SQLITE_MIGRATIONS.slice(0, 3), postgres: POSTGRES_MIGRATIONS.slice(0, 3) };
    if (engine === "sqlite") {
      const dir = tempDir("lotse-newer-");
      await (await openDatabase({ dataDir: dir })).close();
      await expect(openDatabase({ dataDir: dir, migrations: older })).rejects.toThrow(`schema version ${SQLITE_MIGRATIONS.length}, newer than this Lotse (3)`);
      return;
    }
    const { url, drop } = await createPostgresDatabase();
    track({ close: drop });
    await (await openDatabase({ dataDir: ":memory:", databaseUrl: url })).close();
    await expect(openDatabase({ dataDir: ":memory:", databaseUrl: url, migrations: older })).rejects.toThrow(`schema version ${SQLITE_MIGRATIONS.length}, newer than this Lotse (3)`);
  });

  it("a signal reaches a listener of this node", async () => {
    const database = track(await openTestDatabase(engine));
    const signals = track(createSignals(database));
    await signalsReady(signals);
    const got: string[] = [];
    signals.listen("directline", (p) => got.push(p));
    await signals.notify("directline", "conv-1");
    await waitFor(() => got.length === 1);
    expect(got).toEqual(["conv-1"]);
    await expect(signals.notify("knowledge", "x".repeat(5000))).rejects.toThrow(/send an id, not data/);
  });
});

describe("SQLite file", () => {
  it("keeps SQLite in WAL mode with foreign keys on, so the console and backups read while the bot writes", async () => {
    const database = track(await openDatabase({ dataDir: tempDir("lotse-wal-") }));
    expect(database.sqlite!.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(database.sqlite!.pragma("foreign_keys", { simple: true })).toBe(1);
    // the same statement text, run again with other values, through the statement cache
    for (const conversation of ["a", "b", "c"]) await database.db.insertInto("tickets").values(ticketRow(conversation)).execute();
    const rows = await database.db.selectFrom("tickets").select("conversation_id").orderBy("id").execute();
    expect(rows.map((r) => r.conversation_id)).toEqual(["a", "b", "c"]);
  });
});

describe.skipIf(!postgresAvailable())("two nodes on one PostgreSQL database", () => {
  async function twoNodes(): Promise<[LotseDatabase, LotseDatabase]> {
    const { url, drop } = await createPostgresDatabase();
    const a = await openDatabase({ dataDir: ":memory:", databaseUrl: url, poolSize: 3 });
    const b = await openDatabase({ dataDir: ":memory:", databaseUrl: url, poolSize: 3 });
    track({ close: drop }, a, b);
    return [a, b];
  }

  it("migrating from two nodes at once runs each migration once", async () => {
    const { url, drop } = await createPostgresDatabase();
    track({ close: drop });
    const nodes = await Promise.all([1, 2, 3].map(() => openDatabase({ dataDir: ":memory:", databaseUrl: url, poolSize: 2 })));
    nodes.forEach((node) => track(node));
    for (const node of nodes) expect(await schemaVersion(node)).toBe(POSTGRES_MIGRATIONS.length);
  });

  it("a signal sent on node A wakes node B, and B's listener comes back after its connection is killed", async () => {
    const [a, b] = await twoNodes();
    const signalsA: Signals = track(createSignals(a));
    const signalsB: Signals = track(createSignals(b));
    await Promise.all([signalsReady(signalsA), signalsReady(signalsB)]);
    const got: string[] = [];
    let reconnects = 0;
    signalsB.listen("tickets", (p) => got.push(p));
    signalsB.onReconnect(() => reconnects++);
    await signalsA.notify("tickets", "17");
    await waitFor(() => got.length === 1);
    expect(got).toEqual(["17"]);

    // The database server drops B's listening session (restart, failover, idle kill).
    const dbName = new URL(b.location).pathname.slice(1);
    await withAdmin(postgresAdminUrl(), (c) =>
      c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%'", [dbName]),
    );
    await waitFor(() => reconnects >= 1, { timeout: 10_000 });
    await signalsA.notify("tickets", "18");
    await waitFor(() => got.length === 2);
    expect(got).toEqual(["17", "18"]);
  });

  it("a job runs on one node at a time", async () => {
    const [a, b] = await twoNodes();
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const job = async () => {
      running++;
      runs++;
      maxRunning = Math.max(maxRunning, running);
      await sql`SELECT pg_sleep(0.2)`.execute(a.db);
      running--;
      return "done";
    };
    const results = await Promise.all([createLeadership(a).runExclusive("retention", job), createLeadership(b).runExclusive("retention", job)]);
    expect(maxRunning).toBe(1);
    expect(runs).toBe(1);
    expect(results.sort()).toEqual(["done", undefined].sort());
    // released: the next run goes ahead
    expect(await createLeadership(b).runExclusive("retention", job)).toBe("done");
  });
});
