import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS, openDatabase, type Db } from "../../src/storage/database.js";
import { SqliteNavigatorRecords } from "../../src/storage/records.js";
import { SqliteStorage, StorageConflictError } from "../../src/storage/sqlite-storage.js";
import { tempDir } from "../helpers/temp.js";

const open: Db[] = [];
function tempDb(dir = tempDir("db")): { db: Db; dir: string } {
  const db = openDatabase({ dataDir: dir });
  open.push(db);
  return { db, dir };
}
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

describe("openDatabase", () => {
  it("creates lotse.db in WAL mode and runs each migration once", () => {
    const { db, dir } = tempDb();
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.name).toBe(path.join(dir, "lotse.db"));
    db.close();
    const again = tempDb(dir).db;
    expect(again.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
  });

  it("refuses a database written by a newer Lotse", () => {
    const { db, dir } = tempDb();
    db.pragma("user_version = 99");
    db.close();
    expect(() => openDatabase({ dataDir: dir })).toThrow(/newer than this Lotse/);
  });
});

describe("SqliteStorage", () => {
  it("reads back what it wrote, with a fresh eTag per write", async () => {
    const storage = new SqliteStorage(tempDb().db);
    await storage.write({ a: { n: 1 } });
    const first = await storage.read(["a", "missing"]);
    expect(first).toEqual({ a: { n: 1, eTag: expect.any(String) } });
    await storage.write({ a: { ...first.a, n: 2 } });
    const second = await storage.read(["a"]);
    expect(second.a.n).toBe(2);
    expect(second.a.eTag).not.toBe(first.a.eTag);
  });

  it("rejects a write with a stale eTag and keeps the newer data", async () => {
    const storage = new SqliteStorage(tempDb().db);
    await storage.write({ a: { n: 1 } });
    const stale = (await storage.read(["a"])).a;
    await storage.write({ a: { ...stale, n: 2 } });
    await expect(storage.write({ a: { ...stale, n: 3 } })).rejects.toBeInstanceOf(StorageConflictError);
    expect((await storage.read(["a"])).a.n).toBe(2);
  });

  it("lets eTag '*' overwrite unconditionally", async () => {
    const storage = new SqliteStorage(tempDb().db);
    await storage.write({ a: { n: 1 } });
    await storage.write({ a: { n: 5, eTag: "*" } });
    expect((await storage.read(["a"])).a.n).toBe(5);
  });

  it("writes all changes of a turn or none", async () => {
    const storage = new SqliteStorage(tempDb().db);
    await storage.write({ a: { n: 1 } });
    await expect(storage.write({ b: { n: 1 }, a: { n: 2, eTag: "old" } })).rejects.toThrow(/eTag mismatch/);
    expect(await storage.read(["b"])).toEqual({});
  });

  it("deletes keys and survives reopening the file", async () => {
    const { db, dir } = tempDb();
    const storage = new SqliteStorage(db);
    await storage.write({ keep: { v: "x" }, drop: { v: "y" } });
    await storage.delete(["drop"]);
    db.close();
    const reopened = new SqliteStorage(tempDb(dir).db);
    expect(await reopened.read(["keep", "drop"])).toEqual({ keep: { v: "x", eTag: expect.any(String) } });
  });
});

describe("SqliteNavigatorRecords", () => {
  it("stores feedback and unanswered questions without contact details", () => {
    const records = new SqliteNavigatorRecords(tempDb().db);
    records.saveFeedback({ articleId: "eq", helpful: false, comment: "Ruft mich an: 0176 12345678 oder a@b.de", question: "Was ist EQ?", language: "de", channel: "emulator" });
    records.saveUnanswered({ question: "Frau Müller, Tel. +49 202 123456, fragt nach Kita", language: "de", candidates: ["x"], channel: "msteams" });
    expect(records.listFeedback()).toMatchObject([{ articleId: "eq", helpful: false, comment: "Ruft mich an: [Telefon] oder [E-Mail]", question: "Was ist EQ?" }]);
    expect(records.listUnanswered()).toMatchObject([{ question: "Frau Müller, Tel. [Telefon], fragt nach Kita", candidates: ["x"], channel: "msteams" }]);
  });
});
