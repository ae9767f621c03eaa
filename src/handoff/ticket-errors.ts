/**
 * Why a ticket action failed, as a code with parameters. The words belong to the edge that shows
 * them — the Teams card (bot/locales/navigator.de.json) and the console (its locale files) —,
 * so the service never speaks German or English to a person; its `message` is an English
 * sentence for logs and API callers only.
 *
 * Locale key of an error: `ticketErrorKey(detail)`, i.e. `ticketErrors.<code>`, except
 * `ticketErrors.already_taken_by_you` (already_taken with byYou) and `ticketErrors.invalid_<problem>`
 * (invalid with a problem other than "invalid"). Placeholders are the params' names.
 */
import { z } from "zod";
import { AppError } from "../util/app-error.js";
import { formatTicketNumber } from "./ticket-number.js";
import type { Ticket } from "./ticket-store.js";

export const TICKET_ERROR_CODES = ["not_found", "already_taken", "taken_by_other", "closed", "invalid"] as const;
export type TicketErrorCode = (typeof TICKET_ERROR_CODES)[number];

/** The input that was refused: a person's chat message, a navigator's reply, the closing note, the acting navigator. */
export const InvalidField = z.enum(["message", "text", "note", "navigator"]);
export type InvalidField = z.infer<typeof InvalidField>;
export const InvalidProblem = z.enum(["empty", "too_long", "control_characters", "invalid"]);
export type InvalidProblem = z.infer<typeof InvalidProblem>;

/** "L-0042", as navigators read ticket numbers. */
const TicketNumber = z.string();

export const TicketErrorDetail = z.discriminatedUnion("code", [
  /** `number` is "L-0042" for a well-formed id, otherwise the id as given. */
  z.strictObject({ code: z.literal("not_found"), params: z.strictObject({ ticketId: z.number(), number: TicketNumber }) }),
  /** `byYou`: the navigator who tried had taken it already (a second click). */
  z.strictObject({ code: z.literal("already_taken"), params: z.strictObject({ number: TicketNumber, takenBy: z.string(), byYou: z.boolean() }) }),
  /** Only the navigator who took a ticket answers the person. */
  z.strictObject({ code: z.literal("taken_by_other"), params: z.strictObject({ number: TicketNumber, takenBy: z.string() }) }),
  z.strictObject({ code: z.literal("closed"), params: z.strictObject({ number: TicketNumber }) }),
  /** `max` only with too_long. */
  z.strictObject({ code: z.literal("invalid"), params: z.strictObject({ field: InvalidField, problem: InvalidProblem, max: z.number().int().optional() }) }),
]);
export type TicketErrorDetail = z.infer<typeof TicketErrorDetail>;
export type TicketErrorParams = TicketErrorDetail["params"];

/** What an HTTP route answers with: `{ error: code, message (English, for developers), params }`. */
export const TicketErrorBody = z.object({
  error: z.enum(TICKET_ERROR_CODES),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
export type TicketErrorBody = z.infer<typeof TicketErrorBody>;

/** The locale key an edge words the error with; see the module comment. */
export function ticketErrorKey(detail: Pick<TicketErrorDetail, "code" | "params"> | { code: string; params: Record<string, unknown> }): string {
  const params = detail.params as Record<string, unknown>;
  if (detail.code === "already_taken" && params.byYou === true) return "ticketErrors.already_taken_by_you";
  if (detail.code === "invalid" && typeof params.problem === "string" && params.problem !== "invalid") return `ticketErrors.invalid_${params.problem}`;
  return `ticketErrors.${detail.code}`;
}

const PROBLEM_TEXT: Record<InvalidProblem, (max?: number) => string> = {
  empty: () => "must not be empty",
  too_long: (max) => `must be at most ${max} characters`,
  control_characters: () => "must not contain control characters",
  invalid: () => "is not valid",
};

/** For logs and API callers; people see the edge's wording. */
function developerMessage(d: TicketErrorDetail): string {
  switch (d.code) {
    case "not_found":
      return `there is no ticket ${d.params.number}`;
    case "already_taken":
      return d.params.byYou ? `${d.params.number} is already taken by you` : `${d.params.number} was already taken by ${d.params.takenBy}`;
    case "taken_by_other":
      return `${d.params.number} was taken by ${d.params.takenBy}; only they can reply`;
    case "closed":
      return `${d.params.number} is already closed`;
    case "invalid":
      return `${d.params.field}: ${PROBLEM_TEXT[d.params.problem](d.params.max)}`;
  }
}

/** An AppError whose code and params always come as one of the `TicketErrorDetail` pairs. */
export class TicketError extends AppError<TicketErrorCode, TicketErrorParams> {
  readonly detail: TicketErrorDetail;
  declare readonly params: TicketErrorParams;

  constructor(
    detail: TicketErrorDetail,
    /** The ticket as it is now, when there is one: lets a caller recover (reply after a lost take race). */
    readonly ticket?: Ticket,
  ) {
    // The HTTP status a route answers with.
    const status = detail.code === "not_found" ? 404 : detail.code === "invalid" ? 400 : 409;
    super(detail.code, developerMessage(detail), status, { params: detail.params });
    this.name = "TicketError";
    this.detail = detail;
  }

  override toBody(): TicketErrorBody {
    return { error: this.code, message: this.message, params: { ...this.params } };
  }
}

/** `id` as a route or a card gave it; it may not even be a ticket id. */
export function ticketNotFound(id: number): TicketError {
  const number = Number.isSafeInteger(id) && id > 0 ? formatTicketNumber(id) : String(id);
  return new TicketError({ code: "not_found", params: { ticketId: id, number } });
}

/** A zod refusal of `field` as a code: empty, too long (with the limit), control characters, or otherwise invalid. */
export function invalidInput(field: InvalidField, error: z.ZodError): TicketError {
  const issue = error.issues[0];
  if (issue?.code === "too_small") return new TicketError({ code: "invalid", params: { field, problem: "empty" } });
  if (issue?.code === "too_big") return new TicketError({ code: "invalid", params: { field, problem: "too_long", max: Number(issue.maximum) } });
  if (issue?.code === "custom") return new TicketError({ code: "invalid", params: { field, problem: "control_characters" } });
  return new TicketError({ code: "invalid", params: { field, problem: "invalid" } });
}
