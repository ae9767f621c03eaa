/**
 * All settings, read from the environment once and validated here; everything else receives
 * the parsed `Config`. Defaults are the embedded ones: SQLite in ./data, the bundled content.
 */
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { parseOfficeHours } from "./handoff/office-hours.js";

const num = (def: number, min: number, max: number) => z.coerce.number().min(min).max(max).default(def);

/** Thresholds of the answer/clarify/none decision, tuned on the dev eval set (`npm run eval`). */
export const DecisionConfig = z.strictObject({
  /** Minimum confidence to answer with the best article. */
  answerMin: num(0.5, 0, 1),
  /** Minimum confidence of the best article to offer candidates instead of saying "none". */
  clarifyMin: num(0.4, 0, 1),
  /** A runner-up ranked within this distance of the best is a close candidate (ask which one). */
  clarifyMargin: num(0.4, 0, 3),
  /** Tie-breaker for articles written for the asker's audience: it can overtake an article ranked at most ln(boost) ahead, never more (1 = off). */
  audienceBoost: num(1.15, 1, 3),
  /**
   * Days an article may stay overdue for review (still answered, with a visible "Stand …"
   * note) before it is withheld and Lotse refers to a navigator instead (src/knowledge/review.ts).
   */
  reviewGraceDays: z.coerce.number().int().min(0).max(3650).default(90),
  /** Articles due for review within this many days are listed as soon due (content:report, console). */
  reviewSoonDays: z.coerce.number().int().min(0).max(365).default(30),
});
export type DecisionConfig = z.infer<typeof DecisionConfig>;

/** How the bot obtains its own tokens: the Microsoft 365 Agents SDK's `AuthType` names. */
export const BOT_AUTH_TYPES = ["ClientSecret", "UserManagedIdentity", "SystemManagedIdentity", "Certificate"] as const;

/**
 * The bot's identity (Azure Bot resource), in the Agents SDK's names. With no client id the bot
 * runs unauthenticated, which is only safe on a developer machine (Bot Framework Emulator).
 * The Bot Framework SDK's `MicrosoftApp*` variables are still read and mapped (loadConfig).
 */
export const BotConfig = z
  .strictObject({
    clientId: z.string().trim().default(""),
    clientSecret: z.string().default(""),
    /** Empty: the legacy multi-tenant registration (tokens from the botframework.com tenant). */
    tenantId: z.string().trim().default(""),
    authType: z.enum(BOT_AUTH_TYPES).default("ClientSecret"),
    certPemFile: z.string().trim().default(""),
    certKeyFile: z.string().trim().default(""),
    /** Where the signing keys of Bot Framework channel tokens are published. */
    openIdMetadataUrl: z.url({ protocol: /^https?$/ }).default("https://login.botframework.com/v1/.well-known/openidconfiguration"),
    /** Same for tokens issued by Entra ID (Emulator, agent-to-agent); empty = derived from tenantId. */
    entraOpenIdMetadataUrl: z.union([z.literal(""), z.url({ protocol: /^https?$/ })]).default(""),
  })
  .superRefine((b, ctx) => {
    if (!b.clientId) return;
    if (b.authType === "ClientSecret" && !b.clientSecret) {
      ctx.addIssue({ code: "custom", path: ["clientSecret"], message: "is required when clientId is set and authType is ClientSecret" });
    }
    if (b.authType === "Certificate") {
      if (!b.certPemFile) ctx.addIssue({ code: "custom", path: ["certPemFile"], message: "is required for authType Certificate" });
      if (!b.certKeyFile) ctx.addIssue({ code: "custom", path: ["certKeyFile"], message: "is required for authType Certificate" });
    }
    if (b.authType !== "ClientSecret" && !b.tenantId) {
      ctx.addIssue({ code: "custom", path: ["tenantId"], message: `is required for authType ${b.authType}` });
    }
  });
export type BotConfig = z.infer<typeof BotConfig>;

/**
 * The Bot Framework SDK's variables, as the Agents SDK's: each maps to one bot setting.
 * MicrosoftAppType=MultiTenant/SingleTenant → ClientSecret (the tenant id tells them apart),
 * UserAssignedMSI → UserManagedIdentity.
 */
const LEGACY_BOT_VARS = {
  MicrosoftAppId: { name: "clientId", map: (v: string) => v },
  MicrosoftAppPassword: { name: "clientSecret", map: (v: string) => v },
  MicrosoftAppTenantId: { name: "tenantId", map: (v: string) => v },
  MicrosoftAppType: {
    name: "authType",
    map: (v: string) => ({ MultiTenant: "ClientSecret", SingleTenant: "ClientSecret", UserAssignedMSI: "UserManagedIdentity" })[v] ?? `invalid:${v}`,
  },
} as const;

/** The Agents SDK's own variable names (its loadAuthConfigFromEnv reads them case-insensitively). */
const BOT_VARS = ["clientId", "clientSecret", "tenantId", "authType", "certPemFile", "certKeyFile"] as const;

/**
 * Bot settings from the environment: the Agents SDK's names win; a Bot Framework name is used
 * when the new one is unset, and both set to different values is a configuration error.
 */
function botSettings(env: NodeJS.ProcessEnv): { bot: Record<string, string>; issues: string[] } {
  const byUpper = new Map(Object.entries(env).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => [k.toUpperCase(), { key: k, value: v! }]));
  const bot: Record<string, string> = {};
  const issues: string[] = [];
  for (const name of BOT_VARS) {
    const found = byUpper.get(name.toUpperCase());
    if (found) bot[name] = found.value;
  }
  for (const [legacy, { name, map }] of Object.entries(LEGACY_BOT_VARS)) {
    const value = env[legacy];
    if (value === undefined || value === "") continue;
    const mapped = map(value);
    if (mapped.startsWith("invalid:")) {
      issues.push(`${legacy}: must be MultiTenant, SingleTenant or UserAssignedMSI (or set authType: ${BOT_AUTH_TYPES.join(", ")})`);
      continue;
    }
    if (bot[name] === undefined) bot[name] = mapped;
    else if (bot[name] !== mapped) {
      const shown = name === "clientSecret" ? "" : ` (${bot[name]} vs ${value})`;
      issues.push(`${name} and ${legacy} are both set and differ${shown}; set only ${name}`);
    }
  }
  if (env.BOT_OPENID_METADATA_URL) bot.openIdMetadataUrl = env.BOT_OPENID_METADATA_URL;
  if (env.BOT_ENTRA_OPENID_METADATA_URL) bot.entraOpenIdMetadataUrl = env.BOT_ENTRA_OPENID_METADATA_URL;
  return { bot, issues };
}

/**
 * Microsoft Entra ID sign-in for the navigator console (Teams SSO). Without a tenant and client
 * id the console accepts only personal API tokens (`npm run navigator -- token create NAME`).
 */
export const EntraConfig = z
  .strictObject({
    /** The directory (tenant) id whose users may use the console; tokens of other tenants are refused. */
    tenantId: z.string().trim().default(""),
    /** The console app registration's client id; tokens must be issued for it (or its `api://…/ID` URI). */
    clientId: z.string().trim().default(""),
    /** Where the signing keys come from; tests point it at a local key set. */
    jwksUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    /** The app role (its value in the token's `roles` claim) that makes a user of the tenant a navigator. */
    navigatorRole: z
      .string()
      .trim()
      .max(250, "must be at most 250 characters")
      .regex(/^[^\s]+$/, "must be the app role's value (no spaces), as it appears in the token's roles claim")
      .optional(),
    /** A security group (its object id, as in the token's `groups` claim) whose members are navigators. */
    navigatorGroup: z.guid({ error: "must be the group's object id (a GUID such as 1b2c3d4e-…)" }).optional(),
    /** Lets every user of the tenant into the console; only when said explicitly (ENTRA_ALLOW_ALL_TENANT_USERS=true). */
    allowAllTenantUsers: z
      .enum(["true", "false"], { error: "must be true or false" })
      .default("false")
      .transform((v) => v === "true"),
  })
  .superRefine((e, ctx) => {
    if (e.tenantId && !e.clientId) ctx.addIssue({ code: "custom", path: ["clientId"], message: "is required when ENTRA_TENANT_ID is set" });
    if (e.clientId && !e.tenantId) ctx.addIssue({ code: "custom", path: ["tenantId"], message: "is required when ENTRA_CLIENT_ID is set" });
    const restricted = !!e.navigatorRole || !!e.navigatorGroup;
    if (!e.tenantId) {
      // Without Entra these would restrict nothing; saying so beats a console that seems protected.
      if (e.navigatorRole) ctx.addIssue({ code: "custom", path: ["navigatorRole"], message: "only applies with ENTRA_TENANT_ID and ENTRA_CLIENT_ID" });
      if (e.navigatorGroup) ctx.addIssue({ code: "custom", path: ["navigatorGroup"], message: "only applies with ENTRA_TENANT_ID and ENTRA_CLIENT_ID" });
      return;
    }
    // Safe default: a tenant has thousands of users, the console shows what people asked.
    if (!restricted && !e.allowAllTenantUsers) {
      ctx.addIssue({
        code: "custom",
        path: ["navigatorRole"],
        message:
          "is required with ENTRA_TENANT_ID: set ENTRA_NAVIGATOR_ROLE (an app role value) and/or ENTRA_NAVIGATOR_GROUP (a group object id) so only navigators may use the console, or ENTRA_ALLOW_ALL_TENANT_USERS=true to let every user of the tenant in",
      });
    }
    if (restricted && e.allowAllTenantUsers) {
      ctx.addIssue({ code: "custom", path: ["allowAllTenantUsers"], message: "contradicts ENTRA_NAVIGATOR_ROLE / ENTRA_NAVIGATOR_GROUP; set one or the other" });
    }
  });
export type EntraConfig = z.infer<typeof EntraConfig>;

/** The handoff to a navigator: office hours, retention, the public way to reach the navigators. */
export const HandoffConfig = z
  .strictObject({
    /** Closed tickets and their transcripts are deleted this many days after closing. */
    retentionDays: z.coerce.number().int().min(1).max(3650).default(90),
    /** When the navigators work, e.g. "Mo-Fr 08:00-16:00" or "Mo-Do 08:00-16:00; Fr 08:00-12:00". */
    officeHours: z.string().trim().default("Mo-Fr 08:00-16:00"),
    /** Time zone of the office hours (IANA name). */
    timeZone: z.string().trim().default("Europe/Berlin"),
    /** Shown to people who do not consent to storing their details (public phone of the navigator service). */
    publicPhone: z.string().trim().max(40).default(""),
    /** Public e-mail address of the navigator service, shown without consent. */
    publicEmail: z.union([z.literal(""), z.email()]).default(""),
    /** Tickets one contact (the normalised e-mail address or phone number) may open within 24 hours. */
    ticketsPerContactPerDay: z.coerce.number().int().min(1).max(1000).default(3),
    /**
     * All tickets within 24 hours: a safety valve against a script inventing contacts. Far above
     * what the navigators can answer in a day, so it only ever stops a flood.
     */
    ticketsPerDay: z.coerce.number().int().min(1).max(1_000_000).default(500),
    /**
     * The navigators' Teams team, fixed: its thread id (`19:…@thread.tacv2`, from "Get link to
     * team") and the tenant it belongs to. Unset: a navigator pairs a team with a one-time code
     * from the console (src/handoff/navigator-pairing.ts). No other team ever receives tickets.
     */
    navigatorTeamId: z
      .string()
      .trim()
      .max(512)
      .regex(/^19:[^\s]+@thread\.[a-z0-9]+$/, "must be the team's thread id such as 19:abc…@thread.tacv2 (in Teams: … → Get link to team, the part after /team/, URL-decoded), not the group's GUID")
      .optional(),
    navigatorTenantId: z.guid({ error: "must be the tenant (directory) id, a GUID such as 1b2c3d4e-…" }).optional(),
  })
  .superRefine((h, ctx) => {
    if (h.navigatorTeamId && !h.navigatorTenantId) ctx.addIssue({ code: "custom", path: ["navigatorTenantId"], message: "is required when NAVIGATOR_TEAM_ID is set" });
    if (h.navigatorTenantId && !h.navigatorTeamId) ctx.addIssue({ code: "custom", path: ["navigatorTeamId"], message: "is required when NAVIGATOR_TENANT_ID is set" });
    try {
      parseOfficeHours(h.officeHours, h.timeZone);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      ctx.addIssue({ code: "custom", path: [/time zone/.test(message) ? "timeZone" : "officeHours"], message });
    }
  });
export type HandoffConfig = z.infer<typeof HandoffConfig>;

/**
 * The generic webhook: each ticket event as a signed JSON POST (X-Lotse-Signature: sha256=HEX,
 * HMAC-SHA256 of the body with the secret), retried with exponential backoff.
 */
export const WebhookConfig = z
  .strictObject({
    url: z.union([z.literal(""), z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })]).default(""),
    secret: z.string().default(""),
    /** Attempts after the first one before the delivery is marked failed. */
    retries: z.coerce.number().int().min(0).max(20).default(5),
    /** Wait before the first retry; doubles with each further one. */
    backoffMs: z.coerce.number().int().min(10).max(3_600_000).default(2000),
    timeoutMs: z.coerce.number().int().min(100).max(60_000).default(10_000),
  })
  .superRefine((w, ctx) => {
    if (w.url && w.secret.length < 16) ctx.addIssue({ code: "custom", path: ["secret"], message: "needs at least 16 characters when WEBHOOK_URL is set" });
  });
export type WebhookConfig = z.infer<typeof WebhookConfig>;

/**
 * Origins allowed to frame the web widget's chat page (CSP frame-ancestors): a comma-separated
 * list of `scheme://host[:port]`, or `*` for any site — only in local mode, where the bot is
 * unauthenticated anyway.
 */
export const WidgetOrigins = z
  .string()
  .trim()
  .transform((value, ctx): string[] => {
    const entries = value.split(",").map((e) => e.trim()).filter(Boolean);
    if (entries.includes("*")) {
      if (entries.length === 1) return ["*"];
      ctx.addIssue({ code: "custom", message: '"*" (any site) must stand alone, not in a list' });
      return z.NEVER;
    }
    const origins: string[] = [];
    for (const entry of entries) {
      let url: URL | undefined;
      try {
        url = new URL(entry);
      } catch {
        url = undefined;
      }
      // An origin is all a browser compares for frame-ancestors: no path, query, or user name.
      if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.pathname !== "/" || url.search || url.hash) {
        ctx.addIssue({ code: "custom", message: `${JSON.stringify(entry)} is not an origin such as https://www.example.org (scheme://host[:port], no path)` });
        return z.NEVER;
      }
      origins.push(url.origin);
    }
    return origins;
  });

/** The web widget for partner websites (/widget.js, /widget/chat). */
export const WidgetConfig = z.strictObject({
  /** Unset: `*` in local mode (no MicrosoftAppId), no other site otherwise. */
  origins: WidgetOrigins.optional(),
});
export type WidgetConfig = z.infer<typeof WidgetConfig>;

const optionalEmail = z.union([z.literal(""), z.email()]).default("");

/**
 * Who runs this Lotse, for the privacy notice at /datenschutz. What is not configured the page
 * does not invent: it refers to the operator's legal notice (Impressum) instead.
 */
export const OperatorConfig = z.strictObject({
  name: z.string().trim().min(1).max(200).default("Jobcenter Wuppertal AöR"),
  /** Postal address in one line, e.g. "Straße 1, 42103 Wuppertal". */
  address: z.string().trim().max(300).default(""),
  email: optionalEmail,
  /** The data protection officer's e-mail address. */
  dpoEmail: optionalEmail,
});
export type OperatorConfig = z.infer<typeof OperatorConfig>;

/**
 * The web channel. Self-hosted by default: Lotse speaks Direct Line 3.0 itself under
 * /v3/directline. With a secret, the widget instead gets its token from Azure's Direct Line
 * (exchanged here, so the secret never reaches a browser) and activities arrive at /api/messages.
 */
export const DirectLineConfig = z.strictObject({
  /** Azure Bot's Direct Line secret; empty = Lotse's own Direct Line. */
  secret: z.string().trim().default(""),
  /** Where the secret is exchanged for a token (Europe region by default, for data residency). */
  endpoint: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .transform((u) => u.replace(/\/+$/, ""))
    .default("https://europe.directline.botframework.com/v3/directline"),
  /**
   * Key that signs Lotse's own Direct Line tokens (at least 32 characters). Unset: a random key
   * is created once in DATA_DIR/directline-signing.key; several nodes must share one key.
   */
  signingKey: z.string().min(32, "must be at least 32 characters").optional(),
});
export type DirectLineConfig = z.infer<typeof DirectLineConfig>;

const perMinute = (def: number) => z.coerce.number().int().min(1).max(1_000_000).default(def);

/**
 * Abuse limits of the public routes (src/server/plugins/rate-limit.ts), per minute, counted in
 * memory per client IP — behind a reverse proxy set TRUST_PROXY, or every client shares the
 * proxy's address — and for chat activities also per conversation.
 */
export const RateLimitConfig = z.strictObject({
  /** POST /api/ask per client IP; a person asks a few questions a minute, bulk use has `npm run ask -- --batch`. */
  askPerMinute: perMinute(30),
  /** Direct Line tokens (a new chat, a token refresh) per client IP. */
  tokensPerMinute: perMinute(10),
  /** Direct Line activities per client IP: all chats behind one address (an office's NAT) together. */
  activitiesPerMinuteIp: perMinute(120),
  /** Direct Line activities per conversation: far more than a person types. */
  activitiesPerMinuteConversation: perMinute(30),
});
export type RateLimitConfig = z.infer<typeof RateLimitConfig>;

const flag = (def: boolean) =>
  z
    .enum(["true", "false"], { error: "must be true or false" })
    .default(def ? "true" : "false")
    .transform((v) => v === "true");

/** Curating the knowledge base in the console (src/curation/): drafts, review, publishing. */
export const CurationConfig = z.strictObject({
  /** Publishing needs a second navigator: the author of a draft cannot approve it (four-eyes principle). */
  fourEyes: flag(true),
  /** When CONTENT_DIR is a git checkout, commit every publish with the author's and reviewer's names. */
  gitCommit: flag(false),
  /** The labelled dev questions "Probefragen" runs besides the draft's own (never the holdout set). */
  evalQuestionsFile: z.string().trim().min(1).default("tests/eval/questions.yaml").transform((p) => path.resolve(p)),
});
export type CurationConfig = z.infer<typeof CurationConfig>;

/** The Teams app package (`npm run teams:package`). */
export const TeamsAppConfig = z.strictObject({
  /**
   * The Teams app id: Teams knows the app by it, so it must stay the same for re-uploads to
   * update the app. Unset: the one kept in DATA_DIR/teams-app-id (created on the first run).
   */
  id: z.guid({ error: "must be the Teams app id, a GUID such as 1b2c3d4e-…" }).optional(),
});
export type TeamsAppConfig = z.infer<typeof TeamsAppConfig>;

/** proxy-addr's names for private ranges, accepted in a TRUST_PROXY list. */
const PROXY_RANGE_NAMES = ["loopback", "linklocal", "uniquelocal"];

function isAddressOrCidr(entry: string): boolean {
  const [address = "", bits, ...rest] = entry.split("/");
  const version = isIP(address);
  if (!version || rest.length) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

/**
 * Which reverse proxies' X-Forwarded-For Fastify believes (its `trustProxy`): the proxies'
 * addresses / CIDR ranges, or `true` (any sender; only when nothing but the proxy can reach
 * Lotse). Believing any sender would let a client pretend to be anyone and dodge the limits.
 * No hop count: Fastify 5.12 ignores one (it cannot tell the proxy from a direct client).
 */
export const TrustProxy = z
  .string()
  .trim()
  .transform((value, ctx): boolean | string[] => {
    if (value === "true") return true;
    if (value === "false") return false;
    if (/^\d+$/.test(value)) {
      ctx.addIssue({ code: "custom", message: "a hop count is not supported (Fastify ignores it); give the proxy's addresses or CIDR ranges, e.g. 10.0.0.0/8" });
      return z.NEVER;
    }
    const entries = value.split(",").map((e) => e.trim());
    const bad = entries.filter((e) => !PROXY_RANGE_NAMES.includes(e) && !isAddressOrCidr(e));
    if (bad.length === 0) return entries;
    ctx.addIssue({
      code: "custom",
      message: `must be true, false or a comma-separated list of proxy addresses / CIDR ranges; not ${bad.map((b) => JSON.stringify(b)).join(", ")}`,
    });
    return z.NEVER;
  });
export type TrustProxy = z.infer<typeof TrustProxy>;

/**
 * Who may read /metrics (src/server/plugins/metrics.ts): a bearer token and/or client networks
 * (req.ip, so behind a proxy TRUST_PROXY decides). Neither set: the route does not exist (404).
 */
export const MetricsConfig = z.strictObject({
  /** METRICS_TOKEN: long enough not to be guessed; "" = no token. */
  token: z.union([z.literal(""), z.string().min(24, "must be at least 24 characters").max(512)]).default(""),
  /** METRICS_ALLOW_CIDRS: comma-separated addresses / CIDR ranges, e.g. 127.0.0.1/32,10.0.0.0/8. */
  allowCidrs: z
    .string()
    .trim()
    .max(4096)
    .transform((value, ctx): string[] => {
      if (!value) return [];
      const entries = value.split(",").map((e) => e.trim());
      const bad = entries.filter((e) => !isAddressOrCidr(e));
      if (bad.length === 0) return entries;
      ctx.addIssue({ code: "custom", message: `must be a comma-separated list of addresses / CIDR ranges; not ${bad.map((b) => JSON.stringify(b)).join(", ")}` });
      return z.NEVER;
    })
    .default([]),
});
export type MetricsConfig = z.infer<typeof MetricsConfig>;

/**
 * Lotse's address as the world sees it (`https://lotse.example.org`, or with a path behind a
 * reverse proxy): the base of links that are opened outside Lotse's own pages, such as the
 * article link on a Teams message-extension card (GET /artikel/:id). No query, fragment or
 * credentials; a trailing slash is dropped.
 */
export const PublicUrl = z.union([
  z.literal(""),
  z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://lotse.example.org" })
    .max(2048)
    .refine((u) => {
      // Runs even when the URL check above failed (zod reports every issue): parse defensively.
      const url = URL.canParse(u) ? new URL(u) : undefined;
      return !url || (!url.search && !url.hash && !url.username && !url.password);
    }, "must be scheme://host[:port][/path], without query, fragment or credentials")
    .transform((u) => u.replace(/\/+$/, "")),
]);

export const Config = z.strictObject({
  host: z.string().min(1).default("127.0.0.1"),
  port: z.coerce.number().int().min(0).max(65535).default(3978),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Where SQLite and the serialised search index live. */
  dataDir: z.string().min(1).default("./data"),
  /**
   * PostgreSQL instead of the SQLite file, for several nodes sharing one database
   * (postgres://user:password@host:5432/db). Unset: SQLite in DATA_DIR.
   */
  databaseUrl: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/[^\s]+$/, "must be a postgres:// or postgresql:// URL")
    .optional(),
  /**
   * Connections each node keeps to PostgreSQL. A turn holds one for the conversation lock while
   * it runs, so at least 4: locks may take half, the queries and jobs need the rest.
   */
  databasePoolSize: z.coerce.number().int().min(4).max(100).default(10),
  /** The knowledge base (articles, contacts, synonyms). */
  contentDir: z.string().min(1).default("./content"),
  /** Watch CONTENT_DIR and swap in changed content without a restart (src/knowledge/live.ts). */
  contentWatch: flag(true),
  /** Besides watching, re-hash CONTENT_DIR this often, for file events that never arrive (network mounts); 0 = off. */
  contentPollSeconds: z.coerce.number().int().min(0).max(86_400).default(10),
  decision: DecisionConfig,
  bot: BotConfig,
  entra: EntraConfig,
  handoff: HandoffConfig,
  webhook: WebhookConfig,
  widget: WidgetConfig,
  operator: OperatorConfig,
  directLine: DirectLineConfig,
  rateLimit: RateLimitConfig,
  curation: CurationConfig,
  teamsApp: TeamsAppConfig,
  /** Fastify's `trustProxy`: whose X-Forwarded-For counts as the client's address (limits are per client). */
  trustProxy: TrustProxy.default(false),
  /** Where people reach Lotse from outside, for links opened elsewhere (see PublicUrl, publicBaseUrl). */
  publicUrl: PublicUrl.default(""),
  /** Serve the OpenAPI document of the HTTP API at /docs (Swagger UI) and /docs/json. */
  openapiEnabled: flag(true),
  /** Who may scrape /metrics; off (404) unless a token or networks are configured. */
  metrics: MetricsConfig,
})
  // The widget's default and its one cross-field rule need the app id.
  .transform((c, ctx) => {
    const origins = c.widget.origins ?? (c.bot.clientId ? [] : ["*"]);
    if (c.bot.clientId && origins.includes("*")) {
      ctx.addIssue({ code: "custom", path: ["widget", "origins"], message: '"*" (any site) is only allowed in local mode, without MicrosoftAppId / clientId; list the partner sites\' origins' });
      return z.NEVER;
    }
    return { ...c, widget: { ...c.widget, origins } };
  });
export type Config = z.infer<typeof Config>;

/** Maps environment variable names to config paths; documented in README.md. */
export const ENV_VARS = {
  HOST: "host",
  PORT: "port",
  LOG_LEVEL: "logLevel",
  DATA_DIR: "dataDir",
  DATABASE_URL: "databaseUrl",
  DATABASE_POOL_SIZE: "databasePoolSize",
  CONTENT_DIR: "contentDir",
  CONTENT_WATCH: "contentWatch",
  CONTENT_POLL_SECONDS: "contentPollSeconds",
  ANSWER_MIN_CONFIDENCE: "decision.answerMin",
  CLARIFY_MIN_CONFIDENCE: "decision.clarifyMin",
  CLARIFY_MARGIN: "decision.clarifyMargin",
  AUDIENCE_BOOST: "decision.audienceBoost",
  REVIEW_GRACE_DAYS: "decision.reviewGraceDays",
  REVIEW_SOON_DAYS: "decision.reviewSoonDays",
  ENTRA_TENANT_ID: "entra.tenantId",
  ENTRA_CLIENT_ID: "entra.clientId",
  ENTRA_JWKS_URL: "entra.jwksUrl",
  ENTRA_NAVIGATOR_ROLE: "entra.navigatorRole",
  ENTRA_NAVIGATOR_GROUP: "entra.navigatorGroup",
  ENTRA_ALLOW_ALL_TENANT_USERS: "entra.allowAllTenantUsers",
  RETENTION_DAYS: "handoff.retentionDays",
  OFFICE_HOURS: "handoff.officeHours",
  OFFICE_TIMEZONE: "handoff.timeZone",
  NAVIGATOR_PUBLIC_PHONE: "handoff.publicPhone",
  NAVIGATOR_PUBLIC_EMAIL: "handoff.publicEmail",
  WEBHOOK_URL: "webhook.url",
  WEBHOOK_SECRET: "webhook.secret",
  WEBHOOK_RETRIES: "webhook.retries",
  WEBHOOK_BACKOFF_MS: "webhook.backoffMs",
  WEBHOOK_TIMEOUT_MS: "webhook.timeoutMs",
  WIDGET_ORIGINS: "widget.origins",
  OPERATOR_NAME: "operator.name",
  OPERATOR_ADDRESS: "operator.address",
  OPERATOR_EMAIL: "operator.email",
  OPERATOR_DPO_EMAIL: "operator.dpoEmail",
  DIRECT_LINE_SECRET: "directLine.secret",
  DIRECT_LINE_ENDPOINT: "directLine.endpoint",
  DIRECT_LINE_SIGNING_KEY: "directLine.signingKey",
  RATE_LIMIT_ASK_PER_MINUTE: "rateLimit.askPerMinute",
  RATE_LIMIT_TOKENS_PER_MINUTE: "rateLimit.tokensPerMinute",
  RATE_LIMIT_ACTIVITIES_PER_MINUTE_IP: "rateLimit.activitiesPerMinuteIp",
  RATE_LIMIT_ACTIVITIES_PER_MINUTE_CONVERSATION: "rateLimit.activitiesPerMinuteConversation",
  TRUST_PROXY: "trustProxy",
  PUBLIC_URL: "publicUrl",
  OPENAPI_ENABLED: "openapiEnabled",
  TICKETS_PER_CONTACT_PER_DAY: "handoff.ticketsPerContactPerDay",
  TICKETS_PER_DAY: "handoff.ticketsPerDay",
  NAVIGATOR_TEAM_ID: "handoff.navigatorTeamId",
  NAVIGATOR_TENANT_ID: "handoff.navigatorTenantId",
  CURATION_FOUR_EYES: "curation.fourEyes",
  CURATION_GIT_COMMIT: "curation.gitCommit",
  EVAL_QUESTIONS_FILE: "curation.evalQuestionsFile",
  TEAMS_APP_ID: "teamsApp.id",
  METRICS_TOKEN: "metrics.token",
  METRICS_ALLOW_CIDRS: "metrics.allowCidrs",
} as const;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration:\n  ${issues.join("\n  ")}`);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const { bot, issues: botIssues } = botSettings(env);
  if (botIssues.length) throw new ConfigError(botIssues);
  const raw: Record<string, unknown> = { decision: {}, bot, entra: {}, handoff: {}, webhook: {}, widget: {}, operator: {}, directLine: {}, rateLimit: {}, curation: {}, teamsApp: {}, metrics: {} };
  for (const [name, target] of Object.entries(ENV_VARS)) {
    const value = env[name];
    if (value === undefined || value === "") continue;
    const [head, tail] = target.split(".") as [string, string | undefined];
    if (tail) (raw[head] as Record<string, unknown>)[tail] = value;
    else raw[head] = value;
  }
  const parsed = Config.safeParse(raw);
  if (!parsed.success) {
    const byPath: Record<string, string> = {
      ...Object.fromEntries(Object.entries(ENV_VARS).map(([k, v]) => [v, k])),
      ...Object.fromEntries(BOT_VARS.map((name) => [`bot.${name}`, name])),
      "bot.openIdMetadataUrl": "BOT_OPENID_METADATA_URL",
      "bot.entraOpenIdMetadataUrl": "BOT_ENTRA_OPENID_METADATA_URL",
    };
    throw new ConfigError(parsed.error.issues.map((i) => `${byPath[i.path.join(".")] ?? i.path.join(".")}: ${i.message}`));
  }
  const c = parsed.data;
  return { ...c, dataDir: path.resolve(c.dataDir), contentDir: path.resolve(c.contentDir) };
}

/**
 * The base of links Lotse hands out: PUBLIC_URL, else http://HOST:PORT — right only on a
 * developer machine, where the link is opened on the same computer.
 */
export function publicBaseUrl(config: Pick<Config, "publicUrl" | "host" | "port">): string {
  if (config.publicUrl) return config.publicUrl;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  return `http://${host.includes(":") ? `[${host}]` : host}:${config.port}`;
}

export function defaultDecisionConfig(): DecisionConfig {
  return DecisionConfig.parse({});
}
