/**
 * Jobs that must not run on two nodes at once (retention, webhook delivery): on PostgreSQL each
 * run takes a session advisory lock named after the job and skips when another node holds it;
 * with SQLite there is only one node, and the job simply runs.
 */
import { sql } from "kysely";
import type { LotseDatabase } from "./database.js";

export interface Leadership {
  /** Runs `work` unless another node is running the same job; undefined when skipped. */
  runExclusive<T>(job: string, work: () => Promise<T>): Promise<T | undefined>;
}

export function createLeadership(database: LotseDatabase): Leadership {
  if (database.engine !== "postgres") return { runExclusive: (_job, work) => work() };
  return {
    runExclusive: (job, work) =>
      // The lock lives on one connection: take and release it there, run the job around it.
      database.db.connection().execute(async (conn) => {
        const key = `lotse:job:${job}`;
        const got = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(hashtextextended(${key}, 0)) AS locked`.execute(conn);
        if (!got.rows[0]?.locked) return undefined;
        try {
          return await work();
        } finally {
          await sql`SELECT pg_advisory_unlock(hashtextextended(${key}, 0))`.execute(conn);
        }
      }),
  };
}
