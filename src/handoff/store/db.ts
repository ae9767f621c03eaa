/** Small helpers the handoff stores share: one code path for SQLite and PostgreSQL. */
import { PostgresAdapter, type Transaction } from "kysely";
import type { Db, Tables } from "../../storage/database.js";

/** Whether the query builder talks to PostgreSQL (for the few statements SQLite does not need). */
export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** PostgreSQL's INTEGER ids; anything else cannot be a ticket (and PostgreSQL would reject the parameter). */
const MAX_ID = 2_147_483_647;
export const isRowId = (id: number): boolean => Number.isSafeInteger(id) && id > 0 && id <= MAX_ID;

/**
 * Runs `work` in a transaction, or in the caller's when `db` already is one (the privacy CLI
 * erases tickets and chat state together): Kysely cannot nest transactions.
 */
export function transact<T>(db: Db, work: (trx: Transaction<Tables>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Tables>);
  return db.transaction().execute(work);
}
