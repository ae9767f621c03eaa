/**
 * Jobs that must run on one node at a time when several share PostgreSQL (retention, the
 * webhook sweep, posting waiting tickets to Teams). The server passes the storage layer's
 * `Leadership` (src/storage/coordination.ts: a PostgreSQL advisory lock per job, always granted
 * on SQLite); the handoff only needs this one method, so it stays free of the storage details.
 */
export interface ExclusiveJobs {
  /** Runs `work` if this node may run `job` now; undefined when another node is running it. */
  runExclusive<T>(job: string, work: () => Promise<T>): Promise<T | undefined>;
}

/** One node (tests, the CLI): every job runs here. */
export const SINGLE_NODE: ExclusiveJobs = {
  runExclusive: (_job, work) => work(),
};
