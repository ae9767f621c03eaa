/**
 * What bot unit tests share: records kept in memory, a database for the tickets, and the real
 * articles with a fixed decision.
 */
import { Kysely, SqliteDialect } from "kysely";
import { afterAll } from "vitest";
import type { Knowledge } from "../../bot/index.js";
import type { AskResult } from "../../src/knowledge/contract.js";
import { migrateSqlite, openSqliteHandle, type Db, type Tables } from "../../src/storage/database.js";
import { SQLITE_MIGRATIONS } from "../../src/storage/migrations/sqlite.js";
import type { FeedbackRecord, NavigatorRecords, UnansweredRecord } from "../../src/storage/records.js";
import { sharedEngine } from "../helpers/bot-harness.js";

export class MemoryRecords implements NavigatorRecords {
  feedback: FeedbackRecord[] = [];
  unanswered: UnansweredRecord[] = [];
  saveFeedback(r: FeedbackRecord) {
    this.feedback.push(r);
    return Promise.resolve();
  }
  saveUnanswered(r: UnansweredRecord) {
    this.unanswered.push(r);
    return Promise.resolve();
  }
}

const opened: Db[] = [];
afterAll(async () => {
  for (const db of opened.splice(0)) await db.destroy();
});

/**
 * A fresh, migrated in-memory SQLite database, built synchronously so a test's harness can stay
 * a plain function; closed when the test file is done.
 */
export function memoryDb(): Db {
  const handle = openSqliteHandle(":memory:");
  migrateSqlite(handle, SQLITE_MIGRATIONS);
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: handle }) });
  opened.push(db);
  return db;
}

/** The real articles, with a fixed decision so these tests do not follow search tuning. */
export function knowledgeAnswering(result: Partial<AskResult>): Knowledge {
  const real = sharedEngine();
  return {
    ask: (question) => ({ question, language: "de", answerLanguage: "de", outcome: "none", confidence: 0, answer: null, alternatives: [], ...result }) as AskResult,
    render: (id, lang) => real.render(id, lang),
    article: (id) => real.article(id),
    get articles() {
      return real.articles;
    },
  };
}
