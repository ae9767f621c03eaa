/**
 * Databases for tests, on both engines. SQLite is always there; PostgreSQL when the server in
 * LOTSE_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) answers — the
 * global setup checks once and says in one line when that half is skipped. With
 * LOTSE_REQUIRE_POSTGRES=1 (as in .ci/run) a missing server fails the run instead.
 * A test that needs a database without a schema (the upgrade path, restores, migrations to
 * PostgreSQL) gets a new database of its own, dropped when done (createPostgresDatabase); one that
 * needs a migrated database gets one of its worker's, emptied first (migratedPostgresDatabase).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterEach, describe, inject } from "vitest";
import { POSTGRES_MIGRATIONS } from "../../src/storage/migrations/postgres.js";
import { openDatabase, type Engine, type LotseDatabase, type OpenDatabaseOptions } from "../../src/storage/database.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of the test PostgreSQL server, or "" when the PostgreSQL half is skipped. */
    postgresAdminUrl: string;
    /** Prefix of this run's test databases (the global teardown drops what is left). */
    postgresPrefix: string;
  }
}

export const postgresAdminUrl = (): string => inject("postgresAdminUrl");
export const postgresAvailable = (): boolean => postgresAdminUrl() !== "";

/** The engines to run a repository suite against: SQLite, and PostgreSQL when available. */
export function engines(): Engine[] {
  return postgresAvailable() ? ["sqlite", "postgres"] : ["sqlite"];
}

/** A PostgreSQL database of its own: its URL, and a function that drops it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = postgresAdminUrl();
  if (!admin) throw new Error("test database: PostgreSQL is not available in this run");
  const name = `${inject("postgresPrefix")}${randomBytes(5).toString("hex")}`;
  await withAdmin(admin, (client) => client.query(`CREATE DATABASE ${name}`));
  return { url: databaseUrl(admin, name), drop: () => dropDatabase(admin, name) };
}

function databaseUrl(admin: string, name: string): string {
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(admin: string, name: string): Promise<void> {
  await withAdmin(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/**
 * A database holding exactly what a freshly migrated one holds (the schema, no rows, identities
 * starting at 1) — without paying for it each time: CREATE DATABASE, the migrations and DROP
 * DATABASE cost about half a second, emptying a database about 30 ms. So the databases are
 * reused: each worker (VITEST_POOL_ID) has its own names, so no two files running at once share
 * one, and a database is emptied when it is handed out again. One that is not at the current
 * schema version, or still has a session open (a test left something running), is dropped and
 * made anew. The caller opens it with openDatabase (which migrates a new one) and calls release()
 * once everything it opened on it is closed; the run's teardown drops them all.
 */
export async function migratedPostgresDatabase(): Promise<{ url: string; release: () => void }> {
  const admin = postgresAdminUrl();
  if (!admin) throw new Error("test database: PostgreSQL is not available in this run");
  let slot = 0;
  while (slotsInUse.has(slot)) slot++;
  slotsInUse.add(slot);
  const name = `${inject("postgresPrefix")}w${process.env.VITEST_POOL_ID ?? "0"}_${slot}`;
  const url = databaseUrl(admin, name);
  try {
    if (!(await emptyIfReusable(admin, name, url))) {
      await dropDatabase(admin, name);
      await withAdmin(admin, (client) => client.query(`CREATE DATABASE ${name}`));
    }
  } catch (err) {
    slotsInUse.delete(slot);
    throw err;
  }
  return { url, release: () => void slotsInUse.delete(slot) };
}

const slotsInUse = new Set<number>();

/** Deletes every row and restarts every identity; false when the database is missing or not reusable. */
async function emptyIfReusable(admin: string, name: string, url: string): Promise<boolean> {
  const exists = await withAdmin(admin, (client) => client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]));
  if (exists.rowCount === 0) return false;
  return withAdmin(url, async (client) => {
    // A closed pool's sessions can take a moment to leave pg_stat_activity.
    for (let attempt = 0; ; attempt++) {
      const others = await client.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
      if (others.rowCount === 0) break;
      if (attempt === 20) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const version = await client.query<{ version: number }>("SELECT version FROM lotse_schema_version").catch(() => ({ rows: [] }));
    if (version.rows.length !== 1 || version.rows[0]!.version !== POSTGRES_MIGRATIONS.length) return false;
    const tables = await client.query<{ name: string }>(
      "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'lotse_schema_version'",
    );
    const identities = await client.query<{ name: string; col: string }>(
      `SELECT quote_ident(c.relname) AS name, quote_ident(a.attname) AS col FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND a.attidentity <> '' AND NOT a.attisdropped`,
    );
    // Every table is emptied, so the order foreign keys would need does not matter.
    await client.query(
      [
        "BEGIN",
        "SET LOCAL session_replication_role = replica",
        ...tables.rows.map((t) => `DELETE FROM ${t.name}`),
        ...identities.rows.map((i) => `ALTER TABLE ${i.name} ALTER COLUMN ${i.col} RESTART`),
        "COMMIT",
      ].join(";\n"),
    );
    return true;
  });
}

export async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * An empty, migrated database on the given engine (SQLite: in memory unless dataDir is given;
 * PostgreSQL: see migratedPostgresDatabase, or a new one when `migrations` asks for an older schema).
 * close() closes it and, on PostgreSQL, drops it or hands it back for reuse.
 */
export async function openTestDatabase(
  engine: Engine,
  options: Partial<Omit<OpenDatabaseOptions, "databaseUrl">> = {},
): Promise<LotseDatabase> {
  if (engine === "sqlite") return openDatabase({ dataDir: ":memory:", ...options });
  const { url, done } = options.migrations
    ? await createPostgresDatabase().then(({ url, drop }) => ({ url, done: drop }))
    : await migratedPostgresDatabase().then(({ url, release }) => ({ url, done: async () => release() }));
  let database: LotseDatabase;
  try {
    database = await openDatabase({ dataDir: ":memory:", ...options, databaseUrl: url, poolSize: options.poolSize ?? 4 });
  } catch (err) {
    await done();
    throw err;
  }
  return {
    ...database,
    engine: database.engine,
    db: database.db,
    location: database.location,
    async close() {
      await database.close();
      await done();
    },
  };
}

/** `describe.each` over the available engines, named so a failure says which engine. */
export function describeEachEngine(name: string, suite: (engine: Engine) => void): void {
  for (const engine of engines()) describe(`${name} [${engine}]`, () => suite(engine));
}

export interface Closable {
  close(): Promise<void>;
}

/**
 * Closes what a test opened (databases, dropped PostgreSQL databases, locks) after each test, the
 * last opened first. Returns `track`, which registers one or more and gives the first back.
 */
export function closeAfterEach(): <T extends Closable>(first: T, ...more: Closable[]) => T {
  const open: Closable[] = [];
  afterEach(async () => {
    for (const x of open.splice(0).reverse()) await x.close();
  });
  return (first, ...more) => {
    open.push(first, ...more);
    return first;
  };
}
