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
import type { CompiledQuery, Compilable, ExpressionBuilder, OnConflictDatabase, OnConflictTables } from "kysely";
import type { Db, Tables } from "./database.js";
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

/**
 * A query compiled once with marker values in place of the real ones; each run only swaps the
 * values in. Every turn reads and writes state, and building and compiling the same Kysely
 * query again each time was a tenth of a turn's CPU time. The SQL text stays the same, so the
 * SQLite statement cache (./database.ts) and PostgreSQL see one statement.
 */
class QueryTemplate<R> {
  private constructor(
    private readonly compiled: CompiledQuery<R>,
    /** For each parameter of the compiled query: which value it takes. */
    private readonly slots: number[],
  ) {}

  /** `build` gets one marker per value and must use each as a parameter exactly once. */
  static of<R>(count: number, build: (markers: string[]) => Compilable<R>): QueryTemplate<R> {
    const markers = Array.from({ length: count }, (_, i) => `\u0000lotse:value:${i}\u0000`);
    const compiled = build(markers).compile();
    const slots = compiled.parameters.map((p) => markers.indexOf(p as string));
    if (slots.includes(-1) || new Set(slots).size !== count) throw new Error("storage: a query template must take each value exactly once");
    return new QueryTemplate(compiled, slots);
  }

  bind(values: readonly unknown[]): CompiledQuery<R> {
    return { ...this.compiled, parameters: this.slots.map((i) => values[i]) };
  }
}

/** Keys per read and rows per write up to which templates are kept; a turn uses two. */
const MAX_TEMPLATED = 8;
const COLUMNS = ["key", "etag", "data", "updated_at"] as const;

export class DatabaseStorage implements Storage {
  private readonly reads = new Map<number, QueryTemplate<Pick<BotStateTable, "key" | "etag" | "data">>>();
  private readonly upserts = new Map<number, QueryTemplate<unknown>>();
  private checkedUpsert?: QueryTemplate<{ key: string }>;

  constructor(private readonly db: Db) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new TypeError("storage: read() needs an array of keys");
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    // Always from the database, never from a cache: another node may have written the state,
    // and the privacy CLI and the retention job erase it in place — erased personal data must
    // not come back with the next write.
    const { rows } = await this.db.executeQuery(this.readTemplate(keys.length).bind(keys));
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
    // A turn writes its user and conversation state in one call with eTag "*" (bot/state.ts):
    // that is one statement, atomic by itself, with no BEGIN/COMMIT round trips.
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
      this.checkedUpsert ??= QueryTemplate.of(5, ([key, etag, data, updatedAt, expectedETag]) =>
        this.db
          .insertInto("bot_state")
          .values({ key: key!, etag: etag!, data: data!, updated_at: updatedAt! })
          .onConflict((oc) => oc.column("key").doUpdateSet(fromExcluded).where("bot_state.etag", "=", expectedETag!))
          .returning("key"),
      );
      const { rows } = await db.executeQuery(this.checkedUpsert.bind([...COLUMNS.map((c) => row[c]), expected]));
      if (rows.length === 0) throw new StorageConflictError(row.key);
    }
    if (unconditional.length) {
      await db.executeQuery(this.upsertTemplate(unconditional.length).bind(unconditional.flatMap((row) => COLUMNS.map((c) => row[c]))));
    }
  }

  private readTemplate(count: number): QueryTemplate<Pick<BotStateTable, "key" | "etag" | "data">> {
    const build = (keys: string[]) => this.db.selectFrom("bot_state").select(["key", "etag", "data"]).where("key", "in", keys);
    if (count > MAX_TEMPLATED) return QueryTemplate.of(count, build);
    let template = this.reads.get(count);
    if (!template) this.reads.set(count, (template = QueryTemplate.of(count, build)));
    return template;
  }

  private upsertTemplate(rows: number): QueryTemplate<unknown> {
    const build = (markers: string[]) => {
      const values = Array.from({ length: rows }, (_, r) => {
        const [key, etag, data, updatedAt] = markers.slice(r * COLUMNS.length, (r + 1) * COLUMNS.length);
        return { key: key!, etag: etag!, data: data!, updated_at: updatedAt! };
      });
      return this.db.insertInto("bot_state").values(values).onConflict((oc) => oc.column("key").doUpdateSet(fromExcluded));
    };
    if (rows > MAX_TEMPLATED) return QueryTemplate.of(rows * COLUMNS.length, build);
    let template = this.upserts.get(rows);
    if (!template) this.upserts.set(rows, (template = QueryTemplate.of(rows * COLUMNS.length, build)));
    return template;
  }
}

/** On a key conflict the row takes the new eTag, data and time. */
function fromExcluded(eb: ExpressionBuilder<OnConflictDatabase<Tables, "bot_state">, OnConflictTables<"bot_state">>) {
  return { etag: eb.ref("excluded.etag"), data: eb.ref("excluded.data"), updated_at: eb.ref("excluded.updated_at") };
}
