/**
 * Personal API tokens for deployments without Entra ID: `lotse_<id>_<secret>`. Only a SHA-256
 * of id and secret is stored, so a copy of the database lets nobody into the console; the id in
 * the clear finds the row without comparing against every hash.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Db } from "../storage/database.js";
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

interface TokenRow {
  id: string;
  name: string;
  hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const toInfo = (r: TokenRow): TokenInfo => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at });

export class ApiTokenStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Returns the token in the clear; this is the only time it exists outside its holder's hands. */
  create(rawName: string): { token: string; info: TokenInfo } {
    const name = TokenName.parse(rawName);
    const id = randomBytes(6).toString("hex");
    const secret = randomBytes(32).toString("base64url");
    const createdAt = this.now().toISOString();
    try {
      this.db
        .prepare("INSERT INTO navigator_tokens (id, name, hash, created_at) VALUES (?, ?, ?, ?)")
        .run(id, name, hashOf(id, secret).toString("hex"), createdAt);
    } catch (err) {
      if ((err as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") {
        throw new TokenError(`a token named "${name}" exists already; revoke it first or choose another name`, "name_taken");
      }
      throw err;
    }
    return { token: `${TOKEN_PREFIX}${id}_${secret}`, info: { id, name, createdAt, lastUsedAt: null, revokedAt: null } };
  }

  list({ includeRevoked = false } = {}): TokenInfo[] {
    const rows = this.db
      .prepare(`SELECT * FROM navigator_tokens ${includeRevoked ? "" : "WHERE revoked_at IS NULL"} ORDER BY created_at, id`)
      .all() as TokenRow[];
    return rows.map(toInfo);
  }

  /** By id, or by the name of an active token. */
  revoke(nameOrId: string): TokenInfo {
    return this.db.transaction(() => {
      const rows = this.db
        .prepare("SELECT * FROM navigator_tokens WHERE revoked_at IS NULL AND (id = ? OR name = ?)")
        .all(nameOrId, nameOrId.trim()) as TokenRow[];
      if (rows.length === 0) throw new TokenError(`no active token with the name or id "${nameOrId}"`, "not_found");
      if (rows.length > 1) throw new TokenError(`"${nameOrId}" is both a name and an id; revoke by id`, "ambiguous");
      const row = rows[0]!;
      const revokedAt = this.now().toISOString();
      this.db.prepare("UPDATE navigator_tokens SET revoked_at = ? WHERE id = ?").run(revokedAt, row.id);
      return toInfo({ ...row, revoked_at: revokedAt });
    })();
  }

  verify(token: string): Navigator {
    const match = TOKEN_PATTERN.exec(token);
    if (!match) throw new AuthError("the API token is not valid", "malformed_api_token");
    const [, id, secret] = match as unknown as [string, string, string];
    const row = this.db.prepare("SELECT * FROM navigator_tokens WHERE id = ?").get(id) as TokenRow | undefined;
    if (!row) throw new AuthError("the API token is not valid", "unknown_api_token");
    if (!timingSafeEqual(Buffer.from(row.hash, "hex"), hashOf(id, secret))) throw new AuthError("the API token is not valid", "wrong_api_token_secret");
    if (row.revoked_at) throw new AuthError("the API token is not valid", "revoked_api_token");
    const now = this.now();
    if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > LAST_USED_RESOLUTION_MS) {
      this.db.prepare("UPDATE navigator_tokens SET last_used_at = ? WHERE id = ?").run(now.toISOString(), id);
    }
    return { id: `token:${row.id}`, name: row.name, via: "token" };
  }
}
