/**
 * Messages of one conversation that arrive at the same time (a double send, two tabs, two nodes
 * behind a load balancer) are answered one after the other, each turn seeing what the previous
 * one remembered: after every second question Lotse cannot answer it offers a navigator, and
 * every question stays in the conversation's history (which a handoff ticket carries).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorUser, startChannel, startLotse, tempDataDir, texts, type Channel, type Lotse } from "../helpers/bot-harness.js";
import { createPostgresDatabase, postgresAvailable } from "../helpers/database.js";

const UNANSWERABLE = ["qwxz plorf", "blarg fnord", "zzyzx quux", "frobnitz wibble", "glorp snarf", "xyzzy plugh"];
const OFFER = /zweimal nicht weiterhelfen/;

/**
 * Sends all questions at once, each to the next server in turn: how many replies offered a
 * navigator, and the questions the conversation's state remembers. Normal delivery: the bot
 * POSTs its replies to the channel in the middle of a turn, between loading and saving the
 * state, where a parallel turn could slip in.
 */
async function burst(servers: Lotse[], channel: Channel): Promise<{ offers: number; remembered: string[] }> {
  const user = new EmulatorUser(servers[0]!, channel, "normal");
  const turns = await Promise.all(
    UNANSWERABLE.map((text, i) => {
      const sender = new EmulatorUser(servers[i % servers.length]!, channel, "normal");
      Object.assign(sender, { conversationId: user.conversationId, user: user.user });
      return sender.say(text);
    }),
  );
  for (const t of turns) expect(t.status).toBe(200);
  // The SDK's key: channel/conversations/id/namespace.
  const row = await servers[0]!.app.db.selectFrom("bot_state").select("data").where("key", "like", `emulator/conversations/${user.conversationId}/%`).executeTakeFirst();
  const history = row ? ((JSON.parse(row.data) as { conversation?: { history?: Array<{ author: string; text: string }> } }).conversation?.history ?? []) : [];
  return {
    offers: turns.filter((t) => OFFER.test(texts(t.replies).join(" "))).length,
    remembered: history.filter((h) => h.author === "user").map((h) => h.text),
  };
}

describe("concurrent messages of one conversation", () => {
  let channel: Channel;
  let lotse: Lotse;

  beforeAll(async () => {
    channel = await startChannel();
    lotse = await startLotse(tempDataDir());
  });
  afterAll(async () => {
    await lotse.close();
    await channel.close();
  });

  it("are answered one after the other: every second unanswered question brings the navigator offer", async () => {
    const { offers, remembered } = await burst([lotse], channel);
    expect(remembered.sort()).toEqual([...UNANSWERABLE].sort());
    expect(offers).toBe(UNANSWERABLE.length / 2);
  });
});

describe.skipIf(!postgresAvailable())("concurrent messages of one conversation on two nodes sharing PostgreSQL", () => {
  let channel: Channel;
  const nodes: Lotse[] = [];
  let drop: () => Promise<void>;

  beforeAll(async () => {
    channel = await startChannel();
    const database = await createPostgresDatabase();
    drop = database.drop;
    for (let i = 0; i < 2; i++) nodes.push(await startLotse(tempDataDir(), { DATABASE_URL: database.url, DATABASE_POOL_SIZE: "4" }));
  });
  afterAll(async () => {
    for (const node of nodes) await node.close();
    await drop();
    await channel.close();
  });

  it("are answered one after the other across the nodes", async () => {
    const { offers, remembered } = await burst(nodes, channel);
    expect(remembered.sort()).toEqual([...UNANSWERABLE].sort());
    expect(offers).toBe(UNANSWERABLE.length / 2);
  });
});
