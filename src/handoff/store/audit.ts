/** The audit log: who did what to which ticket (and the console's exports, the pairing, retention). */
import type { Db } from "../../storage/database.js";
import { toAudit } from "./rows.js";
import { Actor, AuditAction, type AuditEntry, AuditQuery } from "./schemas.js";

export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** Throws a ZodError for a malformed actor or action: a programming error, not input. */
  async write(actor: Actor, action: string, ticketId?: number, detail?: string): Promise<AuditEntry> {
    const a = Actor.parse(actor);
    const act = AuditAction.parse(action);
    const row = await this.db
      .insertInto("audit_log")
      .values({ created_at: this.now().toISOString(), actor_id: a.id, actor_name: a.name, action: act, ticket_id: ticketId ?? null, detail: detail?.slice(0, 1000) ?? null })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAudit(row);
  }

  /** Newest first. */
  async list(query: AuditQuery = {}): Promise<AuditEntry[]> {
    const { ticketId, limit, offset } = AuditQuery.parse(query);
    let select = this.db.selectFrom("audit_log").selectAll();
    if (ticketId) select = select.where("ticket_id", "=", ticketId);
    const rows = await select.orderBy("id", "desc").limit(limit).offset(offset).execute();
    return rows.map(toAudit);
  }
}
