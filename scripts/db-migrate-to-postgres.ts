/**
 * `npm run db:migrate-to-postgres -- [--from DATA_DIR] [--to postgres://…] [--replace]`: moves a
 * deployment from the embedded SQLite file to PostgreSQL. One consistent read of SQLite, one
 * transaction on PostgreSQL: the target ends up with every row or with nothing.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { sql, type Kysely, type Transaction } from "kysely";
import { z } from "zod";
import { EXIT, Failure, processIo, runCommand, runIfMain, UsageError, type Io } from "../src/cli/command.js";
import { loadConfig } from "../src/config.js";
import { DATABASE_FILE, openDatabase, schemaVersion, type Db, type LotseDatabase, type Tables } from "../src/storage/database.js";
import { countRows, formatTable, sqliteInUse, TABLE_KEYS, TABLES, type RowCounts, type TableName } from "../src/storage/maintenance.js";

/** Rows per INSERT: the widest table (tickets, 27 columns) stays far below PostgreSQL's 65,535 parameters. */
const BATCH = 500;

const COMMAND = {
  name: "db:migrate-to-postgres",
  usage: `usage: npm run db:migrate-to-postgres -- [--from DIR] [--to URL] [--replace]
Copies Lotse's SQLite database into PostgreSQL, to switch a deployment to DATABASE_URL. Stop Lotse
first: the copy is refused while DIR/lotse.db is open in another process.
  --from DIR   the data directory holding lotse.db (default: DATA_DIR)
  --to URL     postgres://user:password@host:5432/db, an existing database (default: DATABASE_URL)
  --replace    delete the rows the target already holds first (e.g. of a trial run); without it,
               a target that holds rows is refused
Both databases are brought to this Lotse's schema version first. Every table is copied, parents
before children, in batches of ${BATCH} rows inside one transaction; each id sequence continues after
the highest id SQLite ever gave out, and the rows per table are compared before the transaction
commits. lotse.db keeps its rows. Prints the rows per table in both databases and the next id.
Exit codes: 0 copied; 1 refused or failed (nothing was written to PostgreSQL); 2 bad usage or configuration.`,
  options: { from: { type: "string" }, to: { type: "string" }, replace: { type: "boolean" } },
  schema: z.strictObject({
    from: z.string().trim().min(1, "must not be empty").optional(),
    to: z.string().trim().regex(/^postgres(ql)?:\/\/[^\s]+$/, "must be a postgres:// or postgresql:// URL").optional(),
    replace: z.boolean().default(false),
  }),
} as const;

/** Table names come from TABLE_KEYS at run time; the copy itself is the same for every table. */
type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

export function main(argv: string[], io: Io = processIo()): Promise<number> {
  return runCommand(COMMAND, argv, io, async (args) => {
    const config = loadConfig(io.env);
    const url = args.to ?? config.databaseUrl;
    if (!url) throw new UsageError("--to: is required when DATABASE_URL is not set: the PostgreSQL database to copy into");
    return migrate(args.from ? path.resolve(args.from) : config.dataDir, url, args.replace, io);
  });
}

async function migrate(dataDir: string, url: string, replace: boolean, io: Io): Promise<number> {
  const file = path.join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) throw new Failure(`there is no database at ${file}; nothing to copy`);
  if (sqliteInUse(file)) {
    throw new Failure(`${file} is in use: stop Lotse (and any other command using this data directory) first; what it wrote during the copy would be lost`);
  }
  let source: LotseDatabase;
  try {
    source = await openDatabase({ dataDir });
  } catch (err) {
    // A lotse.db of a newer Lotse, or a file that is no database: said in the error.
    throw new Failure(`cannot open ${file}: ${(err as Error).message}`);
  }
  let target: LotseDatabase | undefined;
  try {
    try {
      target = await openDatabase({ dataDir, databaseUrl: url, poolSize: 2 });
    } catch (err) {
      throw new Failure((err as Error).message);
    }
    const [from, to] = [await schemaVersion(source), await schemaVersion(target)];
    if (from !== to) throw new Failure(`schema versions differ after migrating: SQLite ${from}, PostgreSQL ${to}`);
    const into = target;
    // A read transaction on SQLite: every table is read from the same state of the file.
    const result = await source.db.transaction().execute((reader) =>
      into.db.transaction().execute(async (writer) => {
        await prepareTarget(writer, into.location, replace);
        const expected = await countRows(reader);
        for (const table of TABLES) await copyTable(reader, writer, table);
        const nextIds = await continueSequences(reader, writer);
        const copied = await countRows(writer);
        const differ = TABLES.filter((t) => expected[t] !== copied[t]);
        // Thrown inside the transaction: PostgreSQL keeps nothing of a copy that does not add up.
        if (differ.length) throw new Failure(`rows differ after copying (${differ.map((t) => `${t}: ${expected[t]} vs ${copied[t]}`).join(", ")}); nothing was written`);
        return { expected, copied, nextIds };
      }),
    );
    io.stdout(countsTable(result.expected, result.copied, result.nextIds));
    const total = Object.values(result.copied).reduce((a, b) => a + b, 0);
    io.stderr(
      `db:migrate-to-postgres: ${total} rows copied from ${file} to ${into.location}. Next: set DATABASE_URL on every node and start Lotse; ${file} keeps its rows (keep it until PostgreSQL has proven itself).\n`,
    );
    return EXIT.ok;
  } finally {
    await target?.close();
    await source.close();
  }
}

/** Nobody may write while the copy runs; rows already there are refused, or deleted with --replace. */
async function prepareTarget(writer: Transaction<Tables>, location: string, replace: boolean): Promise<void> {
  const tables = sql.join(TABLES.map((t) => sql.table(t)));
  // Readers may go on; a Lotse node that writes waits until the copy has committed.
  await sql`LOCK TABLE ${tables} IN EXCLUSIVE MODE`.execute(writer);
  const held = Object.entries(await countRows(writer)).filter(([, n]) => n > 0);
  if (held.length === 0) return;
  if (!replace) {
    throw new Failure(
      `${location} already holds rows (${held.map(([t, n]) => `${t} ${n}`).join(", ")}); is a Lotse using it? To delete them and copy anyway, run again with --replace`,
    );
  }
  await sql`TRUNCATE TABLE ${tables} RESTART IDENTITY`.execute(writer);
}

async function copyTable(reader: Db, writer: Db, table: TableName): Promise<void> {
  let query = (reader as unknown as AnyDb).selectFrom(table).selectAll();
  for (const key of TABLE_KEYS[table]) query = query.orderBy(key);
  let batch: Array<Record<string, unknown>> = [];
  const flush = async () => {
    if (batch.length) await (writer as unknown as AnyDb).insertInto(table).values(batch).execute();
    batch = [];
  };
  for await (const row of query.stream(BATCH)) {
    batch.push(row);
    if (batch.length === BATCH) await flush();
  }
  await flush();
}

/**
 * Each identity column continues after the highest id SQLite gave out: AUTOINCREMENT never reuses
 * the id of a deleted row (a ticket removed after its retention keeps its number), so
 * sqlite_sequence counts, not only the highest id still there. Resolves to the next id per table.
 */
async function continueSequences(reader: Db, writer: Transaction<Tables>): Promise<Record<string, number>> {
  const given = new Map((await sql<{ name: string; seq: number }>`SELECT name, seq FROM sqlite_sequence`.execute(reader)).rows.map((r) => [r.name, Number(r.seq)]));
  const identities = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND is_identity = 'YES'
     ORDER BY table_name`.execute(writer);
  const next: Record<string, number> = {};
  for (const { table_name: table, column_name: column } of identities.rows) {
    const max = await (writer as unknown as AnyDb)
      .selectFrom(table)
      .select((eb) => eb.fn.max(column).as("m"))
      .executeTakeFirstOrThrow();
    const last = Math.max(Number(max.m ?? 0), given.get(table) ?? 0);
    // setval(…, 1, false): the next id is 1; setval(…, n, true): the next id is n + 1.
    await sql`SELECT setval(pg_get_serial_sequence(${table}, ${column}), ${Math.max(last, 1)}, ${last > 0})`.execute(writer);
    next[table] = last + 1;
  }
  return next;
}

function countsTable(expected: RowCounts, copied: RowCounts, nextIds: Record<string, number>): string {
  return formatTable(
    ["table", "sqlite", "postgres", "next id"],
    TABLES.map((t) => [t, expected[t] ?? 0, copied[t] ?? 0, nextIds[t] === undefined ? "-" : String(nextIds[t])]),
  );
}

runIfMain(import.meta, main);
