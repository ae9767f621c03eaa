/**
 * `npm run db:restore -- --from DIR`: puts a backup made by `npm run db:backup` back. The backup is
 * checked completely before anything is replaced, and a restore under a running Lotse is refused:
 * Lotse would keep writing into the replaced database, or lose what it had cached.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { z } from "zod";
import { EXIT, Failure, processIo, runCommand, runIfMain, type Io } from "../src/cli/command.js";
import { loadConfig } from "../src/config.js";
import { DATABASE_FILE, redactDatabaseUrl, type Tables } from "../src/storage/database.js";
import {
  countRows,
  DUMP_FILE,
  kyselyOver,
  libpqConnection,
  Manifest,
  MANIFEST_FILE,
  rowsTable,
  runPgTool,
  sqliteInUse,
  type RowCounts,
} from "../src/storage/maintenance.js";
import { POSTGRES_MIGRATIONS } from "../src/storage/migrations/postgres.js";
import { SQLITE_MIGRATIONS } from "../src/storage/migrations/sqlite.js";

const COMMAND = {
  name: "db:restore",
  usage: `usage: npm run db:restore -- --from DIR
Restores a backup made by npm run db:backup into the database Lotse is configured for. Stop Lotse
first, on every node; a restore while it runs is refused.
  SQLite      the backup is checked (integrity_check, foreign_key_check, schema version not newer
              than this Lotse, rows as in backup.json), then replaces DATA_DIR/lotse.db; the
              replaced file is kept beside it as lotse.db.before-restore-TIME. Refused while
              DATA_DIR/lotse.db is open in another process.
  PostgreSQL  (DATABASE_URL) the dump is read through once with pg_restore and its schema version
              checked, then restored with pg_restore --clean --if-exists in one transaction; rows
              are compared with backup.json. Refused while other sessions are connected to the
              database. Needs pg_restore on PATH.
The backup's directline-signing.key and teams-app-id are put back into DATA_DIR. Lotse brings a
database of an older schema version up to date when it starts.
Prints the rows per table restored on stdout.
Exit codes: 0 restored; 1 refused or failed (a check failed: nothing was replaced); 2 bad usage or configuration.`,
  options: { from: { type: "string" } },
  schema: z.strictObject({
    from: z.string({ error: "is required: the backup directory written by npm run db:backup" }).trim().min(1, "must not be empty"),
  }),
} as const;

export function main(argv: string[], io: Io = processIo()): Promise<number> {
  return runCommand(COMMAND, argv, io, async (args) => {
    const config = loadConfig(io.env);
    const from = path.resolve(args.from);
    const manifest = readManifest(from);
    let rows: RowCounts;
    if (manifest.engine === "sqlite") {
      if (config.databaseUrl) {
        throw new Failure(`${from} is a SQLite backup, but DATABASE_URL is set: restore it with DATABASE_URL unset, then move it with npm run db:migrate-to-postgres`);
      }
      rows = await restoreSqlite(from, manifest, config.dataDir, io);
    } else {
      if (!config.databaseUrl) throw new Failure(`${from} is a PostgreSQL backup: set DATABASE_URL to the database to restore it into`);
      rows = await restorePostgres(from, manifest, config.databaseUrl, io);
    }
    restoreStateFiles(from, manifest, config.dataDir, io);
    io.stdout(rowsTable(rows));
    return EXIT.ok;
  });
}

function readManifest(from: string): Manifest {
  let text: string;
  try {
    text = readFileSync(path.join(from, MANIFEST_FILE), "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new Failure(`${from} has no ${MANIFEST_FILE}: not a backup made by npm run db:backup, or an unfinished one`);
    throw err;
  }
  let parsed;
  try {
    parsed = Manifest.safeParse(JSON.parse(text));
  } catch {
    throw new Failure(`${path.join(from, MANIFEST_FILE)} is not valid JSON`);
  }
  if (!parsed.success) throw new Failure(`${path.join(from, MANIFEST_FILE)} is not a Lotse backup description: ${parsed.error.issues[0]!.message}`);
  if (!existsSync(path.join(from, parsed.data.database))) throw new Failure(`${from} lacks ${parsed.data.database}, the database of this backup`);
  return parsed.data;
}

/** The counts a restored database must have: exactly those of backup.json. */
function compareRows(what: string, actual: RowCounts, manifest: Manifest): void {
  const differ = Object.keys({ ...actual, ...manifest.rows })
    .filter((table) => (actual as Record<string, number>)[table] !== manifest.rows[table])
    .map((table) => `${table} ${(actual as Record<string, number>)[table] ?? "missing"} instead of ${manifest.rows[table] ?? "none"}`);
  if (differ.length) throw new Failure(`${what} does not hold the rows ${MANIFEST_FILE} lists: ${differ.join(", ")}`);
}

function newerThanLotse(what: string, version: number, known: number): Failure {
  return new Failure(`${what} has schema version ${version}, newer than this Lotse (${known}); restore it with the Lotse version that made it, or a newer one`);
}

async function restoreSqlite(from: string, manifest: Manifest, dataDir: string, io: Io): Promise<RowCounts> {
  const backup = path.join(from, DATABASE_FILE);
  const rows = await verifySqlite(backup, manifest);
  const live = path.join(dataDir, DATABASE_FILE);
  if (existsSync(live) && sqliteInUse(live)) {
    throw new Failure(`${live} is in use: Lotse (or another command) is running with this DATA_DIR; stop it (e.g. systemctl stop lotse) and run db:restore again`);
  }
  mkdirSync(dataDir, { recursive: true });
  // Copied beside the target first, then renamed: the target is the old or the new file, never half of one.
  const incoming = `${live}.restoring`;
  copyFileSync(backup, incoming);
  chmodSync(incoming, 0o600);
  if (existsSync(live)) {
    const kept = `${live}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    renameSync(live, kept);
    // A WAL or journal left beside the old file belongs to it, never to the restored one.
    for (const suffix of ["-wal", "-shm", "-journal"]) if (existsSync(live + suffix)) renameSync(live + suffix, kept + suffix);
    io.stderr(`db:restore: the replaced database is kept as ${kept}; delete it once the restore is confirmed\n`);
  }
  renameSync(incoming, live);
  io.stderr(`db:restore: ${live} restored from ${from} (backup of ${manifest.createdAt}, schema version ${manifest.schemaVersion})\n`);
  return rows;
}

async function verifySqlite(file: string, manifest: Manifest): Promise<RowCounts> {
  let handle: Database.Database | undefined;
  try {
    handle = new Database(file, { readonly: true, fileMustExist: true });
    const problems = (handle.pragma("integrity_check") as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
    if (problems.join() !== "ok") throw new Failure(`${file} is damaged (integrity_check: ${problems.slice(0, 3).join("; ")})`);
    const orphans = handle.pragma("foreign_key_check") as unknown[];
    if (orphans.length) throw new Failure(`${file} is damaged: ${orphans.length} rows point to rows that do not exist (foreign_key_check)`);
    const version = handle.pragma("user_version", { simple: true }) as number;
    if (version > SQLITE_MIGRATIONS.length) throw newerThanLotse(file, version, SQLITE_MIGRATIONS.length);
    if (version !== manifest.schemaVersion) throw new Failure(`${file} has schema version ${version}, ${MANIFEST_FILE} says ${manifest.schemaVersion}: they are not from the same backup`);
    const rows = await countRows(kyselyOver(handle));
    compareRows(file, rows, manifest);
    return rows;
  } catch (err) {
    if (err instanceof Failure) throw err;
    // "file is not a database", "database disk image is malformed": SQLite's own words.
    throw new Failure(`${file} cannot be read as a SQLite database: ${(err as Error).message}`);
  } finally {
    handle?.close();
  }
}

/** The schema version recorded in a dump: the one row of lotse_schema_version, read without a database. */
function dumpSchemaVersion(script: string): number | undefined {
  const lines = script.split("\n");
  const start = lines.findIndex((l) => /^COPY \S*lotse_schema_version \(version\) FROM stdin;$/.test(l));
  const value = start === -1 ? undefined : lines[start + 1];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

async function restorePostgres(from: string, manifest: Manifest, url: string, io: Io): Promise<RowCounts> {
  const dump = path.join(from, DUMP_FILE);
  const target = redactDatabaseUrl(url);
  // Read through once: a truncated or damaged dump fails here, before anything is dropped.
  await runPgTool("pg_restore", [`--file=${os.devNull}`, dump]);
  const version = dumpSchemaVersion((await runPgTool("pg_restore", ["--data-only", "--table=lotse_schema_version", "--file=-", dump])).toString("utf8"));
  if (version === undefined) throw new Failure(`${dump} holds no Lotse schema version (lotse_schema_version): not a Lotse database dump`);
  if (version > POSTGRES_MIGRATIONS.length) throw newerThanLotse(dump, version, POSTGRES_MIGRATIONS.length);
  if (version !== manifest.schemaVersion) throw new Failure(`${dump} has schema version ${version}, ${MANIFEST_FILE} says ${manifest.schemaVersion}: they are not from the same backup`);
  await checkPostgresTarget(url, version);
  const { dbname, password } = libpqConnection(url);
  await runPgTool("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${dbname}`, dump], password);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on("error", () => {});
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  try {
    const rows = await countRows(db);
    compareRows(target, rows, manifest);
    io.stderr(`db:restore: ${target} restored from ${from} (backup of ${manifest.createdAt}, schema version ${version})\n`);
    return rows;
  } finally {
    await db.destroy();
  }
}

/** Nobody else may be connected (a running node would write into the tables being replaced), nor the database newer than the dump. */
async function checkPostgresTarget(url: string, backupVersion: number): Promise<void> {
  const target = redactDatabaseUrl(url);
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    throw new Failure(`cannot connect to ${target}: ${(err as Error).message}`);
  }
  try {
    const others = await client.query<{ who: string }>(
      `SELECT coalesce(nullif(application_name, ''), usename) || ' from ' || coalesce(host(client_addr), 'a local socket') AS who
         FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    if (others.rows.length) {
      throw new Failure(
        `${others.rows.length} other session(s) are connected to ${target} (${[...new Set(others.rows.map((r) => r.who))].join(", ")}): stop every Lotse node using it and run db:restore again`,
      );
    }
    const present = await client.query<{ t: string | null }>("SELECT to_regclass('lotse_schema_version')::text AS t");
    if (present.rows[0]?.t) {
      const current = (await client.query<{ version: number }>("SELECT version FROM lotse_schema_version")).rows[0]?.version ?? 0;
      // pg_restore --clean drops only what the dump has: a newer database's extra tables would stay.
      if (current > backupVersion) {
        throw new Failure(`${target} is at schema version ${current}, the backup at ${backupVersion}: restore it into an empty database instead (createdb) and point DATABASE_URL at that`);
      }
    }
  } finally {
    await client.end();
  }
}

function restoreStateFiles(from: string, manifest: Manifest, dataDir: string, io: Io): void {
  for (const file of manifest.stateFiles) {
    const content = readFileSync(path.join(from, file));
    const target = path.join(dataDir, file);
    if (existsSync(target)) {
      if (readFileSync(target).equals(content)) continue;
      io.stderr(`db:restore: ${target} differs from the backup's; replaced by it\n`);
    }
    mkdirSync(dataDir, { recursive: true });
    rmSync(target, { force: true });
    writeFileSync(target, content, { mode: 0o600 });
  }
}

runIfMain(import.meta, main);
