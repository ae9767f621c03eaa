import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardsOf, EmulatorUser, startChannel, startLotseWithLog, tempDataDir, type Channel, type Lotse } from "../helpers/bot-harness.js";
import { ANNA, NavigatorTeam } from "../helpers/teams-harness.js";

const SECRETS = ["Erika", "Muster", "erika@example.org", "Bäckerei", "geheime Frage zur Duldung", "Nachricht an die Lotsin", "Antwort der Lotsin", "Notiz intern"];

describe("logs during a handoff", () => {
  let channel: Channel;
  let lotse: Lotse & { log(): string };

  beforeAll(async () => {
    channel = await startChannel();
    lotse = await startLotseWithLog(tempDataDir());
  });
  afterAll(async () => {
    await lotse.close();
    await channel.close();
  });

  it("never contain contact details or message texts at info level", async () => {
    const team = new NavigatorTeam(lotse, channel);
    await team.pair();
    const u = new EmulatorUser(lotse, channel, "normal");
    for (const text of ["Mit einer Lotsin / einem Lotsen sprechen", "Ja, einverstanden", "Erika Muster", "Bäckerei Muster", "erika@example.org", "geheime Frage zur Duldung", "Nachricht an die Lotsin"]) {
      expect((await u.say(text)).status).toBe(200);
    }
    const card = team.cards().at(-1)!;
    expect(cardsOf([card.activity])).toHaveLength(1);
    const ticketId = (await lotse.app.handoff.service.list()).tickets[0]!.id;
    await team.click(ANNA, card.id, { action: "ticketTake", ticketId });
    await team.reply(ANNA, card.id, "Antwort der Lotsin");
    await team.click(ANNA, card.id, { action: "ticketClose", ticketId, note: "Notiz intern" });

    expect(lotse.log()).toContain('"code":"handoff.created"');
    expect(lotse.log()).toContain('"code":"handoff.taken"');
    expect(lotse.log()).toContain('"code":"handoff.closed"');
    for (const secret of SECRETS) expect(lotse.log(), secret).not.toContain(secret);
  });
});
