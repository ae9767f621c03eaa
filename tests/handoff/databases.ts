/**
 * Databases for the handoff's store tests on either engine, closed after each test: an empty
 * one, or two connections to the same database as two nodes (two PostgreSQL pools; on SQLite
 * two handles on one file, as the server and the privacy CLI have).
 */
import { afterEach } from "vitest";
import { openDatabase, type Engine, type LotseDatabase } from "../../src/storage/database.js";
import { migratedPostgresDatabase, openTestDatabase } from "../helpers/database.js";
import { tempDir } from "../helpers/temp.js";

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of open.splice(0).reverse()) await close();
});

export async function freshDatabase(engine: Engine): Promise<LotseDatabase> {
  const database = await openTestDatabase(engine);
  open.push(() => database.close());
  return database;
}

export async function twoNodes(engine: Engine): Promise<[LotseDatabase, LotseDatabase]> {
  if (engine === "sqlite") {
    const dataDir = tempDir("handoff-nodes");
    const a = await openDatabase({ dataDir });
    open.push(() => a.close());
    const b = await openDatabase({ dataDir });
    open.push(() => b.close());
    return [a, b];
  }
  const { url, release } = await migratedPostgresDatabase();
  open.push(async () => release());
  const a = await openDatabase({ dataDir: ":memory:", databaseUrl: url, poolSize: 4 });
  open.push(() => a.close());
  const b = await openDatabase({ dataDir: ":memory:", databaseUrl: url, poolSize: 4 });
  open.push(() => b.close());
  return [a, b];
}
