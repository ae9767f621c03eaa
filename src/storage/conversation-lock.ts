/**
 * Turns of one conversation, one after the other, on every node. The SDK saves bot state with
 * eTag "*" (last write wins), so two turns of one conversation running side by side — a double
 * click, two messages in quick succession, two nodes behind a load balancer — would each load
 * the same state and the later save would silently drop the earlier turn's changes.
 * - In this process: a keyed mutex. Queued turns wait in memory, without a database connection.
 * - On PostgreSQL, across nodes: a session advisory lock on a pool connection held for the turn.
 *   If the node dies, PostgreSQL ends the session and with it the lock.
 */
import type pg from "pg";
import type { LotseDatabase } from "./database.js";

export interface ConversationLock {
  /** Runs `work` once no other turn of the conversation runs, here or on another node. */
  run<T>(conversationKey: string, work: () => Promise<T>): Promise<T>;
}

const LOCK = "SELECT pg_advisory_lock(hashtextextended($1, 0))";
const UNLOCK = "SELECT pg_advisory_unlock(hashtextextended($1, 0))";
/** Keeps these locks apart from other advisory locks (the migration lock is a plain number). */
const NAMESPACE = "lotse:conversation:";
const DEFAULT_POOL_SIZE = 10;

export function createConversationLock(database: LotseDatabase): ConversationLock {
  const local = keyedMutex();
  const { pool } = database;
  if (!pool) return { run: (key, work) => local(key, work) };
  // A lock holder keeps its connection while the turn's queries need others from the same pool:
  // were every connection a lock holder, the turns would wait for each other forever. Half the
  // pool may hold locks; further turns (of other conversations) wait here, without a connection.
  const holders = semaphore(Math.max(1, Math.floor((pool.options.max ?? DEFAULT_POOL_SIZE) / 2)));
  return { run: (key, work) => local(key, () => holders(() => withAdvisoryLock(pool, NAMESPACE + key, work))) };
}

async function withAdvisoryLock<T>(pool: pg.Pool, key: string, work: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let locked = false;
  let broken: Error | undefined;
  try {
    await client.query(LOCK, [key]);
    locked = true;
    return await work();
  } catch (err) {
    // Without the lock the connection's state is unknown: it is not given back to the pool.
    if (!locked) broken = err as Error;
    throw err;
  } finally {
    if (locked) {
      try {
        await client.query(UNLOCK, [key]);
      } catch (err) {
        // Destroying the connection ends its session, which releases the lock as well.
        broken = err as Error;
      }
    }
    client.release(broken);
  }
}

type Runner = <T>(key: string, work: () => Promise<T>) => Promise<T>;

/** Each key's turns run in arrival order; a failed turn does not hold up the next. */
function keyedMutex(): Runner {
  const tails = new Map<string, Promise<void>>();
  return async (key, work) => {
    const previous = tails.get(key) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    const tail = previous.then(() => mine);
    tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      done();
      // The last turn in the queue leaves no entry behind.
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}

function semaphore(permits: number): <T>(work: () => Promise<T>) => Promise<T> {
  let free = permits;
  const waiting: Array<() => void> = [];
  return async (work) => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      // The permit passes straight to the next waiter, so none can be overtaken.
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}
