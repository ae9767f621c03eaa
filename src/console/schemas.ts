/** The console API's shapes: what routes accept and answer, one schema each. */
import { z } from "zod";
import { Navigator } from "../auth/navigator.js";
import {
  AuditEntry,
  AuditQuery,
  parseTicketNumber,
  Ticket,
  TICKET_LIMITS,
  TicketMessage,
  TicketWithMessages,
  WebhookDelivery,
} from "../handoff/index.js";
import { ArticleFeedback, UnansweredGroup } from "./reports.js";

export { TicketPage, TicketQuery } from "../handoff/index.js";

/** `42`, `L-0042` or `#42`, as navigators write ticket numbers. */
export const TicketParams = z.strictObject({
  id: z
    .string()
    .max(20)
    .transform((s, ctx) => {
      const id = parseTicketNumber(s);
      if (id === undefined) {
        ctx.addIssue({ code: "custom", message: "must be a ticket number such as 42 or L-0042" });
        return z.NEVER;
      }
      return id;
    }),
});

export const ReplyBody = z.strictObject({
  text: z.string().trim().min(1, "must not be empty").max(TICKET_LIMITS.message, `must be at most ${TICKET_LIMITS.message} characters`),
});

export const CloseBody = z.strictObject({
  note: z.string().trim().max(TICKET_LIMITS.note, `must be at most ${TICKET_LIMITS.note} characters`).optional(),
});

export const TicketDetail = TicketWithMessages.extend({
  /** Webhook notifications about this ticket; a failed one means the ticket system missed it. */
  deliveries: z.array(WebhookDelivery),
});
export type TicketDetail = z.infer<typeof TicketDetail>;

export const ReplyResult = z.object({
  message: TicketMessage,
  /** False when the person's conversation did not accept the message (it is stored either way). */
  delivered: z.boolean(),
});

export const Me = z.object({ navigator: Navigator });
export const TicketResult = z.object({ ticket: Ticket });
export const UnansweredReport = z.object({ groups: z.array(UnansweredGroup), questions: z.number().int() });
export const FeedbackReport = z.object({ articles: z.array(ArticleFeedback) });
/** `ticketNumber` ("L-0042") is formatted by the server (src/handoff/ticket-number.ts): the console only shows it. */
export const AuditPage = z.object({ entries: z.array(AuditEntry.extend({ ticketNumber: z.string().nullable() })) });
export const FailedDeliveries = z.object({ deliveries: z.array(WebhookDelivery.extend({ ticketNumber: z.string() })) });
export { AuditQuery };
