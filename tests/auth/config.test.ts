import { describe, expect, it } from "vitest";
import { entraIssuers, entraJwksUrl } from "../../src/auth/entra.js";
import { ConfigError, loadConfig } from "../../src/config.js";

describe("loadConfig: console sign-in", () => {
  it("has Entra ID off by default", () => {
    expect(loadConfig({}).entra).toEqual({ tenantId: "", clientId: "", allowAllTenantUsers: false });
  });

  it("reads tenant, client id, the navigator role and a JWKS override", () => {
    const entra = loadConfig({ ENTRA_TENANT_ID: "t", ENTRA_CLIENT_ID: "c", ENTRA_JWKS_URL: "http://127.0.0.1:9/keys", ENTRA_NAVIGATOR_ROLE: "Lotse.Navigator" }).entra;
    expect(entra).toEqual({ tenantId: "t", clientId: "c", jwksUrl: "http://127.0.0.1:9/keys", navigatorRole: "Lotse.Navigator", allowAllTenantUsers: false });
    expect(entraJwksUrl(entra)).toBe("http://127.0.0.1:9/keys");
  });

  it("derives the tenant's key set and issuers", () => {
    const entra = loadConfig({ ENTRA_TENANT_ID: "tenant-1", ENTRA_CLIENT_ID: "c", ENTRA_NAVIGATOR_ROLE: "r" }).entra;
    expect(entraJwksUrl(entra)).toBe("https://login.microsoftonline.com/tenant-1/discovery/v2.0/keys");
    expect(entraIssuers("tenant-1")).toEqual(["https://login.microsoftonline.com/tenant-1/v2.0", "https://sts.windows.net/tenant-1/"]);
  });

  it("names the variable that is missing or wrong", () => {
    expect(() => loadConfig({ ENTRA_TENANT_ID: "t" })).toThrow(/ENTRA_CLIENT_ID: is required when ENTRA_TENANT_ID is set/);
    expect(() => loadConfig({ ENTRA_CLIENT_ID: "c" })).toThrow(/ENTRA_TENANT_ID: is required when ENTRA_CLIENT_ID is set/);
    expect(() => loadConfig({ ENTRA_TENANT_ID: "t", ENTRA_CLIENT_ID: "c", ENTRA_NAVIGATOR_ROLE: "r", ENTRA_JWKS_URL: "ftp://x" })).toThrow(/ENTRA_JWKS_URL: must be an http\(s\) URL/);
  });
});

describe("loadConfig: who counts as a navigator", () => {
  const entra = { ENTRA_TENANT_ID: "t", ENTRA_CLIENT_ID: "c" };
  const group = "3c3c3c3c-2222-4333-8444-555566667777";

  it("refuses to start with Entra ID but neither role nor group: every user of the tenant would get in", () => {
    expect(() => loadConfig(entra)).toThrow(ConfigError);
    expect(() => loadConfig(entra)).toThrow(/ENTRA_NAVIGATOR_ROLE: is required with ENTRA_TENANT_ID: set ENTRA_NAVIGATOR_ROLE .* ENTRA_NAVIGATOR_GROUP .* or ENTRA_ALLOW_ALL_TENANT_USERS=true/);
    expect(() => loadConfig({ ...entra, ENTRA_ALLOW_ALL_TENANT_USERS: "false" })).toThrow(/ENTRA_NAVIGATOR_ROLE: is required/);
  });

  it("lets every user of the tenant in only when told so explicitly", () => {
    expect(loadConfig({ ...entra, ENTRA_ALLOW_ALL_TENANT_USERS: "true" }).entra).toMatchObject({ allowAllTenantUsers: true });
    expect(() => loadConfig({ ...entra, ENTRA_ALLOW_ALL_TENANT_USERS: "yes" })).toThrow(/ENTRA_ALLOW_ALL_TENANT_USERS: must be true or false/);
  });

  it("accepts a role, a group or both", () => {
    expect(loadConfig({ ...entra, ENTRA_NAVIGATOR_GROUP: group }).entra).toMatchObject({ navigatorGroup: group, allowAllTenantUsers: false });
    expect(loadConfig({ ...entra, ENTRA_NAVIGATOR_ROLE: "Lotse.Navigator", ENTRA_NAVIGATOR_GROUP: group }).entra).toMatchObject({
      navigatorRole: "Lotse.Navigator",
      navigatorGroup: group,
    });
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ["a group that is not an object id", { ...entra, ENTRA_NAVIGATOR_GROUP: "Lotsen-Team" }, /ENTRA_NAVIGATOR_GROUP: must be the group's object id/],
    ["a role with spaces (a display name, not the value)", { ...entra, ENTRA_NAVIGATOR_ROLE: "Lotse Navigator" }, /ENTRA_NAVIGATOR_ROLE: must be the app role's value/],
    ["a huge role", { ...entra, ENTRA_NAVIGATOR_ROLE: "r".repeat(300) }, /ENTRA_NAVIGATOR_ROLE: must be at most 250 characters/],
    ["a role and allow-all together", { ...entra, ENTRA_NAVIGATOR_ROLE: "r", ENTRA_ALLOW_ALL_TENANT_USERS: "true" }, /ENTRA_ALLOW_ALL_TENANT_USERS: contradicts/],
    ["a role without Entra ID", { ENTRA_NAVIGATOR_ROLE: "r" }, /ENTRA_NAVIGATOR_ROLE: only applies with ENTRA_TENANT_ID/],
    ["a group without Entra ID", { ENTRA_NAVIGATOR_GROUP: group }, /ENTRA_NAVIGATOR_GROUP: only applies with ENTRA_TENANT_ID/],
  ])("refuses %s", (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("needs no role for personal API tokens only (no Entra ID)", () => {
    expect(() => loadConfig({})).not.toThrow();
  });
});
