/**
 * Who may POST to /api/messages: the Bot Framework (or Entra ID) token of a request, checked
 * before the SDK sees the activity. The Agents SDK's `authorizeJWT` does the same checks but
 * answers every failure with 401 — also when the signing keys cannot be fetched — and writes
 * its own error output; here a token that is forged on its face (wrong algorithm, no key id,
 * wrong audience or issuer, expired) is refused before any key is fetched, and only a
 * well-formed token whose keys are unreachable gets a 503 ("try again"), never a pass.
 * Signing keys are cached per metadata URL; fetches are shared and rate-limited.
 */
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { z } from "zod";

/** The claims of a verified token: what the SDK calls the turn's identity. */
export type BotIdentity = Record<string, unknown> & { aud?: string | string[]; appid?: string; azp?: string };

export type BotAuthResult =
  | { ok: true; identity: BotIdentity }
  | { ok: false; status: 401; reason: string }
  | { ok: false; status: 503; reason: string };

export interface BotAuthOptions {
  /** The bot's client (app) id; empty = local mode, only requests without a token pass. */
  clientId: string;
  /** Empty: the botframework.com tenant (legacy multi-tenant registration). */
  tenantId: string;
  /** OpenID metadata for tokens issued by the Bot Framework (issuer https://api.botframework.com). */
  openIdMetadataUrl: string;
  /** OpenID metadata for tokens issued by Entra ID; empty = the tenant's v2.0 metadata. */
  entraOpenIdMetadataUrl?: string;
  /** Least time between two key fetches from one metadata URL (also after a failure). */
  minFetchIntervalMs?: number;
  now?: () => number;
}

const BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";
/** Tenants whose tokens the Bot Framework itself uses (Emulator, channels); the SDK accepts them too. */
const FIRST_PARTY_TENANTS = ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a", "69e9b82d-4842-4902-8d1e-abc5b98a55e8"];
/** Clock skew tolerated on exp/nbf, as the SDK does. */
const CLOCK_TOLERANCE_S = 300;
/** Keys are refreshed after a day even when every kid is known (Microsoft rotates them). */
const KEYS_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const FETCH_TIMEOUT_MS = 5000;
const MAX_TOKEN_LENGTH = 16_384;

const TokenHeader = z.object({ alg: z.literal("RS256"), kid: z.string().min(1).max(256) });
const TokenPayload = z.looseObject({
  aud: z.union([z.string(), z.array(z.string())]),
  iss: z.string(),
  exp: z.number(),
  nbf: z.number().optional(),
  tid: z.string().optional(),
  serviceurl: z.string().optional(),
});
const OpenIdMetadata = z.object({ jwks_uri: z.url({ protocol: /^https?$/ }) });
const Jwks = z.object({ keys: z.array(z.looseObject({ kid: z.string().optional(), kty: z.string().optional(), endorsements: z.array(z.string()).optional() })).max(200) });

/** The signing keys could not be fetched (network, HTTP error, junk); a retry later may work. */
export class SigningKeysUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SigningKeysUnavailable";
  }
}

interface SigningKey {
  key: KeyObject;
  endorsements?: string[];
}

/** The keys published behind one OpenID metadata URL. */
export class SigningKeySource {
  private keys?: Map<string, SigningKey>;
  private fetchedAt = 0;
  private lastAttempt = -Infinity;
  private lastError?: string;
  private pending?: Promise<void>;
  /** Fetch attempts so far (metadata + key set count as one). */
  attempts = 0;

  constructor(
    readonly metadataUrl: string,
    private readonly minIntervalMs: number,
    private readonly now: () => number,
  ) {}

  /** The key for a kid; undefined when the (fresh enough) key set does not have it. */
  async get(kid: string): Promise<SigningKey | undefined> {
    const stale = !this.keys || this.now() - this.fetchedAt > KEYS_MAX_AGE_MS;
    if (stale || !this.keys!.has(kid)) await this.refresh();
    if (!this.keys) throw new SigningKeysUnavailable(this.lastError ?? "signing keys not fetched yet");
    return this.keys.get(kid);
  }

  /** At most one fetch per interval, shared by every request waiting for it. */
  private async refresh(): Promise<void> {
    if (this.pending) return this.pending;
    if (this.now() - this.lastAttempt < this.minIntervalMs) return;
    this.lastAttempt = this.now();
    this.attempts++;
    this.pending = this.fetchKeys()
      .then((keys) => {
        this.keys = keys;
        this.fetchedAt = this.now();
        this.lastError = undefined;
      })
      .catch((err: unknown) => {
        // Old keys stay in use when a refresh fails; only the first fetch failing leaves none.
        this.lastError = `${this.metadataUrl}: ${err instanceof Error ? err.message : String(err)}`;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  private async fetchKeys(): Promise<Map<string, SigningKey>> {
    const metadata = OpenIdMetadata.safeParse(await getJson(this.metadataUrl));
    if (!metadata.success) throw new Error("OpenID metadata without a valid jwks_uri");
    const jwks = Jwks.safeParse(await getJson(metadata.data.jwks_uri));
    if (!jwks.success) throw new Error("key set is not a JWKS document");
    const keys = new Map<string, SigningKey>();
    for (const jwk of jwks.data.keys) {
      if (!jwk.kid || jwk.kty !== "RSA") continue;
      try {
        const { endorsements, ...material } = jwk;
        keys.set(jwk.kid, { key: createPublicKey({ key: material as import("node:crypto").JsonWebKey, format: "jwk" }), endorsements });
      } catch {
        // A malformed entry is skipped; the others may still sign valid tokens.
      }
    }
    if (keys.size === 0) throw new Error("key set has no usable RSA keys");
    return keys;
  }
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`HTTP ${res.status} from ${url}`);
  const text = await res.text();
  if (text.length > 1_000_000) throw new Error(`oversized answer from ${url}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`no JSON from ${url}`);
  }
}

function decodeSegment(segment: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) return undefined;
  try {
    return JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

export class BotAuthenticator {
  readonly botFramework: SigningKeySource;
  readonly entra: SigningKeySource;
  private readonly issuers: Set<string>;
  private readonly now: () => number;

  constructor(private readonly opts: BotAuthOptions) {
    this.now = opts.now ?? Date.now;
    const interval = opts.minFetchIntervalMs ?? 60_000;
    const tenant = opts.tenantId || "botframework.com";
    this.botFramework = new SigningKeySource(opts.openIdMetadataUrl, interval, this.now);
    this.entra = new SigningKeySource(
      opts.entraOpenIdMetadataUrl || `https://login.microsoftonline.com/${tenant}/v2.0/.well-known/openid-configuration`,
      interval,
      this.now,
    );
    const tenants = [tenant, ...FIRST_PARTY_TENANTS];
    this.issuers = new Set(tenants.flatMap((t) => [`https://sts.windows.net/${t}/`, `https://login.microsoftonline.com/${t}/v2.0`].map((i) => i.toLowerCase())));
  }

  /** Whether requests without a token are let through (local mode, no client id configured). */
  get anonymous(): boolean {
    return !this.opts.clientId;
  }

  async authenticate(authorization: string | undefined, activity: { channelId?: string; serviceUrl?: string }): Promise<BotAuthResult> {
    const header = authorization?.trim() ?? "";
    if (!header) {
      return this.anonymous ? { ok: true, identity: {} } : { ok: false, status: 401, reason: "no authorization header" };
    }
    // In local mode there is no audience a token could be meant for.
    if (this.anonymous) return { ok: false, status: 401, reason: "a token was sent, but no clientId is configured" };
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match || match[1]!.length > MAX_TOKEN_LENGTH) return { ok: false, status: 401, reason: "not a bearer token" };
    const parts = match[1]!.split(".");
    if (parts.length !== 3 || !parts[2]) return { ok: false, status: 401, reason: "not a signed JWT" };
    const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
    const head = TokenHeader.safeParse(decodeSegment(headerPart));
    if (!head.success) return { ok: false, status: 401, reason: "token header is not RS256 with a key id" };
    const body = TokenPayload.safeParse(decodeSegment(payloadPart));
    if (!body.success) return { ok: false, status: 401, reason: "token claims are malformed" };
    const claims = body.data;

    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(this.opts.clientId)) return { ok: false, status: 401, reason: "token is for another audience" };
    const nowS = this.now() / 1000;
    if (claims.exp + CLOCK_TOLERANCE_S < nowS) return { ok: false, status: 401, reason: "token expired" };
    if (claims.nbf !== undefined && claims.nbf - CLOCK_TOLERANCE_S > nowS) return { ok: false, status: 401, reason: "token not yet valid" };
    const fromBotFramework = claims.iss.toLowerCase() === BOT_FRAMEWORK_ISSUER;
    if (!fromBotFramework && !this.issuers.has(claims.iss.toLowerCase())) return { ok: false, status: 401, reason: "token from an unknown issuer" };
    const issuerTenant = /^https:\/\/(?:sts\.windows\.net|login\.microsoftonline\.com)\/([^/]+)\//i.exec(claims.iss)?.[1];
    if (issuerTenant && claims.tid && claims.tid.toLowerCase() !== issuerTenant.toLowerCase()) {
      return { ok: false, status: 401, reason: "token tenant does not match its issuer" };
    }

    // Only now, for a token that could be genuine, are keys looked up (and maybe fetched).
    const source = fromBotFramework ? this.botFramework : this.entra;
    let key: SigningKey | undefined;
    try {
      key = await source.get(head.data.kid);
    } catch (err) {
      return { ok: false, status: 503, reason: err instanceof Error ? err.message : String(err) };
    }
    if (!key) return { ok: false, status: 401, reason: "token signed with an unknown key" };
    const signed = verify("RSA-SHA256", Buffer.from(`${headerPart}.${payloadPart}`), key.key, Buffer.from(signaturePart, "base64url"));
    if (!signed) return { ok: false, status: 401, reason: "token signature is invalid" };
    // A Bot Framework key names the channels it may sign for (botbuilder checked this as well).
    if (fromBotFramework && key.endorsements && activity.channelId && !key.endorsements.includes(activity.channelId)) {
      return { ok: false, status: 401, reason: "the signing key is not endorsed for this channel" };
    }
    if (claims.serviceurl !== undefined && activity.serviceUrl !== undefined && claims.serviceurl !== activity.serviceUrl) {
      return { ok: false, status: 401, reason: "token is for another service URL" };
    }
    return { ok: true, identity: claims as BotIdentity };
  }
}
