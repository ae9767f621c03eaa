/** The handoff to a human navigator: tickets, their notifications and retention. */
export { Contact, ContactKind, parseContact, normalisePhone } from "./contact.js";
export { formatTicketNumber, parseTicketNumber } from "./ticket-number.js";
export {
  Actor,
  AuditAction,
  AuditEntry,
  AuditQuery,
  CloseNote,
  MessageText,
  NewTicket,
  REQUESTER_ID,
  Ticket,
  TICKET_LIMITS,
  TICKET_REFUSALS,
  TICKET_STATUSES,
  TicketMessage,
  TicketPage,
  TicketQuery,
  TicketRefused,
  TicketStatus,
  TicketStore,
  TicketWithMessages,
  WebhookDelivery,
  type TicketLimits,
  type TicketRefusal,
} from "./ticket-store.js";
export {
  invalidInput,
  InvalidField,
  InvalidProblem,
  TICKET_ERROR_CODES,
  TicketError,
  TicketErrorBody,
  TicketErrorDetail,
  ticketErrorKey,
  ticketNotFound,
  type TicketErrorCode,
  type TicketErrorParams,
} from "./ticket-errors.js";
export {
  TicketService,
  type MessageSource,
  type TicketEvent,
  type TicketListener,
  type TicketServiceOptions,
  type UserRelay,
} from "./ticket-service.js";
export { NavigatorChannel, NavigatorChannelStore } from "./navigator-channel.js";
export { describeOfficeHours, isOpen, nextOpening, parseOfficeHours, type OfficeHours } from "./office-hours.js";
export { RetentionJob } from "./retention.js";
export { TeamsNotifier, type ChannelMessage, type ChannelMessenger, type TicketCards } from "./teams-notifier.js";
export { signBody, verifySignature, WebhookNotifier, type WebhookSettings } from "./webhook-notifier.js";
