import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorUser, startChannel, startLotse, suggested, tempDataDir, texts, type Channel, type Lotse } from "../helpers/bot-harness.js";

describe("POST /api/messages with malformed input", () => {
  let channel: Channel;
  let lotse: Lotse;
  let user: EmulatorUser;

  beforeAll(async () => {
    channel = await startChannel();
    lotse = await startLotse(tempDataDir());
    user = new EmulatorUser(lotse, channel, "expectReplies");
  });
  afterAll(async () => {
    await lotse.close();
    await channel.close();
  });

  const post = (body: string, contentType = "application/json") =>
    fetch(`${lotse.url}/api/messages`, { method: "POST", headers: { "content-type": contentType }, body });

  it("rejects a body that is not JSON", async () => {
    const res = await post("{not json");
    expect(res.status).toBe(400);
  });

  it("rejects a body of another content type", async () => {
    expect((await post("<activity/>", "application/xml")).status).toBe(415);
    expect((await post("hello", "text/plain")).status).toBe(400);
  });

  it("rejects an activity without a type, naming the field", async () => {
    const { type: _type, ...activity } = user.activity({ type: "message", text: "Hallo" });
    const res = await post(JSON.stringify(activity));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; details: Array<{ path: string }> };
    expect(body.error).toBe("bad_request");
    expect(body.details.map((d) => d.path)).toContain("type");
  });

  it("rejects an unknown activity type", async () => {
    const res = await post(JSON.stringify(user.activity({ type: "bogus", text: "x" })));
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("is not a known Bot Framework activity type");
  });

  it("rejects an invoke without a value", async () => {
    const res = await post(JSON.stringify(user.activity({ type: "invoke", name: "adaptiveCard/action" })));
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("an invoke activity needs a value");
  });

  it("rejects huge text, and a body over the size limit", async () => {
    expect((await post(JSON.stringify(user.activity({ type: "message", text: "a".repeat(30_000) })))).status).toBe(400);
    expect((await post(JSON.stringify(user.activity({ type: "message", text: "a".repeat(300_000) })))).status).toBe(413);
  });

  it("rejects activities without conversation, sender or service URL, and non-object bodies", async () => {
    for (const broken of [
      { ...user.activity({ type: "message", text: "x" }), conversation: undefined },
      { ...user.activity({ type: "message", text: "x" }), from: { name: "no id" } },
      { ...user.activity({ type: "message", text: "x" }), serviceUrl: "javascript:alert(1)" },
      [user.activity({ type: "message", text: "x" })],
      "message",
      null,
    ]) {
      expect((await post(JSON.stringify(broken))).status).toBe(400);
    }
  });

  it("rejects other methods", async () => {
    expect((await fetch(`${lotse.url}/api/messages`)).status).toBe(404);
  });

  it("asks for a shorter question when a message is long but within the limit", async () => {
    const { status, replies } = await user.say("Einstiegsqualifizierung ".repeat(60));
    expect(status).toBe(200);
    expect(texts(replies)[0]).toMatch(/höchstens 1000 Zeichen/);
  });

  it("keeps serving after all of that", async () => {
    const { status, replies } = await user.say("Hilfe");
    expect(status).toBe(200);
    expect(texts(replies)[0]).toMatch(/^Stellen Sie mir einfach Ihre Frage in ganzen Sätzen, auf Deutsch oder Englisch\./);
    expect(suggested(replies)).toEqual(["Themen", "Wer ich bin ändern", "Sprache / Language", "Neu starten", "Mit einer Lotsin / einem Lotsen sprechen"]);
  });
});

describe("POST /api/messages with an app id configured", () => {
  let lotse: Lotse;

  beforeAll(async () => {
    lotse = await startLotse(tempDataDir(), {
      MicrosoftAppId: "00000000-0000-0000-0000-000000000001",
      MicrosoftAppPassword: "not-a-real-secret",
    });
  });
  afterAll(() => lotse.close());

  it("answers 401 to a request without a valid token", async () => {
    const channel = { url: "https://smba.trafficmanager.net/emea/", posted: [], close: async () => {} };
    const activity = new EmulatorUser(lotse, channel, "normal").activity({ type: "message", text: "Hallo" });
    for (const authorization of [undefined, "Bearer not.a.jwt"]) {
      const res = await fetch(`${lotse.url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(activity),
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: "unauthorized" });
    }
  });
});
