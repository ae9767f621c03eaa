/**
 * Bot state (DatabaseStorage) on both engines: what the bot reads after a write, the eTag rules of
 * the SDK's MemoryStorage, all-or-nothing writes, and state that outlives the process.
 */
import { expect, it } from "vitest";
import { openDatabase, type LotseDatabase } from "../../src/storage/database.js";
import { DatabaseStorage, StorageConflictError } from "../../src/storage/state-storage.js";
import { describeEachEngine, migratedPostgresDatabase, openTestDatabase, closeAfterEach } from "../helpers/database.js";
import { tempDir } from "../helpers/temp.js";

const track = closeAfterEach();

describeEachEngine("DatabaseStorage", (engine) => {
  const fresh = async () => new DatabaseStorage(track(await openTestDatabase(engine)).db);

  it("reads back what it wrote, with a fresh eTag per write", async () => {
    const storage = await fresh();
    await storage.write({ a: { n: 1, text: "Grüße — ✓ \u0000" } });
    const first = await storage.read(["a", "missing"]);
    expect(first).toEqual({ a: { n: 1, text: "Grüße — ✓ \u0000", eTag: expect.any(String) } });
    await storage.write({ a: { ...first.a, n: 2 } });
    const second = await storage.read(["a"]);
    expect(second.a.n).toBe(2);
    expect(second.a.eTag).not.toBe(first.a.eTag);
  });

  it("reads several keys at once", async () => {
    const storage = await fresh();
    await storage.write({ "webchat/conversations/c1": { n: 1 }, "webchat/users/u1": { n: 2 } });
    const items = await storage.read(["webchat/users/u1", "webchat/conversations/c1", "webchat/conversations/c2"]);
    expect(Object.keys(items).sort()).toEqual(["webchat/conversations/c1", "webchat/users/u1"]);
    expect([items["webchat/conversations/c1"]!.n, items["webchat/users/u1"]!.n]).toEqual([1, 2]);
    expect(await storage.read([])).toEqual({});
  });

  it("refuses a write with a stale eTag (StorageConflictError) and keeps the newer data", async () => {
    const storage = await fresh();
    await storage.write({ a: { n: 1 } });
    const stale = (await storage.read(["a"])).a;
    await storage.write({ a: { ...stale, n: 2 } });
    const refused = storage.write({ a: { ...stale, n: 3 } });
    await expect(refused).rejects.toBeInstanceOf(StorageConflictError);
    await expect(refused).rejects.toMatchObject({ key: "a" });
    expect((await storage.read(["a"])).a.n).toBe(2);
  });

  it("lets eTag '*' (what the SDK's state classes send) or none overwrite unconditionally", async () => {
    const storage = await fresh();
    await storage.write({ a: { n: 1 } });
    await storage.write({ a: { n: 5, eTag: "*" } });
    expect((await storage.read(["a"])).a.n).toBe(5);
    await storage.write({ a: { n: 6 } });
    expect((await storage.read(["a"])).a.n).toBe(6);
  });

  it("writes a new key even with an eTag, as MemoryStorage does", async () => {
    const storage = await fresh();
    await storage.write({ a: { n: 1, eTag: "from-elsewhere" } });
    expect((await storage.read(["a"])).a.n).toBe(1);
  });

  it("writes all changes of one write or none", async () => {
    const storage = await fresh();
    await storage.write({ a: { n: 1 }, c: { n: 1 } });
    const c = (await storage.read(["c"])).c;
    await expect(storage.write({ b: { n: 1 }, c: { ...c, n: 2 }, a: { n: 2, eTag: "old" } })).rejects.toThrow(/eTag mismatch/);
    expect(await storage.read(["a", "b", "c"])).toMatchObject({ a: { n: 1 }, c: { n: 1 } });
    expect(await storage.read(["b"])).toEqual({});
  });

  it("deletes keys, and an empty delete is harmless", async () => {
    const storage = await fresh();
    await storage.write({ keep: { v: "x" }, drop: { v: "y" }, drop2: { v: "z" } });
    await storage.delete(["drop", "drop2", "never-there"]);
    await storage.delete([]);
    expect(await storage.read(["keep", "drop", "drop2"])).toEqual({ keep: { v: "x", eTag: expect.any(String) } });
  });

  it("never answers from a cache: state erased in the database (privacy CLI, retention) stays erased", async () => {
    const database = track(await openTestDatabase(engine));
    const storage = new DatabaseStorage(database.db);
    await storage.write({ a: { contact: "erika@example.org" } });
    expect(await storage.read(["a"])).toHaveProperty("a");
    await database.db.deleteFrom("bot_state").execute();
    expect(await storage.read(["a"])).toEqual({});
  });

  it("keeps state for the next process (restart, or another node)", async () => {
    let reopen: () => Promise<LotseDatabase>;
    if (engine === "sqlite") {
      const dataDir = tempDir("state");
      reopen = () => openDatabase({ dataDir });
    } else {
      const { url, release } = await migratedPostgresDatabase();
      track({ close: async () => release() });
      reopen = () => openDatabase({ dataDir: ":memory:", databaseUrl: url, poolSize: 2 });
    }
    const first = await reopen();
    await new DatabaseStorage(first.db).write({ keep: { v: "x" } });
    await first.close();
    const second = track(await reopen());
    expect(await new DatabaseStorage(second.db).read(["keep"])).toEqual({ keep: { v: "x", eTag: expect.any(String) } });
  });

  it("refuses calls that are not arrays or objects, as MemoryStorage does", async () => {
    const storage = await fresh();
    await expect(storage.read("a" as never)).rejects.toThrow(TypeError);
    await expect(storage.write(undefined as never)).rejects.toThrow(TypeError);
    await expect(storage.delete("a" as never)).rejects.toThrow(TypeError);
  });
});
