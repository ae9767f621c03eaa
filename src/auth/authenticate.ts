/**
 * Turns an `Authorization: Bearer …` header into a Navigator, whichever kind of token it carries.
 * Throws AuthError: status 401 when the caller is unknown, 403 (NotANavigatorError) when an
 * Entra ID sign-in is valid but lacks the navigator role or group.
 */
import type { EntraConfig } from "../config.js";
import { looksLikeApiToken, type ApiTokenStore } from "./api-tokens.js";
import { createEntraVerifier, type EntraVerifier } from "./entra.js";
import { AuthError, type Navigator } from "./navigator.js";

/** Far longer than any Entra token (a few KB); stops junk before it reaches a parser. */
const MAX_TOKEN_LENGTH = 16 * 1024;

export interface Authenticator {
  authenticate(authorization: string | undefined): Promise<Navigator>;
  /** Whether Entra ID sign-in is configured; the console page offers Teams SSO only then. */
  readonly entraEnabled: boolean;
}

export function createAuthenticator(tokens: ApiTokenStore, entra: EntraConfig): Authenticator {
  const verifier: EntraVerifier | undefined = entra.tenantId ? createEntraVerifier(entra) : undefined;
  return {
    entraEnabled: verifier !== undefined,
    async authenticate(authorization) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
      if (!match) throw new AuthError("an Authorization: Bearer token is required", authorization ? "not_bearer" : "no_token");
      const token = match[1]!;
      if (token.length > MAX_TOKEN_LENGTH) throw new AuthError("the token is not valid", "too_long");
      if (looksLikeApiToken(token)) return tokens.verify(token);
      if (!verifier) throw new AuthError("the token is not valid", "entra_not_configured");
      return verifier.verify(token);
    },
  };
}
