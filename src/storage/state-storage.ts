/**
 * An Agents SDK `Storage` on Lotse's database (SQLite or PostgreSQL), so conversation and user
 * state survive a restart and are shared by every node. eTag semantics follow the SDK's
 * MemoryStorage: a write with eTag "*" or none always wins, otherwise it must match the stored
 * eTag (optimistic concurrency between parallel turns). Turns of one conversation are
 * serialised by ./conversation-lock.ts, so in practice the eTag check only catches a caller
 * that writes stale state outside a turn.
 */
import { randomUUID } from "node:crypto";
import type { Storage, StoreItems } from "@microsoft/agents-hosting";
import type { Db } from "./database.js";
import type { BotStateTable } from "./tables.js";

export class StorageConflictError extends Error {
  constructor(readonly key: string) {
    super(`storage: the state "${key}" was changed by another turn (eTag mismatch); retry the turn`);
    this.name = "StorageConflictError";
  }
}

interface CheckedChange {
  row: BotStateTable;
  /** The eTag the stored row must still have. */
  expected: string;
}

export class DatabaseStorage implements Storage {
  constructor(private readonly db: Db) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new TypeError("storage: read() needs an array of keys");
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    // Always from the database, never from a cache: another node may have written the state,
    // and the privacy CLI and the retention job erase it in place — erased personal data must
    // not come back with the next write.
    const rows = await this.db.selectFrom("bot_state").select(["key", "etag", "data"]).where("key", "in", keys).execute();
    for (const row of rows) items[row.key] = { ...(JSON.parse(row.data) as object), eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== "object") throw new TypeError("storage: write() needs an object of changes");
    const now = new Date().toISOString();
    const unconditional: BotStateTable[] = [];
    const checked: CheckedChange[] = [];
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...data } = (item ?? {}) as { eTag?: string };
      const row = { key, etag: randomUUID(), data: JSON.stringify(data), updated_at: now };
      if (eTag && eTag !== "*") checked.push({ row, expected: eTag });
      else unconditional.push(row);
    }
    // A turn writes one key per state object (the SDK saves conversation and user state one
    // after the other): that is one statement, atomic by itself, with no BEGIN/COMMIT round trips.
    const statements = checked.length + (unconditional.length ? 1 : 0);
    if (statements === 0) return;
    if (statements === 1) {
      await this.apply(this.db, unconditional, checked);
      return;
    }
    // Several statements: either all changes of the write are stored or none.
    await this.db.transaction().execute((trx) => this.apply(trx, unconditional, checked));
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new TypeError("storage: delete() needs an array of keys");
    if (keys.length === 0) return;
    await this.db.deleteFrom("bot_state").where("key", "in", keys).execute();
  }

  private async apply(db: Db, unconditional: BotStateTable[], checked: CheckedChange[]): Promise<void> {
    for (const { row, expected } of checked) {
      // Insert, or update only while the stored eTag is the expected one: the check and the
      // write are one statement, so no other writer can slip in between. No row back means the
      // row exists with another eTag (a missing row is written, as in MemoryStorage).
      const written = await db
        .insertInto("bot_state")
        .values(row)
        .onConflict((oc) =>
          oc
            .column("key")
            .doUpdateSet((eb) => ({ etag: eb.ref("excluded.etag"), data: eb.ref("excluded.data"), updated_at: eb.ref("excluded.updated_at") }))
            .where("bot_state.etag", "=", expected),
        )
        .returning("key")
        .executeTakeFirst();
      if (!written) throw new StorageConflictError(row.key);
    }
    if (unconditional.length) {
      await db
        .insertInto("bot_state")
        .values(unconditional)
        .onConflict((oc) =>
          oc.column("key").doUpdateSet((eb) => ({ etag: eb.ref("excluded.etag"), data: eb.ref("excluded.data"), updated_at: eb.ref("excluded.updated_at") })),
        )
        .execute();
    }
  }
}
