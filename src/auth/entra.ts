/**
 * Validates Microsoft Entra ID access tokens as Teams SSO (`authentication.getAuthToken`) hands
 * them to the console: RS256 signature against the tenant's published keys, issuer and `tid`
 * of the configured tenant, audience of the console's app registration, expiry — and that the
 * user is a navigator: the configured app role in `roles` or group in `groups`, unless the
 * operator let every user of the tenant in (ENTRA_ALLOW_ALL_TENANT_USERS=true).
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";
import type { EntraConfig } from "../config.js";
import { AuthError, NotANavigatorError, type Navigator } from "./navigator.js";

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

const strings = (claim: unknown): string[] => (Array.isArray(claim) ? claim.filter((v): v is string => typeof v === "string") : []);

/**
 * Entra ID leaves `groups` out when a user is in more groups than a token can carry (200 in a
 * JWT) and points to Microsoft Graph instead (`_claim_names.groups`, or `hasgroups` in v1
 * tokens). Asking Graph would need another permission; an app role has no such limit.
 */
function hasGroupOverage(payload: JWTPayload): boolean {
  const names = payload._claim_names;
  return payload.hasgroups === true || (typeof names === "object" && names !== null && "groups" in names);
}

const NOT_A_NAVIGATOR = "you are signed in, but not as a navigator of this Lotse; ask your administrator to grant you access to the navigator console";
const GROUP_OVERAGE =
  "you are signed in, but your account is in too many groups for the sign-in token to list them, so navigator group membership cannot be checked; ask your administrator to grant the navigator app role (ENTRA_NAVIGATOR_ROLE) instead of relying on the group";

/** Throws NotANavigatorError unless the token's roles or groups make its holder a navigator. */
export function checkNavigator(entra: EntraConfig, payload: JWTPayload, navigatorId: string): void {
  const { navigatorRole: role, navigatorGroup: group } = entra;
  if (!role && !group) {
    if (entra.allowAllTenantUsers) return;
    // loadConfig refuses this combination; a hand-built config must not open the door either.
    throw new NotANavigatorError(NOT_A_NAVIGATOR, "missing_role_or_group", navigatorId);
  }
  if (role && strings(payload.roles).includes(role)) return;
  // Object ids are GUIDs; compare without regard to case, as Entra ID does.
  if (group && strings(payload.groups).some((g) => g.toLowerCase() === group.toLowerCase())) return;
  if (group && hasGroupOverage(payload)) throw new NotANavigatorError(GROUP_OVERAGE, "groups_overage", navigatorId);
  throw new NotANavigatorError(NOT_A_NAVIGATOR, role && group ? "missing_role_or_group" : role ? "missing_role" : "missing_group", navigatorId);
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
      const id = `entra:${oid}`;
      checkNavigator(entra, payload, id);
      const name = [payload.name, payload.preferred_username, payload.upn].find((v): v is string => typeof v === "string" && v.length > 0);
      return { id, name: name ?? oid, via: "entra" };
    },
  };
}
