/** Database rows → the records the handoff hands out (./schemas.ts). */
import type { Selectable } from "kysely";
import type { AuditLogTable, TicketMessagesTable, TicketsTable, WebhookDeliveriesTable } from "../../storage/tables.js";
import { formatTicketNumber } from "../ticket-number.js";
import type { AuditEntry, Ticket, TicketMessage, WebhookDelivery } from "./schemas.js";

export type TicketRow = Selectable<TicketsTable>;

export function toTicket(r: TicketRow): Ticket {
  return {
    id: r.id,
    number: formatTicketNumber(r.id),
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    name: r.name,
    organisation: r.organisation,
    contact: { kind: r.contact_kind, value: r.contact },
    question: r.question,
    language: r.language,
    audience: r.audience,
    topics: JSON.parse(r.topics) as string[],
    reason: r.reason as Ticket["reason"],
    channel: r.channel,
    consentAt: r.consent_at,
    takenBy: r.taken_by_id ? { id: r.taken_by_id, name: r.taken_by_name ?? "" } : null,
    takenAt: r.taken_at,
    closedBy: r.closed_by_id ? { id: r.closed_by_id, name: r.closed_by_name ?? "" } : null,
    closedAt: r.closed_at,
    closeNote: r.close_note,
    postedToTeams: r.teams_activity_id !== null,
  };
}

export function toMessage(r: Selectable<TicketMessagesTable>): TicketMessage {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    at: r.created_at,
    author: r.author,
    authorName: r.author_name,
    text: r.text,
    delivered: r.delivered === null ? null : r.delivered === 1,
  };
}

export function toDelivery(r: Omit<Selectable<WebhookDeliveriesTable>, "payload">): WebhookDelivery {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    event: r.event,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    nextAttemptAt: r.next_attempt_at,
  };
}

export function toAudit(r: Selectable<AuditLogTable>): AuditEntry {
  return { id: r.id, at: r.created_at, actor: { id: r.actor_id, name: r.actor_name }, action: r.action, ticketId: r.ticket_id, detail: r.detail };
}
