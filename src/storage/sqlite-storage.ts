/**
 * A botbuilder `Storage` on SQLite, so conversation and user state survive a restart.
 * eTag semantics follow botbuilder's MemoryStorage: a write with eTag "*" or none always wins,
 * otherwise it must match the stored eTag (optimistic concurrency between parallel turns).
 */
import { randomUUID } from "node:crypto";
import type { Storage, StoreItems } from "botbuilder";
import type { Db } from "./database.js";

export class StorageConflictError extends Error {
  constructor(readonly key: string) {
    super(`storage: the state "${key}" was changed by another turn (eTag mismatch); retry the turn`);
    this.name = "StorageConflictError";
  }
}

interface Row {
  key: string;
  etag: string;
  data: string;
}

export class SqliteStorage implements Storage {
  private readonly select;
  private readonly selectEtag;
  private readonly upsert;
  private readonly remove;

  constructor(private readonly db: Db) {
    this.select = db.prepare<[string], Row>("SELECT key, etag, data FROM bot_state WHERE key = ?");
    this.selectEtag = db.prepare<[string], { etag: string }>("SELECT etag FROM bot_state WHERE key = ?");
    this.upsert = db.prepare<[string, string, string, string]>(
      `INSERT INTO bot_state (key, etag, data, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, data = excluded.data, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare<[string]>("DELETE FROM bot_state WHERE key = ?");
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new TypeError("storage: read() needs an array of keys");
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.select.get(key);
      if (row) items[key] = { ...(JSON.parse(row.data) as object), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== "object") throw new TypeError("storage: write() needs an object of changes");
    const now = new Date().toISOString();
    // One transaction: either all changes of a turn are stored or none.
    this.db.transaction(() => {
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...data } = (item ?? {}) as { eTag?: string };
        if (eTag && eTag !== "*") {
          const stored = this.selectEtag.get(key);
          if (stored && stored.etag !== eTag) throw new StorageConflictError(key);
        }
        this.upsert.run(key, randomUUID(), JSON.stringify(data), now);
      }
    })();
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new TypeError("storage: delete() needs an array of keys");
    this.db.transaction(() => {
      for (const key of keys) this.remove.run(key);
    })();
  }
}
