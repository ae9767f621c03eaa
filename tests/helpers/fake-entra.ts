/**
 * A stand-in for Microsoft Entra ID: a locally generated RS256 key set served over HTTP like
 * the tenant's JWKS endpoint, and a signer for tokens as Teams SSO would hand them out.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";

export const TENANT_ID = "0f3c2b1a-1111-4222-8333-444455556666";
export const CLIENT_ID = "7d6c5b4a-aaaa-4bbb-8ccc-ddddeeeeffff";
export const OTHER_TENANT_ID = "99999999-9999-4999-8999-999999999999";
/** The app role Lotse is configured to require (ENTRA_NAVIGATOR_ROLE); `sign()` grants it by default. */
export const NAVIGATOR_ROLE = "Lotse.Navigator";
/** A navigators' security group, for tests that configure ENTRA_NAVIGATOR_GROUP. */
export const NAVIGATOR_GROUP = "3c3c3c3c-2222-4333-8444-555566667777";

export interface FakeEntra {
  jwksUrl: string;
  /** Environment for loadConfig that makes Lotse trust this key set, for holders of NAVIGATOR_ROLE. */
  env: Record<string, string>;
  /** A valid token for the console (with the navigator role) unless `claims` or `options` say otherwise. */
  sign(claims?: JWTPayload, options?: { forged?: boolean; expiresIn?: string | number; alg?: "RS256" | "HS256" }): Promise<string>;
  /** How often the key set was fetched. */
  fetches(): number;
  close(): Promise<void>;
}

export async function startFakeEntra(): Promise<FakeEntra> {
  const real = await generateKeyPair("RS256");
  // Same kid, not published: a token signed with it is a forgery.
  const forger = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(real.publicKey)), kid: "lotse-test-key", alg: "RS256", use: "sig" };
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    if (req.url !== "/discovery/v2.0/keys") {
      res.writeHead(404).end();
      return;
    }
    fetches++;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const jwksUrl = `http://127.0.0.1:${port}/discovery/v2.0/keys`;

  return {
    jwksUrl,
    env: { ENTRA_TENANT_ID: TENANT_ID, ENTRA_CLIENT_ID: CLIENT_ID, ENTRA_JWKS_URL: jwksUrl, ENTRA_NAVIGATOR_ROLE: NAVIGATOR_ROLE },
    async sign(claims = {}, options = {}) {
      const payload: JWTPayload = {
        aud: `api://lotse.example.org/${CLIENT_ID}`,
        iss: `https://sts.windows.net/${TENANT_ID}/`,
        tid: TENANT_ID,
        oid: "5a5a5a5a-0000-4000-8000-000000000001",
        name: "Anna Lotsin",
        preferred_username: "anna@jobcenter.example",
        scp: "access_as_user",
        roles: [NAVIGATOR_ROLE],
        ver: "1.0",
        ...claims,
      };
      if (options.alg === "HS256") {
        return new SignJWT(payload)
          .setProtectedHeader({ alg: "HS256", kid: jwk.kid })
          .setIssuedAt()
          .setExpirationTime(options.expiresIn ?? "1h")
          .sign(new TextEncoder().encode("a shared secret that nobody should accept at all"));
      }
      const key: CryptoKey = options.forged ? forger.privateKey : real.privateKey;
      return new SignJWT(payload)
        .setProtectedHeader({ alg: "RS256", kid: jwk.kid, typ: "JWT" })
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? "1h")
        .sign(key);
    },
    fetches: () => fetches,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
