/**
 * Personal API tokens for deployments without Entra ID: `lotse_<id>_<secret>`. Only a SHA-256
 * of id and secret is stored, so a copy of the database lets nobody into the console; the id in
 * the clear finds the row without comparing against every hash.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Selectable } from "kysely";
import { isUniqueViolation, type Db } from "../storage/database.js";
import type { NavigatorTokensTable } from "../storage/tables.js";
import { AppError } from "../util/app-error.js";
import { AuthError, type Navigator } from "./navigator.js";

export const TOKEN_PREFIX = "lotse_";
const TOKEN_PATTERN = /^lotse_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
/** last_used_at is for `token list`; a write per request would buy nothing. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Names are what the audit log shows, so people recognise them: letters, digits, space, . _ @ -. */
export const TokenName = z
  .string({ error: "give the token a NAME, e.g. the navigator's name" })
  .trim()
  .min(1, "the name must not be empty")
  .max(64, "the name must be at most 64 characters")
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._@-]*$/u, "the name may contain letters, digits, spaces and . _ @ - and must start with a letter or digit");

export const TokenInfo = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TokenInfo = z.infer<typeof TokenInfo>;

/** A refused token-management command (the navigator CLI today); the status is for an API that offers it. */
export class TokenError extends AppError<"name_taken" | "not_found" | "ambiguous"> {
  constructor(message: string, code: "name_taken" | "not_found" | "ambiguous") {
    super(code, message, code === "not_found" ? 404 : 409);
    this.name = "TokenError";
  }
}

export function looksLikeApiToken(token: string): boolean {
  return token.startsWith(TOKEN_PREFIX);
}

const hashOf = (id: string, secret: string) => createHash("sha256").update(`${id}:${secret}`).digest();

type TokenRow = Selectable<NavigatorTokensTable>;

const toInfo = (r: TokenRow): TokenInfo => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at });

export class ApiTokenStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Returns the token in the clear; this is the only time it exists outside its holder's hands. */
  async create(rawName: string): Promise<{ token: string; info: TokenInfo }> {
    const name = TokenName.parse(rawName);
    const id = randomBytes(6).toString("hex");
    const secret = randomBytes(32).toString("base64url");
    const createdAt = this.now().toISOString();
    try {
      await this.db.insertInto("navigator_tokens").values({ id, name, hash: hashOf(id, secret).toString("hex"), created_at: createdAt }).execute();
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new TokenError(`a token named "${name}" exists already; revoke it first or choose another name`, "name_taken");
      }
      throw err;
    }
    return { token: `${TOKEN_PREFIX}${id}_${secret}`, info: { id, name, createdAt, lastUsedAt: null, revokedAt: null } };
  }

  async list({ includeRevoked = false } = {}): Promise<TokenInfo[]> {
    let query = this.db.selectFrom("navigator_tokens").selectAll();
    if (!includeRevoked) query = query.where("revoked_at", "is", null);
    const rows = await query.orderBy("created_at").orderBy("id").execute();
    return rows.map(toInfo);
  }

  /** By id, or by the name of an active token. */
  async revoke(nameOrId: string): Promise<TokenInfo> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom("navigator_tokens")
        .selectAll()
        .where("revoked_at", "is", null)
        .where((eb) => eb.or([eb("id", "=", nameOrId), eb("name", "=", nameOrId.trim())]))
        .orderBy("id")
        .execute();
      if (rows.length === 0) throw new TokenError(`no active token with the name or id "${nameOrId}"`, "not_found");
      if (rows.length > 1) throw new TokenError(`"${nameOrId}" is both a name and an id; revoke by id`, "ambiguous");
      const revokedAt = this.now().toISOString();
      // Still active at the moment of writing: a revoke racing this one on another node wins once, not twice.
      const revoked = await trx
        .updateTable("navigator_tokens")
        .set({ revoked_at: revokedAt })
        .where("id", "=", rows[0]!.id)
        .where("revoked_at", "is", null)
        .returningAll()
        .executeTakeFirst();
      if (!revoked) throw new TokenError(`no active token with the name or id "${nameOrId}"`, "not_found");
      return toInfo(revoked);
    });
  }

  async verify(token: string): Promise<Navigator> {
    const match = TOKEN_PATTERN.exec(token);
    if (!match) throw new AuthError("the API token is not valid", "malformed_api_token");
    const [, id, secret] = match as unknown as [string, string, string];
    const row = await this.db.selectFrom("navigator_tokens").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw new AuthError("the API token is not valid", "unknown_api_token");
    if (!timingSafeEqual(Buffer.from(row.hash, "hex"), hashOf(id, secret))) throw new AuthError("the API token is not valid", "wrong_api_token_secret");
    if (row.revoked_at) throw new AuthError("the API token is not valid", "revoked_api_token");
    const now = this.now();
    if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > LAST_USED_RESOLUTION_MS) {
      await this.db.updateTable("navigator_tokens").set({ last_used_at: now.toISOString() }).where("id", "=", id).execute();
    }
    return { id: `token:${row.id}`, name: row.name, via: "token" };
  }
}
