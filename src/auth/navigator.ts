/** Who is calling the console: the identity every console route and audit entry works with. */
import { z } from "zod";

export const Navigator = z.object({
  /** Stable: `entra:<object id>` or `token:<token id>`. */
  id: z.string(),
  /** What the audit log and the ticket show as the person who acted. */
  name: z.string(),
  via: z.enum(["entra", "token"]),
});
export type Navigator = z.infer<typeof Navigator>;

/** A bearer token that is missing, malformed, forged, expired, revoked or for someone else. */
export class AuthError extends Error {
  constructor(
    message: string,
    /** Why, for the log only: the caller learns no more than "unauthorized". */
    readonly reason: string,
  ) {
    super(message);
    this.name = "AuthError";
  }
}
