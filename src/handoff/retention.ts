/**
 * Deletes what must not be kept: closed tickets (with transcript, messages and webhook
 * deliveries) RETENTION_DAYS after closing, and bot conversation state nobody touched for as
 * long (it holds the recent questions a ticket would carry). Runs at start and daily, on one
 * node at a time when several share PostgreSQL. Open and taken tickets are never deleted here,
 * however old: someone still has to answer them.
 */
import type { Db } from "../storage/database.js";
import type { Logger } from "../util/logger.js";
import { SINGLE_NODE, type ExclusiveJobs } from "./leadership.js";
import { errorSummary } from "./ticket-service.js";
import type { TicketStore } from "./ticket-store.js";

export const SYSTEM_ACTOR = { id: "system:retention", name: "Aufbewahrungsfrist" };

/** The name of the job in the cluster: one node at a time runs it. */
export const RETENTION_JOB = "handoff.retention";

const DAY_MS = 86_400_000;

export interface RetentionOptions {
  db: Db;
  store: TicketStore;
  retentionDays: number;
  /** Replaces Teams cards of deleted tickets; absent when no adapter runs (CLI). */
  redact?: (card: { teamId: string; activityId: string; number: string }) => Promise<void>;
  /** Several nodes: only the one holding the job runs it. Default: this node always runs it. */
  leadership?: ExclusiveJobs;
  logger?: Logger;
  now?: () => Date;
}

export interface RetentionResult {
  tickets: number;
  conversations: number;
}

export class RetentionJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly now: () => Date;
  private readonly leadership: ExclusiveJobs;

  constructor(private readonly opts: RetentionOptions) {
    this.now = opts.now ?? (() => new Date());
    this.leadership = opts.leadership ?? SINGLE_NODE;
  }

  cutoff(): Date {
    return new Date(this.now().getTime() - this.opts.retentionDays * DAY_MS);
  }

  async runOnce(): Promise<RetentionResult> {
    const cutoff = this.cutoff().toISOString();
    const { db, store } = this.opts;
    const ids = await store.deleteClosedBefore(this.cutoff());
    const botState = await db.deleteFrom("bot_state").where("updated_at", "<", cutoff).executeTakeFirst();
    // Web chats (Lotse's Direct Line) nobody wrote to for as long go with their activities (ON DELETE CASCADE).
    const webChats = await db.deleteFrom("directline_conversations").where("updated_at", "<", cutoff).executeTakeFirst();
    const conversations = Number(botState.numDeletedRows) + Number(webChats.numDeletedRows);
    if (ids.length) await store.audit(SYSTEM_ACTOR, "retention.delete", undefined, `${ids.length} Tickets: ${ids.join(", ")}`);
    this.opts.logger?.info({ tickets: ids.length, conversations, code: "handoff.retention" }, "retention: old data deleted");
    return { tickets: ids.length, conversations };
  }

  /** Cards of deleted tickets (also those erased by the privacy CLI) lose their personal data. */
  async redactCards(): Promise<number> {
    if (!this.opts.redact) return 0;
    let done = 0;
    for (const card of await this.opts.store.pendingRedactions()) {
      try {
        await this.opts.redact(card);
        await this.opts.store.redactionDone(card.activityId);
        done++;
      } catch (err) {
        this.opts.logger?.warn({ err: errorSummary(err), code: "handoff.teams_redact_failed" }, "could not redact a Teams card");
      }
    }
    return done;
  }

  /**
   * One scheduled run: retention, then the redactions, on the node that holds the job (another
   * node running it right now makes this one skip). Never throws: failures are logged.
   */
  async tick(): Promise<void> {
    // A run still going (a slow Teams) is not started twice on this node.
    if (this.running) return this.running;
    this.running = this.leadership
      .runExclusive(RETENTION_JOB, async () => {
        try {
          await this.runOnce();
        } catch (err) {
          this.opts.logger?.error({ err: errorSummary(err), code: "handoff.retention_failed" }, "retention run failed");
        }
        await this.redactCards();
        return true;
      })
      .then(
        (ran) => {
          if (ran === undefined) this.opts.logger?.info({ code: "handoff.retention_elsewhere" }, "retention: another node is running it");
        },
        (err: unknown) => this.opts.logger?.error({ err: errorSummary(err), code: "handoff.retention_failed" }, "retention run failed"),
      )
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** Runs now and then every day; the timer does not keep the process alive. */
  start(intervalMs = DAY_MS): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress (its database must stay open until then). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
