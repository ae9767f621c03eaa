/**
 * `npm run db:backup -- --out DIR`: a consistent copy of Lotse's database and the state beside it,
 * taken while Lotse runs. SQLite through SQLite's online backup API; PostgreSQL with pg_dump in
 * the snapshot the row counts were taken in, so backup.json describes exactly what the dump holds.
 * `npm run db:restore -- --from DIR` puts it back (scripts/db-restore.ts).
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { z } from "zod";
import { EXIT, Failure, processIo, runCommand, runIfMain, type Io } from "../src/cli/command.js";
import { loadConfig, type Config } from "../src/config.js";
import { DATABASE_FILE, redactDatabaseUrl, type Tables } from "../src/storage/database.js";
import {
  countRows,
  DUMP_FILE,
  kyselyOver,
  libpqConnection,
  MANIFEST_FILE,
  rowsTable,
  runPgTool,
  STATE_FILES,
  type Manifest,
  type RowCounts,
} from "../src/storage/maintenance.js";

const COMMAND = {
  name: "db:backup",
  usage: `usage: npm run db:backup -- --out DIR
Backs up Lotse's database while Lotse runs, into DIR (created; it must not exist or be empty):
  SQLite (DATA_DIR/lotse.db)   an online, consistent copy (SQLite's backup API) → DIR/lotse.db
  PostgreSQL (DATABASE_URL)     pg_dump --format=custom → DIR/lotse.pgdump; needs pg_dump on PATH,
                                of the server's major version or newer
and beside it DATA_DIR/directline-signing.key and DATA_DIR/teams-app-id when they exist, and
backup.json (engine, schema version, rows per table). DIR holds personal data and the signing
key: it is created readable by its owner only. Restore with npm run db:restore -- --from DIR.
Prints the rows per table on stdout.
Exit codes: 0 backed up; 1 failed (no database, pg_dump missing or failing); 2 bad usage or configuration.`,
  options: { out: { type: "string" } },
  schema: z.strictObject({
    out: z.string({ error: "is required: the directory to write the backup to" }).trim().min(1, "must not be empty"),
  }),
} as const;

export function main(argv: string[], io: Io = processIo()): Promise<number> {
  return runCommand(COMMAND, argv, io, async (args) => {
    const config = loadConfig(io.env);
    const out = path.resolve(args.out);
    prepareOut(out);
    let manifest: Manifest;
    try {
      manifest = config.databaseUrl ? await backupPostgres(config.databaseUrl, out) : await backupSqlite(config.dataDir, out);
      for (const file of STATE_FILES) {
        const from = path.join(config.dataDir, file);
        if (!existsSync(from)) continue;
        copyFileSync(from, path.join(out, file));
        chmodSync(path.join(out, file), 0o600);
        manifest.stateFiles.push(file);
      }
      // Written last: a directory without it is no backup, and db:restore says so.
      writeFileSync(path.join(out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    } catch (err) {
      // The directory was empty or new: what is in it now is this run's half-written backup.
      rmSync(out, { recursive: true, force: true });
      throw err;
    }
    const files = [manifest.database, ...manifest.stateFiles, MANIFEST_FILE];
    io.stderr(`db:backup: ${manifest.engine}, schema version ${manifest.schemaVersion} → ${out} (${files.join(", ")})\n`);
    io.stdout(rowsTable(manifest.rows));
    return EXIT.ok;
  });
}

function prepareOut(out: string): void {
  if (existsSync(out) && readdirSync(out).length > 0) throw new Failure(`${out} is not empty; give a new directory for each backup`);
  mkdirSync(out, { recursive: true, mode: 0o700 });
  chmodSync(out, 0o700);
}

function manifestOf(engine: Manifest["engine"], schemaVersion: number, rows: RowCounts): Manifest {
  return {
    format: "lotse-backup/1",
    engine,
    createdAt: new Date().toISOString(),
    schemaVersion,
    database: engine === "sqlite" ? DATABASE_FILE : DUMP_FILE,
    stateFiles: [],
    rows: rows as Record<string, number>,
  };
}

/** better-sqlite3's largest step: the rest of the database at once. */
const ALL_PAGES = 0x7fffffff;

async function backupSqlite(dataDir: Config["dataDir"], out: string): Promise<Manifest> {
  const file = path.join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) throw new Failure(`there is no database at ${file} (DATA_DIR); nothing to back up`);
  const target = path.join(out, DATABASE_FILE);
  const source = new Database(file, { fileMustExist: true, timeout: 5000 });
  try {
    // Everything in one step, from one read snapshot (WAL: Lotse keeps writing meanwhile). In the
    // default steps of 100 pages, every write by Lotse between two steps restarts the copy, and
    // under steady load it never finishes.
    await source.backup(target, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  chmodSync(target, 0o600);
  const copy = new Database(target, { fileMustExist: true });
  try {
    // One self-contained file: no -wal or -shm beside it when it is opened or copied later.
    copy.pragma("journal_mode = DELETE");
    const version = copy.pragma("user_version", { simple: true }) as number;
    const rows = await countRows(kyselyOver(copy));
    return manifestOf("sqlite", version, rows);
  } finally {
    copy.close();
  }
}

async function backupPostgres(url: string, out: string): Promise<Manifest> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on("error", () => {});
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  try {
    // pg_dump joins this transaction's snapshot: the counts and the dump see the same rows.
    return await db
      .transaction()
      .setIsolationLevel("repeatable read")
      .setAccessMode("read only")
      .execute(async (trx) => {
        const snapshot = (await sql<{ id: string }>`SELECT pg_export_snapshot() AS id`.execute(trx)).rows[0]!.id;
        const present = await sql<{ n: number }>`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'lotse_schema_version'`.execute(trx);
        if (Number(present.rows[0]!.n) === 0) throw new Failure(`${redactDatabaseUrl(url)} holds no Lotse database (no lotse_schema_version); nothing to back up`);
        const version = (await sql<{ version: number }>`SELECT version FROM lotse_schema_version`.execute(trx)).rows[0]?.version ?? 0;
        const rows = await countRows(trx);
        const { dbname, password } = libpqConnection(url);
        const target = path.join(out, DUMP_FILE);
        await runPgTool("pg_dump", ["--format=custom", `--snapshot=${snapshot}`, `--file=${target}`, `--dbname=${dbname}`], password);
        chmodSync(target, 0o600);
        return manifestOf("postgres", version, rows);
      });
  } catch (err) {
    if (err instanceof Failure) throw err;
    throw new Failure(`cannot back up ${redactDatabaseUrl(url)}: ${(err as Error).message}`);
  } finally {
    await db.destroy();
  }
}

runIfMain(import.meta, main);
