/**
 * The generic webhook for organisations that route tickets to e-mail or a ticket system: each
 * ticket event is a JSON POST signed with HMAC-SHA256 over the exact body
 * (`X-Lotse-Signature: sha256=<hex>`). A delivery is stored before the first attempt, retried
 * with exponential backoff, and marked failed after the last retry — the console shows it.
 * Pending deliveries survive a restart (`resume`).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Logger } from "../util/logger.js";
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

export interface WebhookNotifierOptions {
  store: TicketStore;
  settings: WebhookSettings;
  logger?: Logger;
  fetch?: typeof fetch;
  now?: () => Date;
}

export class WebhookNotifier implements TicketListener {
  readonly name = "webhook";
  private readonly store: TicketStore;
  private readonly settings: WebhookSettings;
  private readonly logger?: Logger;
  private readonly fetch: typeof fetch;
  private readonly now: () => Date;
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(opts: WebhookNotifierOptions) {
    this.store = opts.store;
    this.settings = opts.settings;
    this.logger = opts.logger;
    this.fetch = opts.fetch ?? fetch;
    this.now = opts.now ?? (() => new Date());
  }

  /** Stores the delivery (so it survives a crash) and sends it in the background. */
  async onTicketEvent(ticket: Ticket, event: TicketEvent): Promise<void> {
    const delivery = this.store.enqueueDelivery(ticket.id, `ticket.${event.type}`, webhookBody(ticket, event, this.now()));
    this.schedule(delivery.id, 0);
  }

  /** Picks up deliveries that were pending when the server stopped. */
  resume(): number {
    const pending = this.store.pendingDeliveries();
    for (const d of pending) {
      const wait = d.nextAttemptAt ? Math.max(0, Date.parse(d.nextAttemptAt) - this.now().getTime()) : 0;
      this.schedule(d.id, wait);
    }
    return pending.length;
  }

  /** Resolves once nothing is scheduled or in flight (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.timers.size || this.inFlight.size) {
      if (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Stops retrying; pending deliveries stay pending and resume at the next start. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** The wait before retry number `retry` (1-based). */
  backoff(retry: number): number {
    return this.settings.backoffMs * 2 ** (retry - 1);
  }

  private schedule(id: number, waitMs: number): void {
    if (this.closed || this.timers.has(id)) return;
    const timer = setTimeout(() => {
      this.timers.delete(id);
      const attempt = this.attempt(id)
        .catch((err: unknown) => this.logger?.error({ delivery: id, err: errorSummary(err), code: "handoff.webhook_error" }, "webhook attempt crashed"))
        .finally(() => this.inFlight.delete(attempt));
      this.inFlight.add(attempt);
    }, waitMs);
    timer.unref();
    this.timers.set(id, timer);
  }

  private async attempt(id: number): Promise<void> {
    const delivery = this.store.delivery(id);
    const body = this.store.deliveryPayload(id);
    // Deleted meanwhile (retention, erase) or already settled.
    if (!delivery || body === undefined || delivery.status !== "pending") return;
    const error = await this.post(delivery, body);
    if (!error) {
      this.store.recordAttempt(id, { status: "delivered" });
      this.logger?.info({ ticket: delivery.ticketId, delivery: id, event: delivery.event, code: "handoff.webhook_delivered" }, "webhook delivered");
      return;
    }
    const attempts = delivery.attempts + 1;
    if (attempts > this.settings.retries || !error.retryable) {
      this.store.recordAttempt(id, { status: "failed", error: error.message });
      this.logger?.warn({ ticket: delivery.ticketId, delivery: id, attempts, error: error.message, code: "handoff.webhook_failed" }, "webhook delivery failed for good");
      return;
    }
    const wait = this.backoff(attempts);
    this.store.recordAttempt(id, { status: "pending", error: error.message, nextAttemptAt: new Date(this.now().getTime() + wait) });
    this.logger?.info({ ticket: delivery.ticketId, delivery: id, attempts, retryInMs: wait, code: "handoff.webhook_retry" }, "webhook delivery failed, will retry");
    this.schedule(id, wait);
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
