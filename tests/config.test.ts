import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

describe("loadConfig: bot credentials", () => {
  it("runs unauthenticated without an app id", () => {
    expect(loadConfig({}).bot).toEqual({ appId: "", appPassword: "", appType: "MultiTenant", appTenantId: "" });
  });

  it("reads the Bot Framework variables", () => {
    const env = { MicrosoftAppId: "id", MicrosoftAppPassword: "pw", MicrosoftAppType: "SingleTenant", MicrosoftAppTenantId: "tenant" };
    expect(loadConfig(env).bot).toEqual({ appId: "id", appPassword: "pw", appType: "SingleTenant", appTenantId: "tenant" });
  });

  it("names the variable that is missing or wrong", () => {
    expect(() => loadConfig({ MicrosoftAppId: "id" })).toThrow(ConfigError);
    expect(() => loadConfig({ MicrosoftAppId: "id" })).toThrow(/MicrosoftAppPassword: is required when MicrosoftAppId is set/);
    expect(() => loadConfig({ MicrosoftAppId: "id", MicrosoftAppPassword: "pw", MicrosoftAppType: "SingleTenant" })).toThrow(/MicrosoftAppTenantId: is required/);
    expect(() => loadConfig({ MicrosoftAppType: "Other" })).toThrow(/MicrosoftAppType:/);
  });
});
