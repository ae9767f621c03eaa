import { describe, expect, it } from "vitest";
import { entraIssuers, entraJwksUrl } from "../../src/auth/entra.js";
import { loadConfig } from "../../src/config.js";

describe("loadConfig: console sign-in", () => {
  it("has Entra ID off by default", () => {
    expect(loadConfig({}).entra).toEqual({ tenantId: "", clientId: "" });
  });

  it("reads tenant, client id and a JWKS override", () => {
    const entra = loadConfig({ ENTRA_TENANT_ID: "t", ENTRA_CLIENT_ID: "c", ENTRA_JWKS_URL: "http://127.0.0.1:9/keys" }).entra;
    expect(entra).toEqual({ tenantId: "t", clientId: "c", jwksUrl: "http://127.0.0.1:9/keys" });
    expect(entraJwksUrl(entra)).toBe("http://127.0.0.1:9/keys");
  });

  it("derives the tenant's key set and issuers", () => {
    const entra = loadConfig({ ENTRA_TENANT_ID: "tenant-1", ENTRA_CLIENT_ID: "c" }).entra;
    expect(entraJwksUrl(entra)).toBe("https://login.microsoftonline.com/tenant-1/discovery/v2.0/keys");
    expect(entraIssuers("tenant-1")).toEqual(["https://login.microsoftonline.com/tenant-1/v2.0", "https://sts.windows.net/tenant-1/"]);
  });

  it("names the variable that is missing or wrong", () => {
    expect(() => loadConfig({ ENTRA_TENANT_ID: "t" })).toThrow(/ENTRA_CLIENT_ID: is required when ENTRA_TENANT_ID is set/);
    expect(() => loadConfig({ ENTRA_CLIENT_ID: "c" })).toThrow(/ENTRA_TENANT_ID: is required when ENTRA_CLIENT_ID is set/);
    expect(() => loadConfig({ ENTRA_TENANT_ID: "t", ENTRA_CLIENT_ID: "c", ENTRA_JWKS_URL: "ftp://x" })).toThrow(/ENTRA_JWKS_URL: must be an http\(s\) URL/);
  });
});
