/**
 * The search message extension over real HTTP: `composeExtension/query` invokes exactly as
 * Teams sends them (from a 1:1 chat, a group chat and a team channel's compose box) to
 * POST /api/messages, answered in the HTTP response; the card's link opens the article page;
 * the articles people voted on come first for an empty query.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from "../../bot/message-extension.js";
import { EmulatorUser, sharedEngine, startChannel, startLotse, tempDataDir, type Channel, type Lotse, type Wire } from "../helpers/bot-harness.js";
import { TENANT } from "../helpers/teams-harness.js";

const PUBLIC_URL = "https://lotse.jobcenter-wuppertal.example";
const BOT = { id: "28:lotse-bot", name: "Lotse" };
const SABINE = { id: "29:1sabine-personal", name: "Sabine Krüger (HR)", aadObjectId: "aad-sabine" };

type Where = "personal" | "groupChat" | "channel";

/** A `composeExtension/query` invoke as Teams posts it (shape from a recorded Teams request). */
function composeQuery(channel: Channel, where: Where, value: unknown, locale = "de-DE"): Wire {
  const conversation =
    where === "personal"
      ? { id: `a:1${randomUUID()}`, conversationType: "personal", tenantId: TENANT }
      : where === "groupChat"
        ? { id: `19:${randomUUID()}@thread.v2`, conversationType: "groupChat", isGroup: true, tenantId: TENANT }
        : { id: "19:personalabteilung@thread.tacv2;messageid=1732960000000", conversationType: "channel", isGroup: true, tenantId: TENANT };
  const channelData: Wire = { tenant: { id: TENANT }, source: { name: "compose" } };
  if (where === "channel") Object.assign(channelData, { team: { id: "19:personalabteilung@thread.tacv2" }, channel: { id: "19:personalabteilung@thread.tacv2" } });
  return {
    name: "composeExtension/query",
    type: "invoke",
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    id: `f:${Math.floor(Math.random() * 1e18)}`,
    channelId: "msteams",
    serviceUrl: channel.url,
    from: SABINE,
    conversation,
    recipient: BOT,
    entities: [{ locale, country: "DE", platform: "Web", timezone: "Europe/Berlin", type: "clientInfo" }],
    channelData,
    value,
    locale,
  };
}

const search = (query: string, skip = 0, count = 25) => ({ commandId: SEARCH_COMMAND_ID, parameters: [{ name: SEARCH_PARAMETER, value: query }], queryOptions: { skip, count } });

describe("the search message extension over HTTP", () => {
  let channel: Channel;
  let lotse: Lotse;

  beforeAll(async () => {
    channel = await startChannel();
    lotse = await startLotse(tempDataDir(), { PUBLIC_URL });
  });
  afterAll(async () => {
    await lotse.close();
    await channel.close();
  });

  async function post(activity: Wire) {
    const before = channel.posted.length;
    const res = await fetch(`${lotse.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(activity) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Wire) : undefined, sent: channel.posted.slice(before) };
  }

  it.each<Where>(["personal", "groupChat", "channel"])("a search in a %s compose box → 200 with the result list in the response", async (where) => {
    const { status, body, sent } = await post(composeQuery(channel, where, search("Ausbildung mit Duldung")));
    expect(status).toBe(200);
    expect(body!.composeExtension).toMatchObject({ type: "result", attachmentLayout: "list" });
    const attachments = body!.composeExtension.attachments as Wire[];
    expect(attachments.length).toBeGreaterThan(0);
    expect(attachments.length).toBeLessThanOrEqual(10);
    for (const a of attachments) {
      expect(a.contentType).toBe("application/vnd.microsoft.card.adaptive");
      expect(a.preview.contentType).toBe("application/vnd.microsoft.card.thumbnail");
      expect(a.preview.content.subtitle).toMatch(/^Stand: \d{2}\.\d{2}\.\d{4}$/);
      expect(a.content.actions[0].url).toMatch(new RegExp(`^${PUBLIC_URL}/artikel/[a-z0-9-]+\\?lang=de$`));
    }
    expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThan(100 * 1024);
    // Answered in the response: nothing is posted into the chat, and no state is written.
    expect(sent).toEqual([]);
  });

  it("the inserted card's link opens the full article for anyone", async () => {
    const { body } = await post(composeQuery(channel, "personal", search("Eingliederungszuschuss")));
    const card = body!.composeExtension.attachments[0].content as Wire;
    const url = new URL(card.actions[0].url as string);
    expect(url.pathname).toBe("/artikel/eingliederungszuschuss");
    const page = await fetch(`${lotse.url}${url.pathname}${url.search}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(sharedEngine().render("eingliederungszuschuss", "de")!.title);
  });

  it("nothing found → a clear message; an English client gets it in English", async () => {
    const de = await post(composeQuery(channel, "groupChat", search("xyzzy")));
    expect(de.status).toBe(200);
    expect(de.body).toEqual({ composeExtension: { type: "message", text: expect.stringMatching(/^Keine Artikel gefunden/) } });
    const en = await post(composeQuery(channel, "groupChat", search("xyzzy"), "en-US"));
    expect(en.body!.composeExtension.text).toMatch(/^No articles found/);
  });

  it("an empty query lists the articles people voted on first", async () => {
    // Two people found the Job-Turbo article useful, one the Integrationskurs article.
    const user = () => new EmulatorUser(lotse, channel, "normal");
    await user().click({ action: "feedback", id: "job-turbo", helpful: true });
    await user().click({ action: "feedback", id: "job-turbo", helpful: false });
    await user().click({ action: "feedback", id: "integrationskurs", helpful: true });
    const { status, body } = await post(composeQuery(channel, "personal", { commandId: SEARCH_COMMAND_ID, parameters: [{ name: "initialRun", value: "true" }], queryOptions: { skip: 0, count: 25 } }));
    expect(status).toBe(200);
    const ids = (body!.composeExtension.attachments as Wire[]).map((a) => new URL(a.content.actions[0].url).pathname.split("/").pop());
    expect(ids.slice(0, 2)).toEqual(["job-turbo", "integrationskurs"]);
    expect(ids).toHaveLength(10);
  });

  it.each([
    ["a value without parameters", { commandId: SEARCH_COMMAND_ID }],
    ["a 10 KB query", search("Duldung ".repeat(1300))],
    ["an unknown command", { ...search("Duldung"), commandId: "createTicket" }],
    ["a string value", "Duldung"],
  ])("%s → 400, not an error turn", async (_name, value) => {
    const { status, body, sent } = await post(composeQuery(channel, "channel", value));
    expect(status).toBe(400);
    expect(body!.error).toMatch(/^(invalid_compose_query|unknown_command)$/);
    // No apology posted into the chat: the turn did not fail.
    expect(sent).toEqual([]);
  });

  it("an invoke without a value is refused before the bot sees it", async () => {
    const activity = composeQuery(channel, "personal", null);
    const { status } = await post(activity);
    expect(status).toBe(400);
  });
});
