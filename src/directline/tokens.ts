/**
 * Direct Line tokens: HS256 JWTs bound to one conversation and one user, as Azure's Direct Line
 * issues them (claims `conv` and `user`), so the official clients read them unchanged. Whoever
 * holds a token may read and write exactly that conversation, as exactly that user, until it
 * expires; refreshing extends it without changing either binding.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { AppError } from "../util/app-error.js";

/** Like Azure's Direct Line: 30 minutes, refreshed by the client every 15. */
export const TOKEN_LIFETIME_SECONDS = 30 * 60;
const ISSUER = "lotse";
const AUDIENCE = "lotse:directline";

export const TokenClaims = z.object({
  conv: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  user: z.string().regex(/^dl_[A-Za-z0-9_-]{8,64}$/),
});
export type TokenClaims = z.infer<typeof TokenClaims>;

/** A verified token's claims, with the seconds it has left. */
export interface VerifiedClaims extends TokenClaims {
  expiresIn: number;
}

export interface IssuedToken extends TokenClaims {
  token: string;
  expiresIn: number;
}

/**
 * Why a token was refused: 401 `unauthorized` (missing or not ours; the client needs a new token)
 * or 403 `token_expired` (ours, but too old: start a new conversation).
 */
export class TokenError extends AppError<"unauthorized" | "token_expired"> {
  constructor(
    readonly reason: "missing" | "invalid" | "expired",
    message: string,
  ) {
    super(
      reason === "expired" ? "token_expired" : "unauthorized",
      message,
      reason === "expired" ? 403 : 401,
      reason === "expired" ? {} : { headers: { "www-authenticate": 'Bearer realm="directline"' } },
    );
    this.name = "TokenError";
  }
}

export function newConversationId(): string {
  // URL-safe and unguessable; the token, not the id, is what grants access.
  return randomBytes(18).toString("base64url");
}

export function newUserId(): string {
  return `dl_${randomUUID().replaceAll("-", "")}`;
}

export class TokenIssuer {
  private readonly key: Uint8Array;

  constructor(
    key: Uint8Array,
    private readonly now: () => number = Date.now,
    private readonly lifetimeSeconds = TOKEN_LIFETIME_SECONDS,
  ) {
    if (key.length < 32) throw new Error("directline: the token signing key needs at least 32 bytes");
    this.key = key;
  }

  async issue(claims: TokenClaims): Promise<IssuedToken> {
    const iat = Math.floor(this.now() / 1000);
    const token = await new SignJWT({ conv: claims.conv, user: claims.user })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setNotBefore(iat - 5)
      .setExpirationTime(iat + this.lifetimeSeconds)
      .sign(this.key);
    return { ...claims, token, expiresIn: this.lifetimeSeconds };
  }

  /** The claims of a valid token; TokenError otherwise. */
  async verify(token: string | undefined): Promise<VerifiedClaims> {
    if (!token) throw new TokenError("missing", "a Direct Line token is required (Authorization: Bearer TOKEN)");
    if (token.length > 4096) throw new TokenError("invalid", "the token is not a Direct Line token of this server");
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ["HS256"],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: new Date(this.now()),
        clockTolerance: 5,
      });
      const claims = TokenClaims.safeParse(payload);
      if (!claims.success) throw new TokenError("invalid", "the token is not a Direct Line token of this server");
      const expiresIn = Math.max(0, (payload.exp ?? 0) - Math.floor(this.now() / 1000));
      return { conv: claims.data.conv, user: claims.data.user, expiresIn };
    } catch (err) {
      if (err instanceof TokenError) throw err;
      if (err instanceof errors.JWTExpired) throw new TokenError("expired", "the token has expired; start a new conversation");
      throw new TokenError("invalid", "the token is not a Direct Line token of this server");
    }
  }
}

/** "Bearer X" → X; anything else → undefined. */
export function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}
