/**
 * The crash test: the real server as a child process (`node --import tsx src/server/main.ts`)
 * with its own DATA_DIR, a handoff driven over HTTP, `kill -9` in the middle — once during the
 * handoff questions, once while the person's messages stream into the ticket — and a restart.
 * Every message the server acknowledged (HTTP 200) must be in the database afterwards.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorUser, startChannel, tempDataDir, texts, type Channel, type Lotse } from "../helpers/bot-harness.js";
import { kill9, startServer, type ServerProcess as Server } from "../helpers/nodes.js";
import { waitFor } from "../helpers/wait.js";

describe("kill -9 in the middle of a handoff", () => {
  let channel: Channel;
  let dataDir: string;
  let server: Server | undefined;

  beforeAll(async () => {
    channel = await startChannel();
    dataDir = tempDataDir();
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) await kill9(server);
    await channel.close();
  });

  it("loses no ticket and no acknowledged message", async () => {
    server = await startServer(dataDir);
    const user = new EmulatorUser({ url: server.url } as Lotse, channel, "normal");
    const say = async (text: string) => {
      const r = await user.say(text);
      expect(r.status, text).toBe(200);
      return r;
    };

    await say("Mit einer Lotsin / einem Lotsen sprechen");
    await say("Ja, einverstanden");
    await say("Kira Kill");
    await say("Überspringen");

    // Crash 1: in the middle of the handoff questions.
    await kill9(server);
    server = await startServer(dataDir);
    user.lotse = { url: server.url } as Lotse;

    expect(texts((await say("kira@example.org")).replies)).toEqual(["Worum geht es? Bitte beschreiben Sie Ihr Anliegen in einem Satz."]);
    const created = await say("Wie lange dauert eine Beschäftigungserlaubnis?");
    const number = /L-\d{4}/.exec(texts(created.replies).join(" "))![0];

    const acknowledged: string[] = [];
    for (let i = 1; i <= 5; i++) {
      await say(`Nachricht ${i}`);
      acknowledged.push(`Nachricht ${i}`);
    }

    // Crash 2: while messages stream in. Some are acknowledged, some die with the process.
    const burst = Array.from({ length: 30 }, (_, i) => `Burst ${i + 1}`);
    const sending = burst.map(async (text, i) => {
      await new Promise((r) => setTimeout(r, i * 5));
      const r = await user.say(text).catch(() => undefined);
      if (r?.status === 200) acknowledged.push(text);
    });
    // Kill as soon as the first burst message is acknowledged: the rest are in flight.
    await waitFor(() => acknowledged.length > 5, { timeout: 20_000, interval: 2, message: "the first acknowledged burst message" });
    await kill9(server);
    await Promise.all(sending);

    // Straight from the file, before anything else touches it.
    const db = new Database(path.join(dataDir, "lotse.db"), { readonly: true });
    const ticket = db.prepare("SELECT id, status, name, contact, question FROM tickets").all();
    const stored = new Set((db.prepare("SELECT text FROM ticket_messages WHERE author = 'user'").all() as Array<{ text: string }>).map((m) => m.text));
    db.close();
    expect(ticket).toEqual([{ id: Number(number.slice(2)), status: "open", name: "Kira Kill", contact: "kira@example.org", question: "Wie lange dauert eine Beschäftigungserlaubnis?" }]);
    expect(acknowledged.filter((text) => !stored.has(text))).toEqual([]);

    // After the restart the person is still connected to the ticket.
    server = await startServer(dataDir);
    user.lotse = { url: server.url } as Lotse;
    expect(texts((await say("Noch da?")).replies)).toEqual([`Ich habe Ihre Nachricht zur Anfrage ${number} hinzugefügt.`]);
    await kill9(server);
  }, 120_000);
});
