import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

describe("loadConfig: bot credentials", () => {
  const DEFAULTS = {
    clientId: "",
    clientSecret: "",
    tenantId: "",
    authType: "ClientSecret",
    certPemFile: "",
    certKeyFile: "",
    openIdMetadataUrl: "https://login.botframework.com/v1/.well-known/openidconfiguration",
    entraOpenIdMetadataUrl: "",
  };

  it("runs unauthenticated without a client id", () => {
    expect(loadConfig({}).bot).toEqual(DEFAULTS);
  });

  it("reads the Agents SDK's variables, in any case as the SDK does", () => {
    expect(loadConfig({ clientId: "id", clientSecret: "pw", tenantId: "tenant" }).bot).toMatchObject({ clientId: "id", clientSecret: "pw", tenantId: "tenant", authType: "ClientSecret" });
    expect(loadConfig({ CLIENTID: "id", AUTHTYPE: "UserManagedIdentity", TENANTID: "t" }).bot).toMatchObject({ clientId: "id", authType: "UserManagedIdentity", tenantId: "t" });
    expect(loadConfig({ clientId: "id", authType: "SystemManagedIdentity", tenantId: "t" }).bot.authType).toBe("SystemManagedIdentity");
    expect(loadConfig({ clientId: "id", authType: "Certificate", tenantId: "t", certPemFile: "/c.pem", certKeyFile: "/c.key" }).bot).toMatchObject({ certPemFile: "/c.pem", certKeyFile: "/c.key" });
  });

  it("still reads the Bot Framework variables and maps them", () => {
    const env = { MicrosoftAppId: "id", MicrosoftAppPassword: "pw", MicrosoftAppType: "SingleTenant", MicrosoftAppTenantId: "tenant" };
    expect(loadConfig(env).bot).toEqual({ ...DEFAULTS, clientId: "id", clientSecret: "pw", authType: "ClientSecret", tenantId: "tenant" });
    expect(loadConfig({ MicrosoftAppId: "id", MicrosoftAppPassword: "pw" }).bot).toMatchObject({ clientId: "id", tenantId: "", authType: "ClientSecret" });
    expect(loadConfig({ MicrosoftAppId: "id", MicrosoftAppType: "UserAssignedMSI", MicrosoftAppTenantId: "t" }).bot).toMatchObject({ authType: "UserManagedIdentity" });
  });

  it("takes both names when they agree and refuses them when they differ", () => {
    expect(loadConfig({ clientId: "id", MicrosoftAppId: "id", clientSecret: "pw" }).bot.clientId).toBe("id");
    expect(loadConfig({ clientId: "id", clientSecret: "pw", MicrosoftAppType: "MultiTenant" }).bot.authType).toBe("ClientSecret");
    expect(() => loadConfig({ clientId: "new", MicrosoftAppId: "old", clientSecret: "pw" })).toThrow(/clientId and MicrosoftAppId are both set and differ \(new vs old\); set only clientId/);
    expect(() => loadConfig({ clientId: "id", clientSecret: "a", MicrosoftAppPassword: "b" })).toThrow(ConfigError);
    // A secret is never echoed in the message.
    expect(() => loadConfig({ clientId: "id", clientSecret: "a-secret", MicrosoftAppPassword: "b-secret" })).not.toThrow(/a-secret|b-secret/);
    expect(() => loadConfig({ clientId: "id", authType: "UserManagedIdentity", tenantId: "t", MicrosoftAppType: "SingleTenant" })).toThrow(/authType and MicrosoftAppType are both set and differ/);
  });

  it("names the variable that is missing or wrong", () => {
    expect(() => loadConfig({ MicrosoftAppId: "id" })).toThrow(ConfigError);
    expect(() => loadConfig({ MicrosoftAppId: "id" })).toThrow(/clientSecret: is required when clientId is set/);
    expect(() => loadConfig({ clientId: "id", authType: "UserManagedIdentity" })).toThrow(/tenantId: is required for authType UserManagedIdentity/);
    expect(() => loadConfig({ clientId: "id", authType: "Certificate", tenantId: "t" })).toThrow(/certPemFile: is required/);
    expect(() => loadConfig({ authType: "Password" })).toThrow(/authType:/);
    expect(() => loadConfig({ MicrosoftAppType: "Other" })).toThrow(/MicrosoftAppType: must be MultiTenant, SingleTenant or UserAssignedMSI/);
    expect(() => loadConfig({ BOT_OPENID_METADATA_URL: "not a url" })).toThrow(/BOT_OPENID_METADATA_URL:/);
  });
});

describe("loadConfig: abuse limits", () => {
  it("has per-minute limits and ticket limits by default, and no trusted proxy", () => {
    const c = loadConfig({});
    expect(c.rateLimit).toEqual({ askPerMinute: 30, tokensPerMinute: 10, activitiesPerMinuteIp: 120, activitiesPerMinuteConversation: 30 });
    expect(c.handoff).toMatchObject({ ticketsPerContactPerDay: 3, ticketsPerDay: 500 });
    expect(c.trustProxy).toBe(false);
  });

  it("reads the limit variables", () => {
    const c = loadConfig({
      RATE_LIMIT_ASK_PER_MINUTE: "5",
      RATE_LIMIT_TOKENS_PER_MINUTE: "2",
      RATE_LIMIT_ACTIVITIES_PER_MINUTE_IP: "60",
      RATE_LIMIT_ACTIVITIES_PER_MINUTE_CONVERSATION: "12",
      TICKETS_PER_CONTACT_PER_DAY: "1",
      TICKETS_PER_DAY: "50",
    });
    expect(c.rateLimit).toEqual({ askPerMinute: 5, tokensPerMinute: 2, activitiesPerMinuteIp: 60, activitiesPerMinuteConversation: 12 });
    expect(c.handoff).toMatchObject({ ticketsPerContactPerDay: 1, ticketsPerDay: 50 });
  });

  it.each([
    ["RATE_LIMIT_ASK_PER_MINUTE", "0"],
    ["RATE_LIMIT_ASK_PER_MINUTE", "ten"],
    ["RATE_LIMIT_TOKENS_PER_MINUTE", "2.5"],
    ["RATE_LIMIT_ACTIVITIES_PER_MINUTE_IP", "-1"],
    ["RATE_LIMIT_ACTIVITIES_PER_MINUTE_CONVERSATION", "0"],
    ["TICKETS_PER_CONTACT_PER_DAY", "0"],
    ["TICKETS_PER_DAY", "many"],
  ])("names %s=%s as wrong", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^invalid configuration:\\n  ${name}: `));
  });

  it.each([
    ["true", true],
    ["false", false],
    ["127.0.0.1", ["127.0.0.1"]],
    ["10.0.0.0/8, 192.168.1.1, ::1, fd00::/8", ["10.0.0.0/8", "192.168.1.1", "::1", "fd00::/8"]],
    ["loopback,uniquelocal", ["loopback", "uniquelocal"]],
  ])("TRUST_PROXY=%s is passed to Fastify as %j", (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each([
    ["1", /TRUST_PROXY: a hop count is not supported/],
    ["yes", /TRUST_PROXY: must be true, false or a comma-separated list of proxy addresses \/ CIDR ranges; not "yes"/],
    ["10.0.0.0/33", /not "10.0.0.0\/33"/],
    ["10.0.0.1,,10.0.0.2", /not ""/],
    ["proxy.example.org", /not "proxy.example.org"/],
  ])("refuses TRUST_PROXY=%s with a message naming it", (value, message) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(message);
  });
});

describe("loadConfig: web widget and operator", () => {
  const SECURED = { MicrosoftAppId: "app", MicrosoftAppPassword: "secret" };

  it("lets any site frame the widget in local mode, and none by default with an app id", () => {
    expect(loadConfig({}).widget.origins).toEqual(["*"]);
    expect(loadConfig(SECURED).widget.origins).toEqual([]);
  });

  it("reads WIDGET_ORIGINS as a list of origins, normalised", () => {
    const c = loadConfig({ ...SECURED, WIDGET_ORIGINS: " https://www.Willkommensnetz.example , http://localhost:8080/,https://verein.example:8443" });
    expect(c.widget.origins).toEqual(["https://www.willkommensnetz.example", "http://localhost:8080", "https://verein.example:8443"]);
  });

  it.each([
    ["https://verein.example/seite", /WIDGET_ORIGINS: "https:\/\/verein.example\/seite" is not an origin such as https:\/\/www.example.org/],
    ["verein.example", /WIDGET_ORIGINS: "verein.example" is not an origin/],
    ["ftp://verein.example", /WIDGET_ORIGINS: "ftp:\/\/verein.example" is not an origin/],
    ["https://user@verein.example", /WIDGET_ORIGINS: "https:\/\/user@verein.example" is not an origin/],
    ["https://verein.example?x=1", /is not an origin/],
    ["*, https://verein.example", /WIDGET_ORIGINS: "\*" \(any site\) must stand alone/],
  ])("refuses WIDGET_ORIGINS=%s with a message naming it", (value, message) => {
    expect(() => loadConfig({ WIDGET_ORIGINS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ WIDGET_ORIGINS: value })).toThrow(message);
  });

  it("refuses * once an app id is set: a public deployment names its partners", () => {
    expect(loadConfig({ WIDGET_ORIGINS: "*" }).widget.origins).toEqual(["*"]);
    expect(() => loadConfig({ ...SECURED, WIDGET_ORIGINS: "*" })).toThrow(/WIDGET_ORIGINS: "\*" \(any site\) is only allowed in local mode, without MicrosoftAppId/);
  });

  it("names Jobcenter Wuppertal as the operator and leaves every contact empty unless configured", () => {
    expect(loadConfig({}).operator).toEqual({ name: "Jobcenter Wuppertal AöR", address: "", email: "", dpoEmail: "" });
    const env = { OPERATOR_NAME: "Stadt Wuppertal", OPERATOR_ADDRESS: "Beispielstraße 1, 42103 Wuppertal", OPERATOR_EMAIL: "lotse@example.org", OPERATOR_DPO_EMAIL: "dsb@example.org" };
    expect(loadConfig(env).operator).toEqual({ name: "Stadt Wuppertal", address: "Beispielstraße 1, 42103 Wuppertal", email: "lotse@example.org", dpoEmail: "dsb@example.org" });
  });

  it.each(["OPERATOR_EMAIL", "OPERATOR_DPO_EMAIL"])("refuses a %s that is not an e-mail address", (name) => {
    expect(() => loadConfig({ [name]: "datenschutz at example" })).toThrow(new RegExp(`^invalid configuration:\\n  ${name}: `));
  });
});

describe("loadConfig: database", () => {
  it("uses SQLite in DATA_DIR unless DATABASE_URL names a PostgreSQL server", () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(loadConfig({}).databasePoolSize).toBe(10);
    const pg = loadConfig({ DATABASE_URL: "postgres://lotse:geheim@db.intern:5432/lotse", DATABASE_POOL_SIZE: "20" });
    expect(pg.databaseUrl).toBe("postgres://lotse:geheim@db.intern:5432/lotse");
    expect(pg.databasePoolSize).toBe(20);
    expect(loadConfig({ DATABASE_URL: "postgresql://127.0.0.1/lotse" }).databaseUrl).toBe("postgresql://127.0.0.1/lotse");
  });

  it("refuses a URL of another database, an empty pool and a URL with spaces, naming the variable", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://root@127.0.0.1/lotse" })).toThrow(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(() => loadConfig({ DATABASE_URL: "postgres://a b@host/db" })).toThrow(/DATABASE_URL:/);
    expect(() => loadConfig({ DATABASE_URL: "postgres://host/db", DATABASE_POOL_SIZE: "0" })).toThrow(/DATABASE_POOL_SIZE:/);
    expect(() => loadConfig({ DATABASE_URL: "postgres://host/db", DATABASE_POOL_SIZE: "many" })).toThrow(/DATABASE_POOL_SIZE:/);
  });
});
