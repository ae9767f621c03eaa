import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiTokenStore } from "../../src/auth/api-tokens.js";
import { createAuthenticator, type Authenticator } from "../../src/auth/authenticate.js";
import { checkNavigator } from "../../src/auth/entra.js";
import { AuthError, NotANavigatorError } from "../../src/auth/navigator.js";
import { loadConfig } from "../../src/config.js";
import { openDatabase, type LotseDatabase } from "../../src/storage/database.js";
import { CLIENT_ID, NAVIGATOR_GROUP, OTHER_TENANT_ID, startFakeEntra, TENANT_ID, type FakeEntra } from "../helpers/fake-entra.js";

let entra: FakeEntra;
let auth: Authenticator;
let tokens: ApiTokenStore;
let database: LotseDatabase;

beforeAll(async () => {
  entra = await startFakeEntra();
  database = await openDatabase({ dataDir: ":memory:" });
  tokens = new ApiTokenStore(database.db);
  auth = createAuthenticator(tokens, loadConfig(entra.env).entra);
});
afterAll(async () => {
  await entra.close();
  await database.close();
});

const bearer = (t: string) => `Bearer ${t}`;
async function reason(authorization: string | undefined): Promise<string> {
  try {
    await auth.authenticate(authorization);
  } catch (err) {
    if (err instanceof AuthError) return err.reason;
    throw err;
  }
  return "accepted";
}

describe("an Entra ID token", () => {
  it("is accepted when signed by the tenant's key for the console app", async () => {
    await expect(auth.authenticate(bearer(await entra.sign()))).resolves.toEqual({
      id: "entra:5a5a5a5a-0000-4000-8000-000000000001",
      name: "Anna Lotsin",
      via: "entra",
    });
  });

  it("is accepted in its v2 form (bare client id as audience)", async () => {
    const token = await entra.sign({ aud: CLIENT_ID, iss: `https://login.microsoftonline.com/${TENANT_ID}/v2.0`, ver: "2.0" });
    await expect(auth.authenticate(bearer(token))).resolves.toMatchObject({ via: "entra" });
  });

  it.each([
    ["a forged signature", () => entra.sign({}, { forged: true }), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"],
    ["an expired token", () => entra.sign({}, { expiresIn: Math.floor(Date.now() / 1000) - 3600 }), "ERR_JWT_EXPIRED"],
    ["another tenant's issuer", () => entra.sign({ iss: `https://sts.windows.net/${OTHER_TENANT_ID}/`, tid: OTHER_TENANT_ID }), "ERR_JWT_CLAIM_VALIDATION_FAILED"],
    ["another tenant in tid", () => entra.sign({ tid: OTHER_TENANT_ID }), "wrong_tenant"],
    ["another app as audience", () => entra.sign({ aud: "api://lotse.example.org/00000000-0000-4000-8000-000000000000" }), "wrong_audience"],
    ["Microsoft Graph as audience", () => entra.sign({ aud: "https://graph.microsoft.com" }), "wrong_audience"],
    ["HS256 instead of RS256", () => entra.sign({}, { alg: "HS256" }), "ERR_JOSE_ALG_NOT_ALLOWED"],
    ["no tid claim", () => entra.sign({ tid: undefined }), "ERR_JWT_CLAIM_VALIDATION_FAILED"],
  ])("is refused with %s", async (_name, token, expected) => {
    expect(await reason(bearer(await token()))).toBe(expected);
  });

  it("is refused with 403 when it lacks the navigator role, whatever else it carries", async () => {
    for (const claims of [{ roles: undefined }, { roles: [] }, { roles: ["Lotse.Reader"] }, { roles: "Lotse.Navigator" }, { roles: ["lotse.navigator"] }, { groups: [NAVIGATOR_GROUP], roles: undefined }]) {
      await expect(auth.authenticate(bearer(await entra.sign(claims))), JSON.stringify(claims)).rejects.toMatchObject({
        name: "NotANavigatorError",
        status: 403,
        reason: "missing_role",
        navigatorId: "entra:5a5a5a5a-0000-4000-8000-000000000001",
      });
    }
  });

  it("is refused with 401, not 403, when it is invalid and lacks the role as well", async () => {
    await expect(auth.authenticate(bearer(await entra.sign({ roles: undefined }, { forged: true })))).rejects.toMatchObject({ status: 401 });
  });

  it("is refused when Entra ID is not configured", async () => {
    const plain = createAuthenticator(tokens, loadConfig({}).entra);
    expect(plain.entraEnabled).toBe(false);
    await expect(plain.authenticate(bearer(await entra.sign()))).rejects.toMatchObject({ reason: "entra_not_configured" });
  });
});

describe("checkNavigator", () => {
  const base = loadConfig(entraEnv()).entra;
  function entraEnv(extra: Record<string, string> = {}) {
    return { ENTRA_TENANT_ID: TENANT_ID, ENTRA_CLIENT_ID: CLIENT_ID, ENTRA_NAVIGATOR_ROLE: "Lotse.Navigator", ...extra };
  }
  const outcome = (entraConfig: typeof base, payload: Record<string, unknown>): string => {
    try {
      checkNavigator(entraConfig, payload, "entra:x");
      return "navigator";
    } catch (err) {
      if (err instanceof NotANavigatorError) return err.reason;
      throw err;
    }
  };
  const group = { ...base, navigatorRole: undefined, navigatorGroup: NAVIGATOR_GROUP };
  const both = { ...base, navigatorGroup: NAVIGATOR_GROUP };

  it.each<[string, typeof base, Record<string, unknown>, string]>([
    ["the role", base, { roles: ["Other", "Lotse.Navigator"] }, "navigator"],
    ["no role", base, {}, "missing_role"],
    ["the group", group, { groups: ["11111111-1111-4111-8111-111111111111", NAVIGATOR_GROUP] }, "navigator"],
    ["the group in upper case", group, { groups: [NAVIGATOR_GROUP.toUpperCase()] }, "navigator"],
    ["another group", group, { groups: ["11111111-1111-4111-8111-111111111111"] }, "missing_group"],
    ["groups that are not strings", group, { groups: [{ id: NAVIGATOR_GROUP }, 42] }, "missing_group"],
    ["a group overage (v2 _claim_names)", group, { _claim_names: { groups: "src1" }, _claim_sources: { src1: { endpoint: "https://graph.microsoft.com/…" } } }, "groups_overage"],
    ["a group overage (v1 hasgroups)", group, { hasgroups: true }, "groups_overage"],
    ["a group overage, but the role", both, { roles: ["Lotse.Navigator"], _claim_names: { groups: "src1" } }, "navigator"],
    ["the group, but not the role", both, { groups: [NAVIGATOR_GROUP] }, "navigator"],
    ["neither role nor group", both, { roles: ["x"], groups: ["y"] }, "missing_role_or_group"],
    ["a hand-built config with neither and no allow-all", { ...base, navigatorRole: undefined }, { roles: ["Lotse.Navigator"] }, "missing_role_or_group"],
    ["allow-all", { ...base, navigatorRole: undefined, allowAllTenantUsers: true }, {}, "navigator"],
  ])("%s → %s", (_name, entraConfig, payload, expected) => {
    expect(outcome(entraConfig, payload)).toBe(expected);
  });
});

describe("the Authorization header", () => {
  it.each([
    [undefined, "no_token"],
    ["", "no_token"],
    ["Basic dXNlcjpwdw==", "not_bearer"],
    ["Bearer", "not_bearer"],
    ["Bearer a b", "not_bearer"],
    [`Bearer ${"x".repeat(20_000)}`, "too_long"],
    ["Bearer not.a.jwt", "ERR_JWS_INVALID"],
  ])("%j is refused (%s)", async (header, expected) => {
    expect(await reason(header)).toBe(expected);
  });
});

describe("a personal API token", () => {
  it("is accepted until revoked", async () => {
    const { token, info } = await tokens.create("Bernd");
    await expect(auth.authenticate(bearer(token))).resolves.toEqual({ id: `token:${info.id}`, name: "Bernd", via: "token" });
    await tokens.revoke("Bernd");
    expect(await reason(bearer(token))).toBe("revoked_api_token");
  });

  it("is refused with a wrong secret or an unknown id", async () => {
    const { token } = await tokens.create("Clara");
    const wrongSecret = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await reason(bearer(wrongSecret))).toBe("wrong_api_token_secret");
    expect(await reason(bearer(`lotse_000000000000_${"A".repeat(43)}`))).toBe("unknown_api_token");
    expect(await reason(bearer("lotse_short"))).toBe("malformed_api_token");
  });
});
