/**
 * Is there a PostgreSQL server for the PostgreSQL half of the suite? Checked once per run; the
 * answer reaches the test files through `inject("postgresAdminUrl")` (tests/helpers/database.ts).
 * The teardown drops whatever test databases this run left behind.
 */
import pg from "pg";
import type { TestProject } from "vitest/node";

const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/postgres";

async function reachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.LOTSE_TEST_POSTGRES_URL || DEFAULT_URL;
  const required = process.env.LOTSE_REQUIRE_POSTGRES === "1";
  const prefix = `lotse_test_${process.pid}_`;
  const problem = await reachable(url);
  if (problem && required) {
    throw new Error(`PostgreSQL tests are required (LOTSE_REQUIRE_POSTGRES=1) but ${url} does not answer: ${problem}`);
  }
  if (problem) {
    console.warn(`PostgreSQL tests skipped: no server at ${url} (${problem}); set LOTSE_REQUIRE_POSTGRES=1 to make this a failure`);
  }
  project.provide("postgresAdminUrl", problem ? "" : url);
  project.provide("postgresPrefix", prefix);
  return async () => {
    if (problem) return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const left = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${prefix}%`]);
      for (const { datname } of left.rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  };
}
