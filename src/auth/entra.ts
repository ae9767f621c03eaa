/**
 * Validates Microsoft Entra ID access tokens as Teams SSO (`authentication.getAuthToken`) hands
 * them to the console: RS256 signature against the tenant's published keys, issuer and `tid`
 * of the configured tenant, audience of the console's app registration, expiry.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";
import type { EntraConfig } from "../config.js";
import { AuthError, type Navigator } from "./navigator.js";

/** Clocks of Entra and this server may drift a little; tokens live an hour anyway. */
const CLOCK_TOLERANCE_SECONDS = 60;

export interface EntraVerifier {
  verify(token: string): Promise<Navigator>;
}

export function entraJwksUrl(entra: EntraConfig): string {
  return entra.jwksUrl ?? `https://login.microsoftonline.com/${encodeURIComponent(entra.tenantId)}/discovery/v2.0/keys`;
}

/** Both token versions: v1 (`sts.windows.net`) is what an app without `accessTokenAcceptedVersion: 2` gets. */
export function entraIssuers(tenantId: string): string[] {
  return [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`];
}

/**
 * Teams SSO tokens carry the Application ID URI (`api://host/CLIENT_ID`) as audience, v2 tokens
 * may carry the bare client id. The client id is a GUID owned by this app registration, so an
 * `api://` URI ending in it can only name this app.
 */
function isOurAudience(aud: JWTPayload["aud"], clientId: string): boolean {
  const values = Array.isArray(aud) ? aud : aud ? [aud] : [];
  return values.some((a) => a === clientId || (a.startsWith("api://") && a.endsWith(`/${clientId}`)));
}

export function createEntraVerifier(entra: EntraConfig): EntraVerifier {
  const keys = createRemoteJWKSet(new URL(entraJwksUrl(entra)), { timeoutDuration: 5000 });
  const issuers = entraIssuers(entra.tenantId);
  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          algorithms: ["RS256"],
          issuer: issuers,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ["exp", "tid", "aud"],
        }));
      } catch (err) {
        if (err instanceof errors.JOSEError) throw new AuthError("the Entra ID token is not valid", err.code);
        throw err;
      }
      if (payload.tid !== entra.tenantId) throw new AuthError("the Entra ID token is not valid", "wrong_tenant");
      if (!isOurAudience(payload.aud, entra.clientId)) throw new AuthError("the Entra ID token is not valid", "wrong_audience");
      const oid = typeof payload.oid === "string" ? payload.oid : payload.sub;
      if (!oid) throw new AuthError("the Entra ID token is not valid", "no_subject");
      const name = [payload.name, payload.preferred_username, payload.upn].find((v): v is string => typeof v === "string" && v.length > 0);
      return { id: `entra:${oid}`, name: name ?? oid, via: "entra" };
    },
  };
}
