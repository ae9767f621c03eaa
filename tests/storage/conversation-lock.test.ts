/**
 * Turns of one conversation run one after the other — in one process on both engines, and on
 * PostgreSQL across two nodes sharing the database — so no turn's state is lost to another's
 * write. Without the lock, the eTag check is what refuses the stale write.
 */
import { describe, expect, it } from "vitest";
import { createConversationLock, type ConversationLock } from "../../src/storage/conversation-lock.js";
import { openDatabase, type LotseDatabase } from "../../src/storage/database.js";
import { DatabaseStorage, StorageConflictError } from "../../src/storage/state-storage.js";
import { describeEachEngine, migratedPostgresDatabase, openTestDatabase, postgresAvailable, closeAfterEach } from "../helpers/database.js";

const track = closeAfterEach();

const KEY = "msteams/conversations/a:1";
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A bot turn in miniature: load the state, think, save it with the eTag it was read with. */
async function turn(storage: DatabaseStorage): Promise<void> {
  const item = (await storage.read([KEY]))[KEY] as { count?: number; eTag?: string } | undefined;
  await pause(Math.random() * 3);
  await storage.write({ [KEY]: { ...item, count: (item?.count ?? 0) + 1 } });
}

async function count(storage: DatabaseStorage): Promise<number | undefined> {
  return ((await storage.read([KEY]))[KEY] as { count?: number } | undefined)?.count;
}

describeEachEngine("conversation lock", (engine) => {
  it("runs 20 concurrent turns of one conversation one after the other: none is lost", async () => {
    const database = track(await openTestDatabase(engine));
    const storage = new DatabaseStorage(database.db);
    const lock = createConversationLock(database);
    await Promise.all(Array.from({ length: 20 }, () => lock.run(KEY, () => turn(storage))));
    expect(await count(storage)).toBe(20);
  });

  it("without the lock, the second of two overlapping turns is refused (StorageConflictError)", async () => {
    const database = track(await openTestDatabase(engine));
    const storage = new DatabaseStorage(database.db);
    await storage.write({ [KEY]: { count: 0 } });
    const [a, b] = [(await storage.read([KEY]))[KEY]!, (await storage.read([KEY]))[KEY]!];
    await storage.write({ [KEY]: { ...a, count: 1 } });
    await expect(storage.write({ [KEY]: { ...b, count: 1 } })).rejects.toBeInstanceOf(StorageConflictError);
    expect(await count(storage)).toBe(1);
  });

  it("lets turns of other conversations run at the same time", async () => {
    const database = track(await openTestDatabase(engine));
    const lock = createConversationLock(database);
    let inside = 0;
    let most = 0;
    let bothInside!: () => void;
    const met = new Promise<void>((resolve) => (bothInside = resolve));
    await Promise.all(
      ["a", "b"].map((key) =>
        lock.run(key, async () => {
          most = Math.max(most, ++inside);
          if (inside === 2) bothInside();
          // Wait for the other turn rather than a fixed time: a busy machine may take longer than
          // any short pause to start it. Turns run one after the other would wait out the 5 s.
          await Promise.race([met, pause(5_000)]);
          inside--;
        }),
      ),
    );
    expect(most).toBe(2);
  });

  it("hands the conversation to the next turn when a turn fails, and returns the turn's result", async () => {
    const database = track(await openTestDatabase(engine));
    const lock = createConversationLock(database);
    const failing = lock.run(KEY, async () => {
      await pause(5);
      throw new Error("turn failed");
    });
    const next = lock.run(KEY, () => Promise.resolve("answered"));
    await expect(failing).rejects.toThrow("turn failed");
    expect(await next).toBe("answered");
  });
});

describe.skipIf(!postgresAvailable())("conversation lock across two nodes on one PostgreSQL database", () => {
  async function twoNodes(poolSize: number): Promise<Array<{ database: LotseDatabase; lock: ConversationLock; storage: DatabaseStorage }>> {
    const { url, release } = await migratedPostgresDatabase();
    track({ close: async () => release() });
    const a = track(await openDatabase({ dataDir: ":memory:", databaseUrl: url, poolSize }));
    const b = track(await openDatabase({ dataDir: ":memory:", databaseUrl: url, poolSize }));
    return [a, b].map((database) => ({ database, lock: createConversationLock(database), storage: new DatabaseStorage(database.db) }));
  }

  it("20 concurrent turns of one conversation on two nodes: final count 20, no conflict", async () => {
    const nodes = await twoNodes(4);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const node = nodes[i % 2]!;
        return node.lock.run(KEY, () => turn(node.storage));
      }),
    );
    expect(await count(nodes[0]!.storage)).toBe(20);
  });

  it("without the lock the same turns on two nodes collide", async () => {
    const nodes = await twoNodes(4);
    // Stored state, so every turn writes with an eTag (a missing key is written unconditionally).
    await nodes[0]!.storage.write({ [KEY]: { count: 0 } });
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => turn(nodes[i % 2]!.storage)));
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StorageConflictError);
    expect(await count(nodes[0]!.storage)).toBe(20 - refused.length);
  });

  it("releases the lock of a failed turn for the other node", async () => {
    const [a, b] = await twoNodes(2);
    await expect(a!.lock.run(KEY, () => Promise.reject(new Error("turn failed")))).rejects.toThrow("turn failed");
    const answered = b!.lock.run(KEY, () => Promise.resolve("answered"));
    expect(await Promise.race([answered, pause(5000).then(() => "still waiting")])).toBe("answered");
  });

  it("more concurrent conversations than pool connections still finish: lock holders leave connections for the queries", async () => {
    const [node] = await twoNodes(2);
    const { lock, storage } = node!;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        lock.run(`webchat/conversations/c${i}`, async () => {
          await storage.write({ [`c${i}`]: { n: i } });
          await storage.read([`c${i}`]);
        }),
      ),
    );
    expect(Object.keys(await storage.read(Array.from({ length: 12 }, (_, i) => `c${i}`)))).toHaveLength(12);
  });
});
