/**
 * Lotse's one database, on one of two engines behind one Kysely query builder:
 * - SQLite (better-sqlite3) in `DATA_DIR/lotse.db`, the embedded default for a single node;
 * - PostgreSQL when `DATABASE_URL=postgres://…` is set, shared by several nodes.
 * The schema is versioned per engine (./migrations/): every start brings the database up to the
 * version this Lotse knows, and refuses a database written by a newer one.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { POSTGRES_MIGRATIONS } from "./migrations/postgres.js";
import { SQLITE_MIGRATIONS } from "./migrations/sqlite.js";
import type { Tables } from "./tables.js";
import { LruCache } from "../util/lru-cache.js";

export type { Tables } from "./tables.js";
export type Engine = "sqlite" | "postgres";
export type Db = Kysely<Tables>;

export const DATABASE_FILE = "lotse.db";

export interface LotseDatabase {
  readonly engine: Engine;
  /** The query builder every repository uses. */
  readonly db: Db;
  /** The PostgreSQL pool (LISTEN/NOTIFY, advisory locks); undefined on SQLite. */
  readonly pool?: pg.Pool;
  /** The SQLite handle (online backup); undefined on PostgreSQL. */
  readonly sqlite?: Database.Database;
  /** Human-readable location without credentials, for logs. */
  readonly location: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Folder of the SQLite file; `:memory:` for a throw-away database. Ignored with a databaseUrl. */
  dataDir: string;
  /** `postgres://…`: use PostgreSQL instead of SQLite. */
  databaseUrl?: string | undefined;
  /** Connections per node on PostgreSQL. */
  poolSize?: number;
  /** Only for tests of the upgrade path: run the first n migrations. */
  migrations?: { sqlite: readonly string[]; postgres: readonly string[] };
}

// COUNT(*) and BIGINT come back as strings from node-postgres; Lotse's numbers fit a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export async function openDatabase(options: OpenDatabaseOptions): Promise<LotseDatabase> {
  const migrations = options.migrations ?? { sqlite: SQLITE_MIGRATIONS, postgres: POSTGRES_MIGRATIONS };
  if (options.databaseUrl) return openPostgres(options.databaseUrl, migrations.postgres, options.poolSize ?? 10);
  return openSqlite(options.dataDir, migrations.sqlite);
}

export function openSqliteHandle(dataDir: string): Database.Database {
  let file = ":memory:";
  if (dataDir !== ":memory:") {
    mkdirSync(dataDir, { recursive: true });
    file = path.join(dataDir, DATABASE_FILE);
  }
  const handle = new Database(file);
  // WAL lets readers (the console, a backup) work while the bot writes.
  handle.pragma("journal_mode = WAL");
  handle.pragma("synchronous = NORMAL");
  handle.pragma("foreign_keys = ON");
  handle.pragma("busy_timeout = 5000");
  return handle;
}

function openSqlite(dataDir: string, migrations: readonly string[]): LotseDatabase {
  const handle = openSqliteHandle(dataDir);
  migrateSqlite(handle, migrations);
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(handle) }) });
  return {
    engine: "sqlite",
    db,
    sqlite: handle,
    location: dataDir === ":memory:" ? ":memory:" : path.join(dataDir, DATABASE_FILE),
    async close() {
      // Kysely's SQLite driver closes the handle it was given.
      await db.destroy();
    },
  };
}

/**
 * Kysely's SQLite driver prepares every query anew; the bot's profile showed `prepare` as a top
 * cost of a turn. The SQL text of Lotse's queries repeats (values are parameters), so a bounded
 * cache of prepared statements by text makes each one a lookup. Safe: Kysely runs one query at a
 * time on the connection, and a statement is reset before each run.
 */
function withStatementCache(handle: Database.Database): Database.Database {
  const statements = new LruCache<string, Database.Statement>(STATEMENT_CACHE_SIZE);
  return new Proxy(handle, {
    get(target, prop, receiver) {
      if (prop !== "prepare") {
        const value = Reflect.get(target, prop, receiver) as unknown;
        // better-sqlite3's native methods need the real handle as `this`, not the proxy.
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      return (text: string) => {
        let statement = statements.get(text);
        if (!statement) {
          statement = target.prepare(text);
          statements.set(text, statement);
        }
        return statement;
      };
    },
  });
}

const STATEMENT_CACHE_SIZE = 500;

export function migrateSqlite(handle: Database.Database, migrations: readonly string[]): void {
  const current = handle.pragma("user_version", { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`storage: ${DATABASE_FILE} has schema version ${current}, newer than this Lotse (${migrations.length}); update Lotse`);
  }
  for (let v = current; v < migrations.length; v++) {
    handle.transaction(() => {
      handle.exec(migrations[v]!);
      handle.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/** The URL without its password, for logs and errors. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://(unparsable URL)";
  }
}

async function openPostgres(url: string, migrations: readonly string[], poolSize: number): Promise<LotseDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migratePostgres(db, migrations);
  } catch (err) {
    await db.destroy();
    throw new Error(`storage: cannot prepare PostgreSQL at ${redactDatabaseUrl(url)}: ${(err as Error).message}`, { cause: err });
  }
  return {
    engine: "postgres",
    db,
    pool,
    location: redactDatabaseUrl(url),
    async close() {
      await db.destroy();
    },
  };
}

// Any fixed number: every node takes the same lock, so only one migrates at a time.
const MIGRATION_LOCK = 7_155_001;

export async function migratePostgres(db: Db, migrations: readonly string[]): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      await sql`CREATE TABLE IF NOT EXISTS lotse_schema_version (version INTEGER NOT NULL)`.execute(conn);
      const rows = await sql<{ version: number }>`SELECT version FROM lotse_schema_version`.execute(conn);
      const current = rows.rows[0]?.version ?? 0;
      if (rows.rows.length === 0) await sql`INSERT INTO lotse_schema_version (version) VALUES (0)`.execute(conn);
      if (current > migrations.length) {
        throw new Error(`the database has schema version ${current}, newer than this Lotse (${migrations.length}); update Lotse`);
      }
      for (let v = current; v < migrations.length; v++) {
        await conn.transaction().execute(async (trx) => {
          await sql.raw(migrations[v]!).execute(trx);
          await sql`UPDATE lotse_schema_version SET version = ${v + 1}`.execute(trx);
        });
      }
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}

/** A UNIQUE or PRIMARY KEY violation, on either engine. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE";
}

/** The schema version a database is at (tests, `npm run db:*`). */
export async function schemaVersion(database: LotseDatabase): Promise<number> {
  if (database.sqlite) return database.sqlite.pragma("user_version", { simple: true }) as number;
  const rows = await sql<{ version: number }>`SELECT version FROM lotse_schema_version`.execute(database.db);
  return rows.rows[0]?.version ?? 0;
}
