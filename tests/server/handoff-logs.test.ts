import { Writable } from "node:stream";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { buildApp } from "../../src/server/app.js";
import { loggerOptions } from "../../src/server/logger.js";
import { cardsOf, EmulatorUser, sharedEngine, startChannel, tempDataDir, type Channel, type Lotse } from "../helpers/bot-harness.js";
import { ANNA, NavigatorTeam } from "../helpers/teams-harness.js";

const SECRETS = ["Erika", "Muster", "erika@example.org", "Bäckerei", "geheime Frage zur Duldung", "Nachricht an die Lotsin", "Antwort der Lotsin", "Notiz intern"];

describe("logs during a handoff", () => {
  let channel: Channel;
  let lotse: Lotse;
  let log = "";

  beforeAll(async () => {
    channel = await startChannel();
    const config = loadConfig({ DATA_DIR: tempDataDir(), LOG_LEVEL: "info" });
    const stream = new Writable({
      write(chunk, _enc, done) {
        log += chunk.toString();
        done();
      },
    });
    const app = await buildApp({ config, engine: sharedEngine(), logger: { ...(loggerOptions("info") as object), stream } });
    await app.listen({ host: "127.0.0.1", port: 0 });
    lotse = { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() };
  });
  afterAll(async () => {
    await lotse.close();
    await channel.close();
  });

  it("never contain contact details or message texts at info level", async () => {
    const team = new NavigatorTeam(lotse, channel);
    await team.install();
    const u = new EmulatorUser(lotse, channel, "normal");
    for (const text of ["Mit einer Lotsin / einem Lotsen sprechen", "Ja, einverstanden", "Erika Muster", "Bäckerei Muster", "erika@example.org", "geheime Frage zur Duldung", "Nachricht an die Lotsin"]) {
      expect((await u.say(text)).status).toBe(200);
    }
    const card = team.cards().at(-1)!;
    expect(cardsOf([card.activity])).toHaveLength(1);
    const ticketId = lotse.app.handoff.service.list().tickets[0]!.id;
    await team.click(ANNA, card.id, { action: "ticketTake", ticketId });
    await team.reply(ANNA, card.id, "Antwort der Lotsin");
    await team.click(ANNA, card.id, { action: "ticketClose", ticketId, note: "Notiz intern" });

    expect(log).toContain('"code":"handoff.created"');
    expect(log).toContain('"code":"handoff.taken"');
    expect(log).toContain('"code":"handoff.closed"');
    for (const secret of SECRETS) expect(log, secret).not.toContain(secret);
  });
});
