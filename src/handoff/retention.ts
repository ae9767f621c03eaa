/**
 * Deletes what must not be kept: closed tickets (with transcript, messages and webhook
 * deliveries) RETENTION_DAYS after closing, and bot conversation state nobody touched for as
 * long (it holds the recent questions a ticket would carry). Runs at start and daily. Open and
 * taken tickets are never deleted here, however old: someone still has to answer them.
 */
import type { Db } from "../storage/database.js";
import type { Logger } from "../util/logger.js";
import { errorSummary } from "./ticket-service.js";
import type { TicketStore } from "./ticket-store.js";

export const SYSTEM_ACTOR = { id: "system:retention", name: "Aufbewahrungsfrist" };

const DAY_MS = 86_400_000;

export interface RetentionOptions {
  db: Db;
  store: TicketStore;
  retentionDays: number;
  /** Replaces Teams cards of deleted tickets; absent when no adapter runs (CLI). */
  redact?: (card: { teamId: string; activityId: string; number: string }) => Promise<void>;
  logger?: Logger;
  now?: () => Date;
}

export interface RetentionResult {
  tickets: number;
  conversations: number;
}

export class RetentionJob {
  private timer?: NodeJS.Timeout;
  private readonly now: () => Date;

  constructor(private readonly opts: RetentionOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  cutoff(): Date {
    return new Date(this.now().getTime() - this.opts.retentionDays * DAY_MS);
  }

  runOnce(): RetentionResult {
    const cutoff = this.cutoff();
    const ids = this.opts.store.deleteClosedBefore(cutoff);
    const botState = this.opts.db.prepare("DELETE FROM bot_state WHERE updated_at < ?").run(cutoff.toISOString()).changes;
    // Web chats (Lotse's Direct Line) nobody wrote to for as long go with their activities.
    const webChats = this.opts.db.prepare("DELETE FROM directline_conversations WHERE updated_at < ?").run(cutoff.toISOString()).changes;
    const conversations = botState + webChats;
    if (ids.length) this.opts.store.audit(SYSTEM_ACTOR, "retention.delete", undefined, `${ids.length} Tickets: ${ids.join(", ")}`);
    this.opts.logger?.info({ tickets: ids.length, conversations, code: "handoff.retention" }, "retention: old data deleted");
    return { tickets: ids.length, conversations };
  }

  /** Cards of deleted tickets (also those erased by the privacy CLI) lose their personal data. */
  async redactCards(): Promise<number> {
    if (!this.opts.redact) return 0;
    let done = 0;
    for (const card of this.opts.store.pendingRedactions()) {
      try {
        await this.opts.redact(card);
        this.opts.store.redactionDone(card.activityId);
        done++;
      } catch (err) {
        this.opts.logger?.warn({ err: errorSummary(err), code: "handoff.teams_redact_failed" }, "could not redact a Teams card");
      }
    }
    return done;
  }

  /** Runs now and then every day; the timer does not keep the process alive. */
  start(intervalMs = DAY_MS): void {
    const tick = () => {
      try {
        this.runOnce();
      } catch (err) {
        this.opts.logger?.error({ err: errorSummary(err), code: "handoff.retention_failed" }, "retention run failed");
      }
      void this.redactCards();
    };
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
