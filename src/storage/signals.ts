/**
 * Wake-up signals between the nodes that share one database. The database stays the truth: a
 * signal only says "look again" (a conversation has new activities, an article was published),
 * and after a reconnect every subscriber re-reads what it may have missed.
 * - PostgreSQL: LISTEN/NOTIFY on one dedicated connection per node, reconnected with backoff.
 * - SQLite: one node only, so the signal stays in this process.
 */
import { EventEmitter } from "node:events";
import pg from "pg";
import type { Logger } from "../util/logger.js";
import type { LotseDatabase } from "./database.js";

export const SIGNAL_CHANNELS = ["directline", "knowledge", "tickets"] as const;
export type SignalChannel = (typeof SIGNAL_CHANNELS)[number];

export interface Signals {
  /** Tells every node, this one included. Resolves once the signal is sent (PostgreSQL: committed). */
  notify(channel: SignalChannel, payload: string): Promise<void>;
  /** Calls the handler for every signal on the channel; returns the unsubscribe function. */
  listen(channel: SignalChannel, handler: (payload: string) => void): () => void;
  /** Calls the handler after the listener connection was lost and is back: re-read from the database. */
  onReconnect(handler: () => void): () => void;
  close(): Promise<void>;
}

// NOTIFY payloads are limited to 8000 bytes; ours are ids, far below.
const MAX_PAYLOAD = 4000;
const pgChannel = (channel: SignalChannel) => `lotse_${channel}`;

export function createSignals(database: LotseDatabase, log?: Logger): Signals {
  return database.engine === "postgres" && database.pool ? new PostgresSignals(database.pool, log) : new LocalSignals();
}

class LocalSignals implements Signals {
  private readonly events = new EventEmitter().setMaxListeners(0);

  async notify(channel: SignalChannel, payload: string): Promise<void> {
    checkPayload(payload);
    // Asynchronous like a NOTIFY: a handler never runs inside the notifier's own call stack.
    setImmediate(() => this.events.emit(channel, payload));
  }

  listen(channel: SignalChannel, handler: (payload: string) => void): () => void {
    this.events.on(channel, handler);
    return () => this.events.off(channel, handler);
  }

  onReconnect(): () => void {
    return () => {};
  }

  async close(): Promise<void> {
    this.events.removeAllListeners();
  }
}

class PostgresSignals implements Signals {
  private readonly events = new EventEmitter().setMaxListeners(0);
  private client: pg.Client | undefined;
  private closed = false;
  private connecting: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly log?: Logger,
  ) {
    this.connecting = this.connect(false);
  }

  /** Resolves when the listener is connected (tests, and a node's start). */
  ready(): Promise<void> {
    return this.connecting ?? Promise.resolve();
  }

  private async connect(isReconnect: boolean): Promise<void> {
    // A connection of its own, outside the pool: LISTEN lasts as long as the session.
    const client = new pg.Client(this.pool.options);
    client.on("notification", (msg) => {
      const channel = msg.channel.replace(/^lotse_/, "");
      this.events.emit(channel, msg.payload ?? "");
    });
    client.on("error", (err) => this.lost(client, err));
    client.on("end", () => this.lost(client, new Error("connection ended")));
    try {
      await client.connect();
      for (const channel of SIGNAL_CHANNELS) await client.query(`LISTEN ${pgChannel(channel)}`);
    } catch (err) {
      await client.end().catch(() => {});
      this.lost(client, err as Error);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.failures = 0;
    if (isReconnect) {
      this.log?.info({}, "signals: listener reconnected; subscribers re-read");
      this.events.emit("reconnect");
    }
  }

  private lost(client: pg.Client, err: Error): void {
    if (this.closed) return;
    if (this.client && this.client !== client) return;
    this.client = undefined;
    if (this.retryTimer) return;
    this.failures++;
    const delay = Math.min(250 * 2 ** (this.failures - 1), 10_000);
    this.log?.warn({ err: err.message, retryInMs: delay }, "signals: listener connection lost");
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connecting = this.connect(true);
    }, delay);
    this.retryTimer.unref();
  }

  async notify(channel: SignalChannel, payload: string): Promise<void> {
    checkPayload(payload);
    await this.pool.query("SELECT pg_notify($1, $2)", [pgChannel(channel), payload]);
  }

  listen(channel: SignalChannel, handler: (payload: string) => void): () => void {
    this.events.on(channel, handler);
    return () => this.events.off(channel, handler);
  }

  onReconnect(handler: () => void): () => void {
    this.events.on("reconnect", handler);
    return () => this.events.off("reconnect", handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    this.events.removeAllListeners();
    await client?.end().catch(() => {});
  }
}

function checkPayload(payload: string): void {
  if (Buffer.byteLength(payload) > MAX_PAYLOAD) throw new Error(`signals: payload of ${Buffer.byteLength(payload)} bytes; send an id, not data`);
}

/** Waits until the PostgreSQL listener is connected; immediate on SQLite. */
export async function signalsReady(signals: Signals): Promise<void> {
  if (signals instanceof PostgresSignals) await signals.ready();
}
