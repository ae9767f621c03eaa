/**
 * Invokes and odd activities on the Agents SDK hosting path, over real HTTP in local mode:
 * every invoke Lotse does not handle gets a proper answer (never the SDK's 501), and junk
 * that a channel may send (malformed mentions, empty strings) neither fails a turn nor logs
 * an error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorUser, startChannel, startLotseWithLog, tempDataDir, type Channel, type Lotse } from "../helpers/bot-harness.js";

describe("POST /api/messages: invokes and channel quirks", () => {
  let channel: Channel;
  let lotse: Lotse & { log(): string };
  let user: EmulatorUser;

  beforeAll(async () => {
    channel = await startChannel();
    lotse = await startLotseWithLog(tempDataDir());
    user = new EmulatorUser(lotse, channel, "normal");
  });
  afterAll(async () => {
    await lotse.close();
    await channel.close();
  });

  const post = (activity: unknown) =>
    fetch(`${lotse.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });

  /** A Teams personal chat: channelId msteams, no team in channelData. */
  const teams = (fields: Record<string, unknown>): Record<string, unknown> => ({ ...user.activity(fields), channelId: "msteams", channelData: { tenant: { id: "t1" } } });

  it("answers invokes it does not handle with 200, never 501", async () => {
    for (const invoke of [
      teams({ type: "invoke", name: "composeExtension/query", value: { commandId: "search", parameters: [{ name: "searchQuery", value: "EQ" }] } }),
      teams({ type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: "take", data: {} } } }),
      teams({ type: "invoke", name: "application/search", value: { kind: "search", queryText: "EQ" } }),
      teams({ type: "invoke", name: "task/fetch", value: { data: {} } }),
      teams({ type: "invoke", name: "adaptiveCard/action", value: "junk" }),
      user.activity({ type: "invoke", name: "something/else", value: {} }),
    ] as Record<string, unknown>[]) {
      const res = await post(invoke);
      expect(res.status, String(invoke.name)).not.toBe(501);
      expect(res.status, String(invoke.name)).toBeLessThan(500);
    }
  });

  it("turns a malformed mention entity into an ordinary question", async () => {
    const { status, replies } = await user.send({
      type: "message",
      text: "<at>Lotse</at> Hilfe",
      entities: [{ type: "mention" }, { type: "mention", mentioned: null, text: 5 }, { type: "mention", mentioned: { id: user.bot.id }, text: "<at>Lotse</at>" }],
    });
    expect(status).toBe(200);
    expect(replies.length).toBeGreaterThan(0);
  });

  it("accepts empty strings where channels send them", async () => {
    const res = await post({ ...user.activity({ type: "message", text: "Hilfe" }), conversation: { id: user.conversationId, name: "" }, from: { ...user.user, name: "" }, localTimezone: "" });
    expect(res.status).toBe(200);
  });

  it("refuses an activity without recipient with 400 (every reply is addressed from it)", async () => {
    const { recipient: _r, ...activity } = user.activity({ type: "message", text: "Hilfe" });
    const res = await post(activity);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("recipient");
  });

  it("refuses what the SDK's own schema refuses with 400 naming the field, not a failed turn", async () => {
    const res = await post(user.activity({ type: "message", text: "Hilfe", attachments: [{ contentType: 42 }] }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; details: { path: string }[] };
    expect(body.error).toBe("bad_request");
    expect(body.details.map((d) => d.path)).toContain("attachments.0.contentType");
  });

  it("logged no error for any of it", () => {
    expect(lotse.log()).not.toMatch(/"level":(50|60)/);
  });
});
