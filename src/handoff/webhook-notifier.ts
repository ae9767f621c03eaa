/**
 * The generic webhook for organisations that route tickets to e-mail or a ticket system: each
 * ticket event is a JSON POST signed with HMAC-SHA256 over the exact body
 * (`X-Lotse-Signature: sha256=<hex>`). A delivery is stored before the first attempt, retried
 * with exponential backoff, and marked failed after the last retry — the console shows it.
 * Pending deliveries survive a restart and a node that died: the sweep (`start`, on one node at
 * a time) sends whatever is due. Each attempt first claims its delivery in the database, so no
 * delivery is sent twice at the same time, whichever node or timer tries.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Logger } from "../util/logger.js";
import { SINGLE_NODE, type ExclusiveJobs } from "./leadership.js";
import { errorSummary, type TicketEvent, type TicketListener } from "./ticket-service.js";
import type { Ticket, TicketStore, WebhookDelivery } from "./ticket-store.js";

export interface WebhookSettings {
  url: string;
  secret: string;
  /** Attempts after the first before the delivery is marked failed. */
  retries: number;
  /** Wait before the first retry; doubles with every further retry. */
  backoffMs: number;
  timeoutMs: number;
}

export const SIGNATURE_HEADER = "x-lotse-signature";

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** For receivers (and tests): constant-time check of the signature header against the raw body. */
export function verifySignature(body: string, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(body, secret));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The webhook's view of a ticket: everything a ticket system needs, nothing internal. */
function ticketPayload(t: Ticket) {
  return {
    id: t.id,
    number: t.number,
    status: t.status,
    createdAt: t.createdAt,
    name: t.name,
    organisation: t.organisation,
    contact: t.contact,
    question: t.question,
    language: t.language,
    audience: t.audience,
    topics: t.topics,
    reason: t.reason,
    channel: t.channel,
    takenBy: t.takenBy?.name ?? null,
    takenAt: t.takenAt,
    closedBy: t.closedBy?.name ?? null,
    closedAt: t.closedAt,
  };
}

export function webhookBody(ticket: Ticket, event: TicketEvent, at: Date): string {
  return JSON.stringify({
    event: `ticket.${event.type}`,
    at: at.toISOString(),
    ticket: ticketPayload(ticket),
    ...(event.type === "message"
      ? { message: { author: event.message.author, authorName: event.message.authorName, text: event.message.text, at: event.message.at } }
      : {}),
  });
}

/** Only these are worth retrying; any other 4xx means the receiver refuses the request itself. */
const RETRYABLE_4XX = new Set([408, 425, 429]);

/** The name of the sweep in the cluster: one node at a time runs it. */
export const WEBHOOK_JOB = "handoff.webhook";

/** How often the sweep looks for due deliveries (retries of a node that stopped, a restart). */
const SWEEP_MS = 60_000;
/** A claim outlasts the attempt's time limit by this much before another sender may try. */
const CLAIM_MARGIN_MS = 30_000;
/** A timer may fire a little before the stored retry time by the wall clock: it still counts as due. */
const DUE_SLACK_MS = 1_000;

export interface WebhookNotifierOptions {
  store: TicketStore;
  settings: WebhookSettings;
  /** Several nodes: only the one holding the sweep runs it. Default: this node always runs it. */
  leadership?: ExclusiveJobs;
  logger?: Logger;
  fetch?: typeof fetch;
  now?: () => Date;
}

export class WebhookNotifier implements TicketListener {
  readonly name = "webhook";
  private readonly store: TicketStore;
  private readonly settings: WebhookSettings;
  private readonly leadership: ExclusiveJobs;
  private readonly logger?: Logger;
  private readonly fetch: typeof fetch;
  private readonly now: () => Date;
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private sweepTimer?: NodeJS.Timeout;
  private sweeping?: Promise<number>;
  private closed = false;

  constructor(opts: WebhookNotifierOptions) {
    this.store = opts.store;
    this.settings = opts.settings;
    this.leadership = opts.leadership ?? SINGLE_NODE;
    this.logger = opts.logger;
    this.fetch = opts.fetch ?? fetch;
    this.now = opts.now ?? (() => new Date());
  }

  /** Stores the delivery (so it survives a crash) and sends it in the background. */
  async onTicketEvent(ticket: Ticket, event: TicketEvent): Promise<void> {
    const delivery = await this.store.enqueueDelivery(ticket.id, `ticket.${event.type}`, webhookBody(ticket, event, this.now()));
    this.schedule(delivery.id, 0);
  }

  /**
   * Sends every pending delivery that is due — left by a restart, or by a node that stopped
   * between retries — if this node holds the sweep; resolves to the number of deliveries
   * attempted (0 when another node is sweeping).
   */
  sweep(): Promise<number> {
    // A sweep still running on this node is not doubled (the lock would let this node in again).
    this.sweeping ??= this.leadership
      .runExclusive(WEBHOOK_JOB, () => this.deliverDue())
      .then((n) => n ?? 0)
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  /** Sweeps now and then every `intervalMs`; the timer does not keep the process alive. */
  start(intervalMs = SWEEP_MS): void {
    const tick = () =>
      void this.sweep().catch((err: unknown) => this.logger?.error({ err: errorSummary(err), code: "handoff.webhook_sweep_failed" }, "webhook sweep failed"));
    tick();
    this.sweepTimer = setInterval(tick, intervalMs);
    this.sweepTimer.unref();
  }

  /** Resolves once nothing is scheduled or in flight (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.timers.size || this.inFlight.size || this.sweeping) {
      if (this.inFlight.size || this.sweeping) await Promise.allSettled([...this.inFlight, this.sweeping]);
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Stops retrying and sweeping; pending deliveries stay pending for the next sweep (any node). */
  close(): void {
    this.closed = true;
    clearInterval(this.sweepTimer);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** The wait before retry number `retry` (1-based). */
  backoff(retry: number): number {
    return this.settings.backoffMs * 2 ** (retry - 1);
  }

  private async deliverDue(): Promise<number> {
    let attempted = 0;
    for (const delivery of await this.store.pendingDeliveries(new Date(this.now().getTime() + DUE_SLACK_MS))) {
      if (this.closed) break;
      if (await this.track(this.attempt(delivery.id))) attempted++;
    }
    return attempted;
  }

  private track<T>(work: Promise<T>): Promise<T> {
    const tracked = work.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    return tracked;
  }

  private schedule(id: number, waitMs: number): void {
    if (this.closed || this.timers.has(id)) return;
    const timer = setTimeout(() => {
      this.timers.delete(id);
      void this.track(
        this.attempt(id).catch((err: unknown) => this.logger?.error({ delivery: id, err: errorSummary(err), code: "handoff.webhook_error" }, "webhook attempt crashed")),
      );
    }, waitMs);
    timer.unref();
    this.timers.set(id, timer);
  }

  /** One attempt, if this sender gets the claim on the delivery; false when it did not (settled, deleted, or another sender's). */
  private async attempt(id: number): Promise<boolean> {
    const at = this.now();
    const claimed = await this.store.claimDelivery(id, new Date(at.getTime() + DUE_SLACK_MS), new Date(at.getTime() + this.settings.timeoutMs + CLAIM_MARGIN_MS));
    if (!claimed) return false;
    const { delivery, payload } = claimed;
    const error = await this.post(delivery, payload);
    if (!error) {
      await this.store.recordAttempt(id, { status: "delivered" });
      this.logger?.info({ ticket: delivery.ticketId, delivery: id, event: delivery.event, code: "handoff.webhook_delivered" }, "webhook delivered");
      return true;
    }
    const attempts = delivery.attempts + 1;
    if (attempts > this.settings.retries || !error.retryable) {
      await this.store.recordAttempt(id, { status: "failed", error: error.message });
      this.logger?.warn({ ticket: delivery.ticketId, delivery: id, attempts, error: error.message, code: "handoff.webhook_failed" }, "webhook delivery failed for good");
      return true;
    }
    const wait = this.backoff(attempts);
    await this.store.recordAttempt(id, { status: "pending", error: error.message, nextAttemptAt: new Date(this.now().getTime() + wait) });
    this.logger?.info({ ticket: delivery.ticketId, delivery: id, attempts, retryInMs: wait, code: "handoff.webhook_retry" }, "webhook delivery failed, will retry");
    this.schedule(id, wait);
    return true;
  }

  private async post(delivery: WebhookDelivery, body: string): Promise<{ message: string; retryable: boolean } | undefined> {
    try {
      const res = await this.fetch(this.settings.url, {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          "user-agent": "Lotse-Webhook/1",
          [SIGNATURE_HEADER]: signBody(body, this.settings.secret),
          "x-lotse-event": delivery.event,
          "x-lotse-delivery": String(delivery.id),
        },
        body,
        // A redirect would send the signed personal data to a host nobody configured.
        redirect: "manual",
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      await res.body?.cancel().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return undefined;
      return { message: `HTTP ${res.status}`, retryable: res.status >= 500 || RETRYABLE_4XX.has(res.status) };
    } catch (err) {
      const summary = errorSummary(err);
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      return { message: cause ?? summary.name, retryable: true };
    }
  }
}
