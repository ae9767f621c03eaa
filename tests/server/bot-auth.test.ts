/**
 * Issue 12, point 6: a forged Bot Framework token is 401 whether or not the signing keys can be
 * fetched; a token that could be genuine gets 503 while they cannot (one log line each), and
 * the keys are fetched once and cached, not per request. The OpenID metadata points at a
 * local server that is down, answers junk, or serves a real key set.
 */
import { createHmac, generateKeyPairSync, randomUUID, sign, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLotseWithLog, tempDataDir, type Lotse } from "../helpers/bot-harness.js";

const CLIENT_ID = "00000000-0000-0000-0000-0000000000b0";
const SECRET = "not-a-real-secret";
const SERVICE_URL = "https://smba.trafficmanager.net/emea/";

type Mode = "junk" | "keys";

interface KeyServer {
  url: string;
  hits: string[];
  mode: Mode;
  close(): Promise<void>;
}

async function startKeyServer(mode: Mode, publicKey?: KeyObject): Promise<KeyServer> {
  const state: KeyServer = { url: "", hits: [], mode, close: async () => {} };
  const server: Server = createServer((req, res) => {
    state.hits.push(req.url ?? "");
    if (state.mode === "junk") return res.writeHead(200, { "content-type": "application/json" }).end(req.url === "/meta" ? JSON.stringify({ jwks_uri: `${state.url}/keys` }) : '{"keys": "nope"');
    if (req.url === "/meta") return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ issuer: "https://api.botframework.com", jwks_uri: `${state.url}/keys` }));
    const jwk = { ...publicKey!.export({ format: "jwk" }), kid: "k1", use: "sig", endorsements: ["msteams", "emulator"] };
    return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk, { kid: "broken", kty: "RSA", n: "@@", e: "AQAB" }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}

/** A port nobody listens on: the key endpoint is down. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/meta`;
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");

function claims(over: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: "https://api.botframework.com", aud: CLIENT_ID, exp: now + 3600, nbf: now - 10, serviceurl: SERVICE_URL, ...over };
}

function rs256(key: KeyObject, payload: Record<string, unknown> = claims(), kid = "k1"): string {
  const data = `${b64({ alg: "RS256", typ: "JWT", kid })}.${b64(payload)}`;
  return `${data}.${sign("RSA-SHA256", Buffer.from(data), key).toString("base64url")}`;
}

function forgedTokens(attackerKey: KeyObject): Record<string, string> {
  const hs = `${b64({ alg: "HS256", typ: "JWT", kid: "k1" })}.${b64(claims())}`;
  return {
    "alg none": `${b64({ alg: "none", typ: "JWT" })}.${b64(claims())}.`,
    "HS256 with the client secret": `${hs}.${createHmac("sha256", SECRET).update(hs).digest("base64url")}`,
    garbage: "garbage",
    "three junk segments": "a.b.c",
    "RS256 without kid": (() => {
      const data = `${b64({ alg: "RS256" })}.${b64(claims())}`;
      return `${data}.${sign("RSA-SHA256", Buffer.from(data), attackerKey).toString("base64url")}`;
    })(),
    "RS256 for another bot": rs256(attackerKey, claims({ aud: "another-bot" })),
    "RS256 expired": rs256(attackerKey, claims({ exp: Math.floor(Date.now() / 1000) - 3600 })),
    "RS256 from an unknown issuer": rs256(attackerKey, claims({ iss: "https://evil.example/" })),
  };
}

function activity(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "message",
    id: randomUUID(),
    serviceUrl: SERVICE_URL,
    channelId: "msteams",
    from: { id: "29:user", name: "User" },
    recipient: { id: "28:bot", name: "Lotse" },
    conversation: { id: `a:${randomUUID()}` },
    text: "Was ist eine Einstiegsqualifizierung?",
    locale: "de-DE",
    deliveryMode: "expectReplies",
    ...fields,
  };
}

async function post(lotse: Lotse, token: string | undefined, body: unknown = activity()): Promise<{ status: number; body: string; retryAfter: string | null }> {
  const res = await fetch(`${lotse.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.text(), retryAfter: res.headers.get("retry-after") };
}

const { privateKey: botFrameworkKey, publicKey: botFrameworkPublic } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const { privateKey: attackerKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

function env(metadataUrl: string): Record<string, string> {
  return { clientId: CLIENT_ID, clientSecret: SECRET, tenantId: "tenant-jobcenter", BOT_OPENID_METADATA_URL: metadataUrl, BOT_ENTRA_OPENID_METADATA_URL: metadataUrl };
}

describe("bot authentication while the signing keys cannot be fetched", () => {
  let lotse: Lotse & { log(): string };
  let junk: KeyServer;

  beforeAll(async () => {
    junk = await startKeyServer("junk");
    lotse = await startLotseWithLog(tempDataDir(), env(`${junk.url}/meta`));
  });
  afterAll(async () => {
    await lotse.close();
    await junk.close();
  });

  it("refuses forged tokens with 401 without fetching any key", async () => {
    for (const [name, token] of Object.entries(forgedTokens(attackerKey))) {
      const res = await post(lotse, token);
      expect(res.status, name).toBe(401);
      expect(JSON.parse(res.body), name).toMatchObject({ error: "unauthorized" });
    }
    expect((await post(lotse, undefined)).status).toBe(401);
    expect(junk.hits).toEqual([]);
  });

  it("answers 503 to a well-formed token whose key cannot be resolved, with one log line each, fetching rarely", async () => {
    const token = rs256(botFrameworkKey);
    const results = await Promise.all(Array.from({ length: 10 }, () => post(lotse, token)));
    for (let i = 0; i < 10; i++) results.push(await post(lotse, token));
    for (const res of results) {
      expect(res.status).toBe(503);
      expect(res.retryAfter).toBe("60");
      expect(JSON.parse(res.body)).toMatchObject({ error: "unavailable" });
    }
    // 20 requests, one fetch (metadata + key set), shared and then rate-limited.
    expect(junk.hits.length).toBeLessThanOrEqual(2);
    const lines = lotse.log().split("\n").filter((l) => l.includes("bot.signing_keys_unavailable"));
    expect(lines).toHaveLength(20);
    expect(lotse.log()).not.toMatch(/"level":50/);
  });

  it("still refuses a forged token with 401 once the keys are known to be unavailable", async () => {
    const before = junk.hits.length;
    expect((await post(lotse, forgedTokens(attackerKey)["alg none"])).status).toBe(401);
    expect((await post(lotse, rs256(attackerKey, claims({ aud: "x" })))).status).toBe(401);
    expect(junk.hits.length).toBe(before);
  });
});

describe("bot authentication while the key endpoint is down", () => {
  let lotse: Lotse & { log(): string };

  beforeAll(async () => {
    lotse = await startLotseWithLog(tempDataDir(), env(await deadUrl()));
  });
  afterAll(() => lotse.close());

  it("is 401 for forged tokens and 503 for a well-formed one", async () => {
    for (const [name, token] of Object.entries(forgedTokens(attackerKey))) expect((await post(lotse, token)).status, name).toBe(401);
    expect((await post(lotse, rs256(botFrameworkKey))).status).toBe(503);
    // An Entra-issued token goes to the other key source: also unreachable.
    const entraToken = rs256(botFrameworkKey, claims({ iss: "https://login.microsoftonline.com/tenant-jobcenter/v2.0", tid: "tenant-jobcenter" }));
    expect((await post(lotse, entraToken)).status).toBe(503);
  });
});

describe("bot authentication with the keys published", () => {
  let lotse: Lotse & { log(): string };
  let keys: KeyServer;

  beforeAll(async () => {
    keys = await startKeyServer("keys", botFrameworkPublic);
    lotse = await startLotseWithLog(tempDataDir(), env(`${keys.url}/meta`));
  });
  afterAll(async () => {
    await lotse.close();
    await keys.close();
  });

  it("runs the turn for a genuine token and fetches the keys once for many requests", async () => {
    for (let i = 0; i < 5; i++) {
      const res = await post(lotse, rs256(botFrameworkKey));
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).activities[0].attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    }
    expect(keys.hits).toEqual(["/meta", "/keys"]);
  });

  it("refuses a token signed by another key under a known kid, or for an unendorsed channel or another service URL", async () => {
    expect((await post(lotse, rs256(attackerKey))).status).toBe(401);
    expect((await post(lotse, rs256(botFrameworkKey), activity({ channelId: "slack" }))).status).toBe(401);
    expect((await post(lotse, rs256(botFrameworkKey, claims({ serviceurl: "https://evil.example/" })))).status).toBe(401);
  });

  it("looks up an unknown kid at most once per interval, and refuses it", async () => {
    const before = keys.hits.length;
    for (let i = 0; i < 20; i++) expect((await post(lotse, rs256(botFrameworkKey, claims(), "rotated"))).status).toBe(401);
    expect(keys.hits.length - before).toBeLessThanOrEqual(2);
  });

  it("checks the token before the body: an unauthenticated caller learns nothing about it", async () => {
    const res = await post(lotse, forgedTokens(attackerKey).garbage, { type: "nonsense" });
    expect(res.status).toBe(401);
    expect(res.body).not.toMatch(/serviceUrl|conversation/);
  });
});
