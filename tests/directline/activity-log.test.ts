/**
 * The Direct Line activity log on both engines: numbers without gaps or repeats however many
 * writers append at once, reads from a watermark, erasure. And the channel across nodes: what
 * one node writes reaches a stream open on another, once and in order.
 */
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { ActivityLog, activityId, type LoggedActivity } from "../../src/directline/activity-log.js";
import { DirectLineService } from "../../src/directline/service.js";
import { TokenIssuer } from "../../src/directline/tokens.js";
import { openDatabase, type LotseDatabase } from "../../src/storage/database.js";
import { createSignals, signalsReady, type Signals } from "../../src/storage/signals.js";
import { describeEachEngine, migratedPostgresDatabase, openTestDatabase, postgresAvailable } from "../helpers/database.js";
import { waitFor } from "../helpers/wait.js";

const CONV = "webchat0001";
const USER = "dl_visitor0001";
const KEY = new TextEncoder().encode("k".repeat(40));

/** Resources of one test, closed in reverse order whatever happens. */
let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of cleanup.reverse()) await close();
  cleanup = [];
});

async function testDatabase(engine: "sqlite" | "postgres"): Promise<LotseDatabase> {
  const database = await openTestDatabase(engine);
  cleanup.push(() => database.close());
  return database;
}

const texts = (entries: LoggedActivity[]) => entries.map((e) => (JSON.parse(e.json) as { text: string }).text);

describeEachEngine("Direct Line activity log", (engine) => {
  it("stores nothing before the conversation is opened, and opens it once", async () => {
    const log = new ActivityLog((await testDatabase(engine)).db);
    expect(await log.append(CONV, () => ({ text: "lost" }))).toBeUndefined();
    expect(await log.conversation(CONV)).toBeUndefined();

    expect(await log.open(CONV, USER)).toBe(true);
    expect(await log.open(CONV, "dl_someoneelse")).toBe(false);
    expect(await log.conversation(CONV)).toEqual({ userId: USER, watermark: 0 });
    expect(await log.since(CONV, 0)).toEqual([]);
  });

  it("numbers activities 1, 2, 3 and reads them from a watermark on, in order", async () => {
    const log = new ActivityLog((await testDatabase(engine)).db);
    await log.open(CONV, USER);
    const seen: [string, number][] = [];
    for (const text of ["eins", "zwei", "drei"]) {
      const appended = await log.append(CONV, (id, seq) => {
        seen.push([id, seq]);
        return { id, text };
      });
      expect(appended).toMatchObject({ seq: seen.at(-1)![1], id: seen.at(-1)![0] });
    }
    expect(seen).toEqual([
      [`${CONV}|0000001`, 1],
      [`${CONV}|0000002`, 2],
      [`${CONV}|0000003`, 3],
    ]);
    expect(activityId(CONV, 42)).toBe(`${CONV}|0000042`);

    expect(texts(await log.since(CONV, 0))).toEqual(["eins", "zwei", "drei"]);
    expect(texts(await log.since(CONV, 1))).toEqual(["zwei", "drei"]);
    expect(await log.since(CONV, 3)).toEqual([]);
    expect(texts(await log.since(CONV, 0, 2))).toEqual(["eins", "zwei"]);
    expect(await log.conversation(CONV)).toEqual({ userId: USER, watermark: 3 });
    // Another conversation counts on its own.
    await log.open("webchat0002", USER);
    expect((await log.append("webchat0002", () => ({ text: "andere" })))?.seq).toBe(1);
    expect(texts(await log.since(CONV, 0))).toEqual(["eins", "zwei", "drei"]);
  });

  it("gives concurrent appends distinct numbers without gaps", async () => {
    const log = new ActivityLog((await testDatabase(engine)).db);
    await log.open(CONV, USER);
    const appended = await Promise.all(Array.from({ length: 40 }, (_, i) => log.append(CONV, (id) => ({ id, text: `n${i}` }))));
    expect(appended.map((a) => a!.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const stored = await log.since(CONV, 0);
    expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // What the caller was told is what was stored under that number.
    for (const a of appended) expect(stored.find((e) => e.seq === a!.seq)?.json).toBe(a!.json);
  });

  it("deletes idle conversations and erased ones with their activities", async () => {
    const database = await testDatabase(engine);
    const log = new ActivityLog(database.db);
    await log.open("oldchat0001", USER, new Date("2026-01-01T00:00:00Z"));
    await log.append("oldchat0001", () => ({ text: "alt" }), new Date("2026-01-02T00:00:00Z"));
    await log.open("newchat0001", USER, new Date("2026-03-01T00:00:00Z"));
    await log.append("newchat0001", () => ({ text: "neu" }), new Date("2026-03-01T00:00:00Z"));

    expect(await log.deleteIdleBefore(new Date("2026-02-01T00:00:00Z"))).toBe(1);
    expect(await log.conversation("oldchat0001")).toBeUndefined();
    expect(await log.since("oldchat0001", 0)).toEqual([]);
    expect(await log.append("oldchat0001", () => ({ text: "zu spät" }))).toBeUndefined();
    expect(texts(await log.since("newchat0001", 0))).toEqual(["neu"]);

    expect(await log.delete("newchat0001")).toBe(true);
    expect(await log.delete("newchat0001")).toBe(false);
    const left = await database.db.selectFrom("directline_activities").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
  });
});

/** One node: its own database handle (PostgreSQL) and signals, and a Direct Line service on them. */
interface Node {
  database: LotseDatabase;
  log: ActivityLog;
  service: DirectLineService;
  signals: Signals;
}

function node(database: LotseDatabase, signals: Signals): Node {
  const log = new ActivityLog(database.db);
  const service = new DirectLineService({ log, tokens: new TokenIssuer(KEY), signals });
  cleanup.push(() => service.close());
  return { database, log, service, signals };
}

/** Two nodes on one database: on PostgreSQL two pools and two listeners; on SQLite one process. */
async function twoNodes(engine: "sqlite" | "postgres"): Promise<[Node, Node]> {
  if (engine === "sqlite") {
    const database = await testDatabase("sqlite");
    const signals = createSignals(database);
    cleanup.push(() => signals.close());
    return [node(database, signals), node(database, signals)];
  }
  const { url, release } = await migratedPostgresDatabase();
  cleanup.push(async () => release());
  const nodes: Node[] = [];
  for (let i = 0; i < 2; i++) {
    const database = await openDatabase({ dataDir: ":memory:", databaseUrl: url, poolSize: 4 });
    cleanup.push(() => database.close());
    const signals = createSignals(database);
    cleanup.push(() => signals.close());
    await signalsReady(signals);
    nodes.push(node(database, signals));
  }
  return [nodes[0]!, nodes[1]!];
}

/** A stream on a node: everything it was given, and the watermarks it was given with. */
function stream(at: Node, conversationId: string, watermark = 0) {
  const received: LoggedActivity[] = [];
  const watermarks: number[] = [];
  const stop = at.service.follow(conversationId, watermark, (entries, w) => {
    received.push(...entries);
    watermarks.push(w);
  });
  cleanup.push(stop);
  return { received, watermarks, texts: () => texts(received) };
}

describeEachEngine("Direct Line across nodes", (engine) => {
  it("delivers what one node writes to a stream on the other within a second, once and in order", async () => {
    const [a, b] = await twoNodes(engine);
    await a.log.open(CONV, USER);
    await a.service.appendFromBot(CONV, { type: "message", text: "Willkommen" });

    // The visitor's stream is open on A, from the start; the backlog comes first.
    const visitor = stream(a, CONV);
    await waitFor(() => visitor.received.length === 1, { message: "the backlog" });

    // A navigator's reply is written on B.
    const started = Date.now();
    await b.service.appendFromBot(CONV, { type: "message", text: "Antwort der Lotsin" });
    await waitFor(() => visitor.received.length === 2, { timeout: 1000, message: "the reply from the other node" });
    expect(Date.now() - started).toBeLessThan(1000);

    // Both nodes write at once; the stream gets every activity once, in order.
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => a.service.appendFromBot(CONV, { type: "message", text: `a${i}` })),
      ...Array.from({ length: 10 }, (_, i) => b.service.appendFromBot(CONV, { type: "message", text: `b${i}` })),
    ]);
    await waitFor(() => visitor.received.length >= 22, { timeout: 1000, message: "all 22 activities" });
    // Late signals of activities already sent must not send them again.
    await new Promise((r) => setTimeout(r, 100));
    expect(visitor.received.map((e) => e.seq)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(visitor.watermarks.every((w, i) => i === 0 || w > visitor.watermarks[i - 1]!)).toBe(true);
    expect(visitor.texts().slice(0, 2)).toEqual(["Willkommen", "Antwort der Lotsin"]);
    expect(visitor.texts().slice(2).sort()).toEqual([...Array.from({ length: 10 }, (_, i) => `a${i}`), ...Array.from({ length: 10 }, (_, i) => `b${i}`)].sort());
  });

  it("resumes a stream from the client's watermark without repeating what it saw", async () => {
    const [a, b] = await twoNodes(engine);
    await b.log.open(CONV, USER);
    for (const text of ["eins", "zwei", "drei"]) await b.service.appendFromBot(CONV, { type: "message", text });
    const resumed = stream(a, CONV, 2);
    await waitFor(() => resumed.received.length === 1, { message: "the activity after the watermark" });
    expect(resumed.texts()).toEqual(["drei"]);
    await b.service.appendFromBot(CONV, { type: "message", text: "vier" });
    await waitFor(() => resumed.received.length === 2, { timeout: 1000, message: "the new activity" });
    expect(resumed.texts()).toEqual(["drei", "vier"]);
  });
});

describe.runIf(postgresAvailable())("Direct Line on PostgreSQL, several nodes", () => {
  it("numbers concurrent appends of two nodes to one conversation 1..n", async () => {
    const { url, release } = await migratedPostgresDatabase();
    cleanup.push(async () => release());
    const first = await openDatabase({ dataDir: ":memory:", databaseUrl: url, poolSize: 6 });
    cleanup.push(() => first.close());
    const second = await openDatabase({ dataDir: ":memory:", databaseUrl: url, poolSize: 6 });
    cleanup.push(() => second.close());
    const logs = [new ActivityLog(first.db), new ActivityLog(second.db)];
    await logs[0]!.open(CONV, USER);

    const n = 60;
    const appended = await Promise.all(Array.from({ length: n }, (_, i) => logs[i % 2]!.append(CONV, (id) => ({ id, text: `node${i % 2}-${i}` }))));
    const seqs = appended.map((a) => a!.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const stored = await logs[1]!.since(CONV, 0, n + 1);
    expect(stored.map((e) => e.seq)).toEqual(seqs);
    expect(new Set(texts(stored)).size).toBe(n);
    expect(await logs[0]!.conversation(CONV)).toEqual({ userId: USER, watermark: n });
  });

  it("catches up after its listener connection was lost, when the signal could not reach it", async () => {
    const [a, b] = await twoNodes("postgres");
    await a.log.open(CONV, USER);
    const visitor = stream(a, CONV);
    await a.service.appendFromBot(CONV, { type: "message", text: "vorher" });
    await waitFor(() => visitor.received.length === 1, { message: "the first activity" });

    // Every listener of the database loses its connection; B writes while A's is down.
    const ended = await sql<{ ended: boolean }>`
      SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`.execute(b.database.db);
    expect(ended.rows.length).toBe(2);
    await b.service.appendFromBot(CONV, { type: "message", text: "währenddessen" });

    await waitFor(() => visitor.received.length === 2, { timeout: 5000, message: "the activity written while the listener was away" });
    expect(visitor.texts()).toEqual(["vorher", "währenddessen"]);
  });
});
