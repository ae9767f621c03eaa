/**
 * `npm run db:migrate-to-postgres`: a SQLite database with rows in every table arrives in
 * PostgreSQL row for row, the ids go on where SQLite stopped, and a copy that would lose or mix
 * data is refused before anything is written.
 */
import { SQLITE_MIGRATIONS } from "../../src/storage/migrations/sqlite.js";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { main as migrate } from "../../scripts/db-migrate-to-postgres.js";
import { openDatabase, type LotseDatabase } from "../../src/storage/database.js";
import { countRows, TABLES } from "../../src/storage/maintenance.js";
import { createPostgresDatabase, postgresAvailable } from "../helpers/database.js";
import { runMain } from "../helpers/run.js";
import { tempDir } from "../helpers/temp.js";
import { readAll, seedEveryTable, ticketRow } from "./db-fixtures.js";

const opened: LotseDatabase[] = [];
const drops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close().catch(() => {});
  for (const drop of drops.splice(0)) await drop();
});

async function open(dataDir: string, databaseUrl?: string): Promise<LotseDatabase> {
  const database = await openDatabase({ dataDir, databaseUrl, poolSize: 2 });
  opened.push(database);
  return database;
}

async function close(database: LotseDatabase): Promise<void> {
  opened.splice(opened.indexOf(database), 1);
  await database.close();
}

/** A stopped single-node Lotse with rows in every table, and an empty PostgreSQL database. */
async function setup() {
  const dataDir = tempDir("db-migrate");
  const sqlite = await open(dataDir);
  await seedEveryTable(sqlite.db);
  const rows = await readAll(sqlite.db);
  await close(sqlite);
  const pg = await createPostgresDatabase();
  drops.push(pg.drop);
  return { dataDir, rows, url: pg.url };
}

/** The stdout table as {table: [sqlite, postgres, next id]}. */
function parseCounts(stdout: string): Record<string, string[]> {
  const [header, ...lines] = stdout.trimEnd().split("\n");
  expect(header).toMatch(/^table +sqlite +postgres +next id$/);
  return Object.fromEntries(lines.map((l) => l.trim().split(/\s{2,}/)).map(([table, ...rest]) => [table!, rest]));
}

describe.skipIf(!postgresAvailable())("db:migrate-to-postgres", () => {
  it("copies every table: counts equal, every row read back equal, new ids continue after SQLite's", async () => {
    const { dataDir, rows, url } = await setup();
    const r = await runMain(migrate, [], { DATA_DIR: dataDir, DATABASE_URL: url });
    expect(r.stderr).toMatch(/^db:migrate-to-postgres: 21 rows copied from .*lotse\.db to postgres:\/\/postgres@127\.0\.0\.1:5432\/lotse_test_/);
    expect(r.code).toBe(0);
    const counts = parseCounts(r.stdout);
    expect(Object.keys(counts)).toEqual(TABLES);
    for (const table of TABLES) {
      const n = String(rows[table]!.length);
      expect(n, table).not.toBe("0");
      expect(counts[table]!.slice(0, 2), table).toEqual([n, n]);
    }
    // Ticket 3 was deleted in SQLite; its number is never given again.
    expect(counts.tickets![2]).toBe("4");
    expect(counts.bot_state![2]).toBe("-");

    const pg = await open(dataDir, url);
    expect(pg.engine).toBe("postgres");
    expect(await readAll(pg.db)).toEqual(rows);
    const ticket = await pg.db.selectFrom("tickets").selectAll().where("id", "=", 1).executeTakeFirstOrThrow();
    expect(ticket).toEqual(rows.tickets![0]);
    expect(ticket).toMatchObject({ id: 1, name: "Erika Muster", organisation: "Bäckerei Muster", status: "open", teams_team_id: null });

    const next = await pg.db.insertInto("tickets").values(ticketRow("Nach dem Umzug", 59)).returning("id").executeTakeFirstOrThrow();
    expect(next.id).toBe(4);
    const message = await pg.db.insertInto("ticket_messages").values({ ticket_id: next.id, created_at: "2026-05-04T10:00:00.000Z", author: "user", author_name: null, text: "Hallo", delivered: null }).returning("id").executeTakeFirstOrThrow();
    expect(message.id).toBe(3);

    // SQLite keeps its rows.
    const sqlite = await open(dataDir);
    expect(await readAll(sqlite.db)).toEqual(rows);
  });

  it("a target that already holds rows is refused (nothing written); --replace empties it and copies again", async () => {
    const { dataDir, rows, url } = await setup();
    expect((await runMain(migrate, ["--to", url], { DATA_DIR: dataDir })).code).toBe(0);
    const pg = await open(dataDir, url);
    await pg.db.insertInto("tickets").values(ticketRow("Schon auf PostgreSQL", 58)).execute();
    const held = await countRows(pg.db);
    await close(pg);

    const again = await runMain(migrate, ["--to", url], { DATA_DIR: dataDir });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe("");
    expect(again.stderr).toMatch(/already holds rows \(bot_state 2, feedback 2, .*tickets 3, .*\); is a Lotse using it\? To delete them and copy anyway, run again with --replace/);
    const still = await open(dataDir, url);
    expect(await countRows(still.db)).toEqual(held);
    await close(still);

    const replaced = await runMain(migrate, ["--to", url, "--replace"], { DATA_DIR: dataDir });
    expect(replaced.code).toBe(0);
    expect(parseCounts(replaced.stdout).tickets).toEqual(["2", "2", "4"]);
    const after = await open(dataDir, url);
    expect(await readAll(after.db)).toEqual(rows);
  });

  it("refused while Lotse still has the SQLite file open: PostgreSQL stays empty", async () => {
    const { dataDir, url } = await setup();
    const running = new Database(path.join(dataDir, "lotse.db"));
    running.pragma("user_version");
    try {
      const r = await runMain(migrate, ["--to", url], { DATA_DIR: dataDir });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/lotse\.db is in use: stop Lotse/);
    } finally {
      running.close();
    }
    const pg = await open(dataDir, url);
    expect(Object.values(await countRows(pg.db)).every((n) => n === 0)).toBe(true);
  });
});

describe("db:migrate-to-postgres arguments", () => {
  it("needs a target: --to or DATABASE_URL (exit code 2), and a SQLite database to copy (exit code 1)", async () => {
    const dataDir = tempDir("db-migrate-args");
    const noTarget = await runMain(migrate, [], { DATA_DIR: dataDir });
    expect(noTarget).toMatchObject({ code: 2, stdout: "" });
    expect(noTarget.stderr).toMatch(/^db:migrate-to-postgres: --to: is required when DATABASE_URL is not set/);
    const badUrl = await runMain(migrate, ["--to", "mysql://x"], { DATA_DIR: dataDir });
    expect(badUrl.stderr).toMatch(/^db:migrate-to-postgres: --to: must be a postgres:\/\/ or postgresql:\/\/ URL/);
    const nothing = await runMain(migrate, ["--to", "postgres://lotse@127.0.0.1:1/lotse"], { DATA_DIR: dataDir });
    expect(nothing).toMatchObject({ code: 1, stderr: expect.stringContaining("there is no database at") });
  });

  it("refuses a lotse.db written by a newer Lotse, before connecting to PostgreSQL", async () => {
    const dataDir = tempDir("db-migrate-newer");
    const file = new Database(path.join(dataDir, "lotse.db"));
    file.pragma("user_version = 99");
    file.close();
    const r = await runMain(migrate, ["--to", "postgres://lotse@127.0.0.1:1/lotse"], { DATA_DIR: dataDir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^db:migrate-to-postgres: cannot open .*lotse\\.db: .*schema version 99, newer than this Lotse \\(${SQLITE_MIGRATIONS.length}\\)`));
  });
});
