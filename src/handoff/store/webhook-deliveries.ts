/**
 * Webhook deliveries: stored before the first attempt, so that they survive a crash. A sender
 * claims a delivery before each attempt (one conditional UPDATE that moves `next_attempt_at` past
 * the attempt's time limit); only the sender that got the row posts it, so two nodes — or a
 * resumed timer and a sweep — never send the same delivery at the same time.
 */
import type { Db } from "../../storage/database.js";
import { isRowId } from "./db.js";
import { toDelivery } from "./rows.js";
import type { WebhookDelivery } from "./schemas.js";

/** Everything but the payload (personal data the console's list does not need). */
const COLUMNS = ["id", "ticket_id", "event", "status", "attempts", "last_error", "created_at", "updated_at", "next_attempt_at"] as const;

export type DeliveryResult = { status: WebhookDelivery["status"]; error?: string; nextAttemptAt?: Date };

export class WebhookDeliveries {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  async enqueue(ticketId: number, event: string, payload: string): Promise<WebhookDelivery> {
    const now = this.now().toISOString();
    const row = await this.db
      .insertInto("webhook_deliveries")
      .values({ ticket_id: ticketId, event, payload, status: "pending", attempts: 0, created_at: now, updated_at: now, next_attempt_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDelivery(row);
  }

  async get(id: number): Promise<WebhookDelivery | undefined> {
    if (!isRowId(id)) return undefined;
    const row = await this.db.selectFrom("webhook_deliveries").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toDelivery(row) : undefined;
  }

  async payload(id: number): Promise<string | undefined> {
    if (!isRowId(id)) return undefined;
    const row = await this.db.selectFrom("webhook_deliveries").select("payload").where("id", "=", id).executeTakeFirst();
    return row?.payload;
  }

  /**
   * Takes a pending delivery whose next attempt is due by `dueBy` for one attempt, until
   * `until`: the delivery and its body, or undefined when it is not pending, not due, gone, or
   * claimed by another sender. A sender that dies mid-attempt leaves the claim to run out; then
   * the delivery is due again.
   */
  async claim(id: number, dueBy: Date, until: Date): Promise<{ delivery: WebhookDelivery; payload: string } | undefined> {
    if (!isRowId(id)) return undefined;
    const due = dueBy.toISOString();
    const row = await this.db
      .updateTable("webhook_deliveries")
      .set({ next_attempt_at: until.toISOString(), updated_at: this.now().toISOString() })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .where((eb) => eb.or([eb("next_attempt_at", "is", null), eb("next_attempt_at", "<=", due)]))
      .returningAll()
      .executeTakeFirst();
    return row ? { delivery: toDelivery(row), payload: row.payload } : undefined;
  }

  /** The outcome of a claimed attempt; a delivery settled meanwhile (by an expired claim's second sender) stays as it is. */
  async recordAttempt(id: number, result: DeliveryResult): Promise<void> {
    if (!isRowId(id)) return;
    await this.db
      .updateTable("webhook_deliveries")
      .set((eb) => ({
        status: result.status,
        attempts: eb("attempts", "+", 1),
        last_error: result.error ?? null,
        updated_at: this.now().toISOString(),
        next_attempt_at: result.nextAttemptAt?.toISOString() ?? null,
      }))
      .where("id", "=", id)
      .where("status", "=", "pending")
      .execute();
  }

  /** Per ticket (oldest first), or all failed deliveries when no ticket is given. */
  async list(ticketId?: number): Promise<WebhookDelivery[]> {
    let query = this.db.selectFrom("webhook_deliveries").select(COLUMNS);
    if (ticketId === undefined) query = query.where("status", "=", "failed");
    else if (isRowId(ticketId)) query = query.where("ticket_id", "=", ticketId);
    else return [];
    return (await query.orderBy("id").execute()).map(toDelivery);
  }

  /** Pending deliveries, oldest first; with `dueAt`, only those whose next attempt is due then. */
  async pending(dueAt?: Date): Promise<WebhookDelivery[]> {
    let query = this.db.selectFrom("webhook_deliveries").select(COLUMNS).where("status", "=", "pending");
    if (dueAt) {
      const at = dueAt.toISOString();
      query = query.where((eb) => eb.or([eb("next_attempt_at", "is", null), eb("next_attempt_at", "<=", at)]));
    }
    return (await query.orderBy("id").execute()).map(toDelivery);
  }
}
