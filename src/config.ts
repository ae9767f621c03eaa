/**
 * All settings, read from the environment once and validated here; everything else receives
 * the parsed `Config`. Defaults are the embedded ones: SQLite in ./data, the bundled content.
 */
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
  /** Multiplier for articles written for the asker's audience (1 = no boost). */
  audienceBoost: num(1.15, 1, 3),
});
export type DecisionConfig = z.infer<typeof DecisionConfig>;

/**
 * Bot Framework credentials (Azure Bot resource). With no app id the bot runs unauthenticated,
 * which is only safe on a developer machine (Bot Framework Emulator).
 */
export const BotConfig = z
  .strictObject({
    appId: z.string().trim().default(""),
    appPassword: z.string().default(""),
    appType: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).default("MultiTenant"),
    appTenantId: z.string().trim().default(""),
  })
  .superRefine((b, ctx) => {
    if (!b.appId) return;
    if (b.appType !== "UserAssignedMSI" && !b.appPassword) {
      ctx.addIssue({ code: "custom", path: ["appPassword"], message: `is required when MicrosoftAppId is set and MicrosoftAppType is ${b.appType}` });
    }
    if (b.appType !== "MultiTenant" && !b.appTenantId) {
      ctx.addIssue({ code: "custom", path: ["appTenantId"], message: `is required for MicrosoftAppType ${b.appType}` });
    }
  });
export type BotConfig = z.infer<typeof BotConfig>;

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
  })
  .superRefine((e, ctx) => {
    if (e.tenantId && !e.clientId) ctx.addIssue({ code: "custom", path: ["clientId"], message: "is required when ENTRA_TENANT_ID is set" });
    if (e.clientId && !e.tenantId) ctx.addIssue({ code: "custom", path: ["tenantId"], message: "is required when ENTRA_CLIENT_ID is set" });
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
  })
  .superRefine((h, ctx) => {
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

export const Config = z.strictObject({
  host: z.string().min(1).default("127.0.0.1"),
  port: z.coerce.number().int().min(0).max(65535).default(3978),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Where SQLite and the serialised search index live. */
  dataDir: z.string().min(1).default("./data"),
  /** The knowledge base (articles, contacts, synonyms). */
  contentDir: z.string().min(1).default("./content"),
  decision: DecisionConfig,
  bot: BotConfig,
  entra: EntraConfig,
  handoff: HandoffConfig,
  webhook: WebhookConfig,
  /** The browser chat at /demo; unset means "on exactly when the bot runs unauthenticated". */
  demoChat: z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true").optional(),
});
export type Config = z.infer<typeof Config>;

/** Maps environment variable names to config paths; documented in README.md. */
export const ENV_VARS = {
  HOST: "host",
  PORT: "port",
  LOG_LEVEL: "logLevel",
  DATA_DIR: "dataDir",
  CONTENT_DIR: "contentDir",
  ANSWER_MIN_CONFIDENCE: "decision.answerMin",
  CLARIFY_MIN_CONFIDENCE: "decision.clarifyMin",
  CLARIFY_MARGIN: "decision.clarifyMargin",
  AUDIENCE_BOOST: "decision.audienceBoost",
  MicrosoftAppId: "bot.appId",
  MicrosoftAppPassword: "bot.appPassword",
  MicrosoftAppType: "bot.appType",
  MicrosoftAppTenantId: "bot.appTenantId",
  ENTRA_TENANT_ID: "entra.tenantId",
  ENTRA_CLIENT_ID: "entra.clientId",
  ENTRA_JWKS_URL: "entra.jwksUrl",
  DEMO_CHAT: "demoChat",
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
} as const;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration:\n  ${issues.join("\n  ")}`);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = { decision: {}, bot: {}, entra: {}, handoff: {}, webhook: {} };
  for (const [name, target] of Object.entries(ENV_VARS)) {
    const value = env[name];
    if (value === undefined || value === "") continue;
    const [head, tail] = target.split(".") as [string, string | undefined];
    if (tail) (raw[head] as Record<string, unknown>)[tail] = value;
    else raw[head] = value;
  }
  const parsed = Config.safeParse(raw);
  if (!parsed.success) {
    const byPath = Object.fromEntries(Object.entries(ENV_VARS).map(([k, v]) => [v, k]));
    throw new ConfigError(parsed.error.issues.map((i) => `${byPath[i.path.join(".")] ?? i.path.join(".")}: ${i.message}`));
  }
  const c = parsed.data;
  return { ...c, dataDir: path.resolve(c.dataDir), contentDir: path.resolve(c.contentDir) };
}

export function defaultDecisionConfig(): DecisionConfig {
  return DecisionConfig.parse({});
}
