/**
 * Databases for tests, on both engines. SQLite is always there; PostgreSQL when the server in
 * LOTSE_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) answers — the
 * global setup checks once and says in one line when that half is skipped. With
 * LOTSE_REQUIRE_POSTGRES=1 (as in .ci/run) a missing server fails the run instead.
 * Every PostgreSQL test database is a fresh database of its own, dropped on close.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, inject } from "vitest";
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
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
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
 * A fresh, migrated database on the given engine (SQLite: in memory unless dataDir is given).
 * close() closes it and, on PostgreSQL, drops it.
 */
export async function openTestDatabase(
  engine: Engine,
  options: Partial<Omit<OpenDatabaseOptions, "databaseUrl">> = {},
): Promise<LotseDatabase> {
  if (engine === "sqlite") return openDatabase({ dataDir: ":memory:", ...options });
  const { url, drop } = await createPostgresDatabase();
  const database = await openDatabase({ dataDir: ":memory:", ...options, databaseUrl: url, poolSize: options.poolSize ?? 4 });
  return {
    ...database,
    engine: database.engine,
    db: database.db,
    location: database.location,
    async close() {
      await database.close();
      await drop();
    },
  };
}

/** `describe.each` over the available engines, named so a failure says which engine. */
export function describeEachEngine(name: string, suite: (engine: Engine) => void): void {
  for (const engine of engines()) describe(`${name} [${engine}]`, () => suite(engine));
}
