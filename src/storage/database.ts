/**
 * The one SQLite database of Lotse (`DATA_DIR/lotse.db`): bot state, feedback, unanswered
 * questions and, later, handoff tickets. Each feature appends its migration to MIGRATIONS;
 * `PRAGMA user_version` records how many have run, so a migration runs exactly once.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export type Db = Database.Database;

export const DATABASE_FILE = "lotse.db";

/** Append only; never edit a migration that has shipped. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE bot_state (
     key        TEXT PRIMARY KEY,
     etag       TEXT NOT NULL,
     data       TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE feedback (
     id         INTEGER PRIMARY KEY AUTOINCREMENT,
     created_at TEXT NOT NULL,
     article_id TEXT NOT NULL,
     helpful    INTEGER NOT NULL CHECK (helpful IN (0, 1)),
     comment    TEXT,
     question   TEXT,
     language   TEXT NOT NULL,
     channel    TEXT NOT NULL
   );
   CREATE TABLE unanswered (
     id         INTEGER PRIMARY KEY AUTOINCREMENT,
     created_at TEXT NOT NULL,
     question   TEXT NOT NULL,
     language   TEXT NOT NULL,
     audience   TEXT,
     candidates TEXT NOT NULL,
     channel    TEXT NOT NULL
   );`,
];

export interface OpenDatabaseOptions {
  /** Folder of the database file; `:memory:` for a throw-away database. */
  dataDir: string;
  migrations?: readonly string[];
}

export function openDatabase({ dataDir, migrations = MIGRATIONS }: OpenDatabaseOptions): Db {
  let file = ":memory:";
  if (dataDir !== ":memory:") {
    mkdirSync(dataDir, { recursive: true });
    file = path.join(dataDir, DATABASE_FILE);
  }
  const db = new Database(file);
  // WAL lets readers (a navigator console later) work while the bot writes.
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db, migrations);
  return db;
}

export function migrate(db: Db, migrations: readonly string[]): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`storage: ${DATABASE_FILE} has schema version ${current}, newer than this Lotse (${migrations.length}); update Lotse`);
  }
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
