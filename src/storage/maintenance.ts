/**
 * What the database commands (scripts/db-backup.ts, db-restore.ts, db-migrate-to-postgres.ts)
 * share: every table in an order its foreign keys allow, row counts, whether a running Lotse has
 * the SQLite file open, the backup's layout, and the PostgreSQL client tools. Not used by the server.
 */
import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { z } from "zod";
import { Failure } from "../cli/command.js";
import { SIGNING_KEY_FILE } from "../directline/signing-key.js";
import { APP_ID_FILE } from "../teams/app-id.js";
import { DATABASE_FILE, type Db, type Tables } from "./database.js";

export type TableName = keyof Tables;

/**
 * Every table, parents before children (tickets before ticket_messages and webhook_deliveries,
 * directline_conversations before directline_activities), with the columns that order its rows.
 * The type makes a table added to tables.ts and forgotten here a compile error.
 */
export const TABLE_KEYS = {
  bot_state: ["key"],
  feedback: ["id"],
  unanswered: ["id"],
  navigator_tokens: ["id"],
  tickets: ["id"],
  ticket_messages: ["id"],
  audit_log: ["id"],
  webhook_deliveries: ["id"],
  navigator_channel: ["team_id"],
  teams_redactions: ["activity_id"],
  directline_conversations: ["id"],
  directline_activities: ["conversation_id", "seq"],
  article_drafts: ["id"],
  article_versions: ["article_id", "version"],
  navigator_pairing_codes: ["id"],
} as const satisfies { [T in TableName]: readonly (keyof Tables[T] & string)[] };

export const TABLES = Object.keys(TABLE_KEYS) as TableName[];

export type RowCounts = Partial<Record<TableName, number>>;

/**
 * Rows per table, for the tables that exist: a database at an older schema version (a backup
 * made before an upgrade) lacks the newer ones.
 */
export async function countRows(db: Db): Promise<RowCounts> {
  const present = new Set((await db.introspection.getTables()).map((t) => t.name));
  const counts: RowCounts = {};
  for (const table of TABLES) {
    if (!present.has(table)) continue;
    const row = await (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** A Kysely over a better-sqlite3 handle the caller keeps (and closes). */
export function kyselyOver(handle: Database.Database): Db {
  return new Kysely<Tables>({ dialect: new SqliteDialect({ database: handle }) });
}

/**
 * Whether another connection has the SQLite file open — a running Lotse, or a command such as
 * `npm run privacy`. In WAL mode every open connection holds a shared lock on the file for as long
 * as it is open, also between transactions, so an exclusive lock is refused exactly then (also
 * across processes). Closing the probe, when it was the only connection, checkpoints the WAL into
 * the file, as any last connection does.
 */
export function sqliteInUse(file: string): boolean {
  const probe = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    probe.pragma("locking_mode = EXCLUSIVE");
    probe.exec("BEGIN EXCLUSIVE");
    probe.exec("ROLLBACK");
    return false;
  } catch (err) {
    if ((err as { code?: string }).code === "SQLITE_BUSY") return true;
    throw err;
  } finally {
    probe.close();
  }
}

/** The PostgreSQL dump's name inside a backup. */
export const DUMP_FILE = "lotse.pgdump";
/** Written last: a directory without it is no (finished) backup. */
export const MANIFEST_FILE = "backup.json";
/** Files of DATA_DIR a restore needs besides the database; each only when it exists. */
export const STATE_FILES = [SIGNING_KEY_FILE, APP_ID_FILE] as const;

/** backup.json: what a backup holds, checked by db:restore before it replaces anything. */
export const Manifest = z.object({
  format: z.literal("lotse-backup/1"),
  engine: z.enum(["sqlite", "postgres"]),
  createdAt: z.string(),
  schemaVersion: z.number().int().min(0),
  database: z.enum([DATABASE_FILE, DUMP_FILE]),
  stateFiles: z.array(z.enum(STATE_FILES)),
  rows: z.record(z.string(), z.number().int().min(0)),
});
export type Manifest = z.infer<typeof Manifest>;

/** The result the commands print: rows per table. */
export function rowsTable(rows: RowCounts | Record<string, number>): string {
  return formatTable(["table", "rows"], Object.entries(rows).map(([table, n]) => [table, n]));
}

/** A plain-text table: the first column left-aligned (names), the others right-aligned (numbers). */
export function formatTable(header: string[], rows: Array<Array<string | number>>): string {
  const all = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  return all.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd()).join("\n") + "\n";
}

/**
 * How pg_dump and pg_restore reach the database: the URL without its password, which travels in
 * PGPASSWORD instead, so the process list never shows it.
 */
export function libpqConnection(url: string): { dbname: string; password?: string } {
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  parsed.password = "";
  return { dbname: parsed.toString(), ...(password === undefined ? {} : { password }) };
}

/**
 * Runs a PostgreSQL client tool (pg_dump, pg_restore) and resolves to its stdout; a tool that is
 * missing or fails is a Failure with what it said.
 */
export function runPgTool(tool: "pg_dump" | "pg_restore", args: string[], password?: string): Promise<Buffer> {
  // The tool needs the caller's PATH, HOME (~/.pgpass, ~/.postgresql/root.crt) and PG* settings;
  // none of that is Lotse's configuration.
  // eslint-disable-next-line no-restricted-properties
  const env = password === undefined ? process.env : { ...process.env, PGPASSWORD: password };
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", (e: NodeJS.ErrnoException) => {
      reject(
        e.code === "ENOENT"
          ? new Failure(`${tool} is not installed (not on PATH): install the PostgreSQL client tools of the server's major version or newer (Debian: apt-get install postgresql-client)`)
          : e,
      );
    });
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Failure(`${tool} failed (exit code ${code}): ${err.trim() || "no message"}`));
    });
  });
}
