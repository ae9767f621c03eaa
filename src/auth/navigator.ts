/** Who is calling the console: the identity every console route and audit entry works with. */
import { z } from "zod";
import { AppError } from "../util/app-error.js";

export const Navigator = z.object({
  /** Stable: `entra:<object id>` or `token:<token id>`. */
  id: z.string(),
  /** What the audit log and the ticket show as the person who acted. */
  name: z.string(),
  via: z.enum(["entra", "token"]),
});
export type Navigator = z.infer<typeof Navigator>;

/**
 * A bearer token that is missing, malformed, forged, expired, revoked or for someone else (401),
 * or a valid sign-in of someone who is not a navigator (403, see `NotANavigatorError`).
 */
export class AuthError extends AppError<"unauthorized" | "not_a_navigator"> {
  declare readonly status: 401 | 403;

  constructor(
    message: string,
    /** Why, for the log only: the caller learns no more than "unauthorized". */
    readonly reason: string,
    /** 401: who is calling is unknown; 403: known, but not allowed into the console. */
    status: 401 | 403 = 401,
  ) {
    super(status === 403 ? "not_a_navigator" : "unauthorized", message, status, {
      headers: { "www-authenticate": status === 403 ? 'Bearer realm="lotse-console", error="insufficient_scope"' : 'Bearer realm="lotse-console"' },
    });
    this.name = "AuthError";
  }
}

/**
 * The sign-in worked (tenant, audience, signature), but the token carries neither the navigator
 * app role nor the navigator group. A 403, not a 401: signing in again would not help, an
 * administrator has to grant the role. `navigatorId` lets the log say who was turned away.
 */
export class NotANavigatorError extends AuthError {
  constructor(
    message: string,
    reason: "missing_role" | "missing_group" | "missing_role_or_group" | "groups_overage",
    readonly navigatorId: string,
  ) {
    super(message, reason, 403);
    this.name = "NotANavigatorError";
  }
}
