/**
 * GET /metrics as a scraper sees it: absent unless configured, guarded by a bearer token or a
 * network, and counting what happened on the other routes (turns, limits, content reloads).
 */
import { cpSync, writeFileSync } from "node:fs";
import path from "node:path";
import { WebSocket } from "ws";
import { stringify } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { EmulatorUser, startChannel, startLotse, suggested, tempDataDir, texts, type Channel, type Lotse } from "../helpers/bot-harness.js";
import { article } from "../helpers/content.js";
import { CONTENT_DIR } from "../helpers/engine.js";
import { tempDir } from "../helpers/temp.js";
import { waitFor } from "../helpers/wait.js";

const TOKEN = "metrics-token-0123456789abcdef";

let running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.map((r) => r.close()));
  running = [];
});

async function lotse(env: Record<string, string> = {}): Promise<Lotse> {
  const started = await startLotse(tempDataDir(), { CONTENT_WATCH: "false", ...env });
  running.push(started);
  return started;
}

const scrape = (base: string, headers: Record<string, string> = {}) => fetch(`${base}/metrics`, { headers });
const withToken = { authorization: `Bearer ${TOKEN}` };

async function metricsText(base: string): Promise<string> {
  const res = await scrape(base, withToken);
  expect(res.status).toBe(200);
  return res.text();
}

describe("/metrics access", () => {
  it("does not exist when neither a token nor networks are configured", async () => {
    const { url } = await lotse();
    expect((await scrape(url)).status).toBe(404);
    expect((await scrape(url, withToken)).status).toBe(404);
  });

  it("wants the bearer token: 401 without it or with a wrong one, 200 in Prometheus text format with it", async () => {
    const { url } = await lotse({ METRICS_TOKEN: TOKEN });
    const missing = await scrape(url);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await missing.json()).error).toBe("unauthorized");
    expect((await scrape(url, { authorization: `Bearer ${TOKEN.slice(0, -1)}x` })).status).toBe(401);
    expect((await scrape(url, { authorization: TOKEN })).status).toBe(401);
    expect((await scrape(url, { authorization: `Basic ${Buffer.from(`a:${TOKEN}`).toString("base64")}` })).status).toBe(401);

    const ok = await scrape(url, withToken);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await ok.text();
    expect(text).toContain("# TYPE lotse_turns_total counter");
    expect(text).toContain("lotse_process_cpu_user_seconds_total");
    expect(text).toMatch(/^lotse_knowledge_info\{content_hash="[0-9a-f]+"\} 1$/m);
    expect(text).toContain('lotse_tickets{status="open"} 0');
    expect(text).toContain('lotse_tickets{status="taken"} 0');
    expect(text).toContain("lotse_directline_connections 0");
  });

  it("answers a huge or malformed Authorization header with 401, not an error", async () => {
    const { url } = await lotse({ METRICS_TOKEN: TOKEN });
    expect((await scrape(url, { authorization: `Bearer ${"A".repeat(12_000)}` })).status).toBe(401);
    expect((await scrape(url, { authorization: "Bearer " })).status).toBe(401);
    expect((await scrape(url, { authorization: `Bearer ${TOKEN}\u00e4` })).status).toBe(401);
    // Our own refusals are not server errors.
    expect(await metricsText(url)).not.toContain('lotse_errors_total{kind="http_5xx"}');
  });

  it("lets an allowed network in without a token and refuses other addresses", async () => {
    const allowed = await lotse({ METRICS_ALLOW_CIDRS: "127.0.0.1/32,10.0.0.0/8" });
    const res = await scrape(allowed.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("lotse_turns_total");

    const other = await lotse({ METRICS_ALLOW_CIDRS: "10.0.0.0/8" });
    const refused = await scrape(other.url);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toBe("forbidden");
  });

  it("refuses a short token and a malformed network list at start", () => {
    expect(() => loadConfig({ METRICS_TOKEN: "short" })).toThrow(ConfigError);
    expect(() => loadConfig({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ METRICS_ALLOW_CIDRS: "10.0.0.0/33" })).toThrow(/METRICS_ALLOW_CIDRS/);
    expect(() => loadConfig({ METRICS_ALLOW_CIDRS: "intranet" })).toThrow(/METRICS_ALLOW_CIDRS/);
    expect(loadConfig({ METRICS_ALLOW_CIDRS: " 127.0.0.1/32, ::1 " }).metrics.allowCidrs).toEqual(["127.0.0.1/32", "::1"]);
  });
});

describe("/metrics counts", () => {
  let channel: Channel | undefined;
  afterEach(async () => {
    await channel?.close();
    channel = undefined;
  });

  it("counts an answered question by channel and outcome, with its confidence", async () => {
    channel = await startChannel();
    const app = await lotse({ METRICS_TOKEN: TOKEN });
    const { status, replies } = await new EmulatorUser(app, channel, "expectReplies").say("Was ist eine Einstiegsqualifizierung?");
    expect(status).toBe(200);
    expect(replies.length).toBeGreaterThan(0);
    const text = await metricsText(app.url);
    expect(text).toMatch(/^lotse_turns_total\{channel="emulator",outcome="answer"\} 1$/m);
    expect(text).toMatch(/^lotse_answer_confidence_count 1$/m);
    expect(text).toMatch(/^lotse_answer_confidence_bucket\{le="1"\} 1$/m);
  });

  it("counts a rate-limit rejection by limit", async () => {
    const app = await lotse({ METRICS_TOKEN: TOKEN, RATE_LIMIT_ASK_PER_MINUTE: "2" });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${app.url}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: "Was ist eine Einstiegsqualifizierung?" }) });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(await metricsText(app.url)).toMatch(/^lotse_rate_limit_rejections_total\{limit="ask"\} 1$/m);
  });

  it("shows refused and accepted content reloads and the new content hash", async () => {
    const contentDir = path.join(tempDir("metrics-content"), "content");
    cpSync(CONTENT_DIR, contentDir, { recursive: true });
    const app = await lotse({ METRICS_TOKEN: TOKEN, CONTENT_DIR: contentDir });
    const hashOf = (text: string) => /^lotse_knowledge_info\{content_hash="([0-9a-f]+)"\} 1$/m.exec(text)?.[1];
    const before = hashOf(await metricsText(app.url));
    expect(before).toBeDefined();

    const file = path.join(contentDir, "articles/foerderung/metrik.yaml");
    writeFileSync(file, "de: [nicht geschlossen\n");
    expect((await app.app.knowledge.reload("test")).ok).toBe(false);
    let text = await metricsText(app.url);
    expect(text).toMatch(/^lotse_knowledge_reloads_total\{result="refused"\} 1$/m);
    expect(hashOf(text)).toBe(before);

    writeFileSync(
      file,
      stringify(
        article({
          contacts: ["jobcenter-wuppertal"],
          de: { title: "Metrikkurs für Quokkas", questions: ["Wie melde ich mich zum Metrikkurs an?", "Wo findet der Metrikkurs statt?", "Was kostet der Metrikkurs?"], answer: "Die Anmeldung läuft über das Quokka-Büro.", keywords: ["Metrikkurs"] },
          en: { title: "Metrics course for quokkas", questions: ["How do I sign up for the metrics course?", "Where is the metrics course held?", "What does the metrics course cost?"], answer: "Sign up at the quokka office.", keywords: ["metrics course"] },
        }),
      ),
    );
    const result = await app.app.knowledge.reload("test");
    expect(result).toMatchObject({ ok: true, changed: true });
    text = await metricsText(app.url);
    expect(text).toMatch(/^lotse_knowledge_reloads_total\{result="ok"\} 1$/m);
    expect(hashOf(text)).toBe(result.contentHash);
    expect(hashOf(text)).not.toBe(before);
  });

  it("counts a handoff: ticket created, taken after the navigator's reply, and the reply's relay time", async () => {
    channel = await startChannel();
    const app = await lotse({ METRICS_TOKEN: TOKEN, TICKETS_PER_CONTACT_PER_DAY: "100" });
    const user = new EmulatorUser(app, channel, "normal");
    user.channelId = "webchat";
    await user.say("Mit einer Lotsin / einem Lotsen sprechen");
    await user.say("Ja, einverstanden");
    await user.say("Erika Muster");
    await user.say("Überspringen");
    let last = await user.say("erika@example.org");
    if (suggested(last.replies).includes("So senden")) last = await user.say("So senden");
    else last = await user.say("Frage zur Einstiegsqualifizierung");
    const number = /L-\d{4}/.exec(texts(last.replies).join(" "))?.[0];
    expect(number).toBeDefined();

    let text = await metricsText(app.url);
    expect(text).toMatch(/^lotse_tickets_created_total 1$/m);
    expect(text).toContain('lotse_tickets{status="open"} 1');

    const { delivered } = await app.app.handoff.service.reply(Number(number!.slice(2)), { id: "token:c", name: "Clara Console" }, "Ich melde mich.");
    expect(delivered).toBe(true);
    text = await metricsText(app.url);
    expect(text).toContain('lotse_tickets{status="open"} 0');
    expect(text).toContain('lotse_tickets{status="taken"} 1');
    expect(text).toMatch(/^lotse_relay_latency_seconds_count 1$/m);
  });

  it("counts open Direct Line WebSocket streams", async () => {
    const app = await lotse({ METRICS_TOKEN: TOKEN });
    const issued = (await (await fetch(`${app.url}/api/widget/token`, { method: "POST" })).json()) as { token: string; conversationId: string; domain: string };
    const socket = new WebSocket(`${issued.domain.replace(/^http/, "ws")}/conversations/${issued.conversationId}/stream?t=${encodeURIComponent(issued.token)}`);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    await waitFor(async () => /^lotse_directline_connections 1$/m.test(await metricsText(app.url)) || undefined, { message: "one open stream" });
    socket.close();
    await waitFor(async () => /^lotse_directline_connections 0$/m.test(await metricsText(app.url)) || undefined, { message: "no open stream" });
  });

  it("counts a failed bot turn: the person's channel cannot be reached", async () => {
    const gone = await startChannel();
    await gone.close();
    const app = await lotse({ METRICS_TOKEN: TOKEN });
    await new EmulatorUser(app, gone, "normal").say("Was ist eine Einstiegsqualifizierung?");
    expect(await metricsText(app.url)).toMatch(/^lotse_errors_total\{kind="bot_turn"\} 1$/m);
  });
});
