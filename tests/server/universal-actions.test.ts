/**
 * Universal Actions on the navigators' ticket cards, over real HTTP as Teams sends them: an
 * `adaptiveCard/action` invoke with `Action.Execute` and verb take / reply / close. The answer
 * is the refreshed card for the navigator who clicked, the channel message is updated for
 * everyone, a refused action gets an error card saying why. Junk invokes get a 400 or nothing,
 * unknown invokes a proper answer (never 501), and none of it leaves an error in the log.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardButtons, cardsOf, cardTexts, EmulatorUser, startChannel, startLotseWithLog, tempDataDir, texts, type Channel, type Lotse, type Wire } from "../helpers/bot-harness.js";
import { newTicket } from "../helpers/console.js";
import { ANNA, BERND, NavigatorTeam } from "../helpers/teams-harness.js";
import { cardProblems } from "../bot/card-checks.js";

const CARD = "application/vnd.microsoft.card.adaptive";

describe("Universal Actions on the navigators' ticket cards", () => {
  let channel: Channel;
  let lotse: Lotse & { log(): string };
  let team: NavigatorTeam;
  const service = () => lotse.app.handoff.service;

  /** A new ticket (from a web chat user whose conversation is `conversationId`) and its card in the navigators' channel. */
  async function ticketWithCard() {
    const before = team.cards().length;
    const input = newTicket({}, channel.url);
    const ticket = await service().create(input);
    const until = Date.now() + 5000;
    while (team.cards().length === before) {
      if (Date.now() > until) throw new Error("no ticket card was posted");
      await new Promise((r) => setTimeout(r, 20));
    }
    return { ticket, cardId: team.cards().at(-1)!.id, conversationId: input.conversationId };
  }

  /** What reached the person's chat. */
  const toPerson = (conversationId: string) =>
    channel.posted.filter((p) => p.method === "POST" && p.path.startsWith(`/v3/conversations/${conversationId}/activities`)).map((p) => p.activity.text as string);

  /** The invoke response as Teams reads it: HTTP status and the Universal Actions body. */
  const parse = (res: { status: number; body: string }) => ({ status: res.status, body: (res.body ? JSON.parse(res.body) : undefined) as Wire | undefined });

  /** Log lines at error level or above (pino: 50 error, 60 fatal). */
  const errorLines = () =>
    lotse
      .log()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { level: number; msg?: string; code?: string })
      .filter((l) => l.level >= 50);

  beforeAll(async () => {
    channel = await startChannel();
    lotse = await startLotseWithLog(tempDataDir(), { TICKETS_PER_CONTACT_PER_DAY: "100" });
    team = new NavigatorTeam(lotse, channel);
    await team.pair();
  });
  afterAll(async () => {
    await lotse?.close();
    await channel?.close();
  });

  it("take: the refreshed card shows who took it, for the clicker and in the channel message; the person is told", async () => {
    const { ticket, cardId, conversationId } = await ticketWithCard();
    const { status, body } = parse(await team.execute(ANNA, cardId, "take", { ticketId: ticket.id }));
    expect(status).toBe(200);
    expect(body).toMatchObject({ statusCode: 200, type: CARD });
    expect(cardProblems(body!.value)).toEqual([]);
    expect(cardTexts(body!.value)).toContain("Übernommen von Anna Schmidt");
    expect(cardButtons(body!.value).map((b) => b.title)).toEqual(expect.arrayContaining(["Antworten", "Abschließen"]));
    expect(cardButtons(body!.value).map((b) => b.title)).not.toContain("Übernehmen");
    // Everyone else sees the same card: the channel message was replaced in place.
    const updated = cardsOf([team.updates(cardId).at(-1)!])[0]!;
    expect(updated).toEqual(body!.value);
    expect(await service().get(ticket.id)).toMatchObject({ status: "taken", takenBy: { name: "Anna Schmidt" } });
    expect(toPerson(conversationId)).toContain(`Anna Schmidt aus dem Lotsen-Team hat Ihre Anfrage ${ticket.number} übernommen und antwortet Ihnen hier.`);
  });

  it("accepts the entities Teams sends with an invoke (client info)", async () => {
    const { ticket, cardId } = await ticketWithCard();
    const value = { action: { type: "Action.Execute", verb: "take", data: { ticketId: ticket.id } }, trigger: "manual" };
    const entities = [{ type: "clientInfo", locale: "de-DE", country: "DE", platform: "Windows", timezone: "Europe/Berlin" }];
    const { status, body } = parse(await team.invoke(ANNA, cardId, { name: "adaptiveCard/action", value, entities }));
    expect(status).toBe(200);
    expect(cardTexts(body!.value)).toContain("Übernommen von Anna Schmidt");
  });

  it("an automatic trigger (a client refreshing the card) shows the card and changes nothing", async () => {
    const { ticket, cardId } = await ticketWithCard();
    const { status, body } = parse(
      await team.invoke(ANNA, cardId, { name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: "take", data: { ticketId: ticket.id } }, trigger: "automatic" } }),
    );
    expect(status).toBe(200);
    expect(cardTexts(body!.value)).toContain("Offen – wartet auf eine Lotsin oder einen Lotsen");
    expect((await service().get(ticket.id))!.status).toBe("open");
  });

  it("reply: the text from the card's input reaches the person and shows in the card's thread", async () => {
    const { ticket, cardId, conversationId } = await ticketWithCard();
    await team.execute(ANNA, cardId, "take", { ticketId: ticket.id });
    const res = await team.execute(ANNA, cardId, "reply", { ticketId: ticket.id, text: "Gern, ich rufe Sie morgen an." });
    const { status, body } = parse(res);
    expect(status).toBe(200);
    expect(body).toMatchObject({ statusCode: 200, type: CARD });
    expect(toPerson(conversationId)).toContain("**Anna Schmidt** (Lotsen-Team): Gern, ich rufe Sie morgen an.");
    expect(team.thread(cardId).map((a) => a.text)).toContain("**Anna Schmidt** an die Person: Gern, ich rufe Sie morgen an.");
    expect((await service().get(ticket.id))!.messages.at(-1)).toMatchObject({ author: "navigator", authorName: "Anna Schmidt", text: "Gern, ich rufe Sie morgen an.", delivered: true });
    // The card's conversation view includes the reply.
    const transcript = cardButtons(body!.value).find((b) => b.title === "Gesprächsverlauf")!;
    expect(cardTexts(transcript.card).join("\n")).toContain("Gern, ich rufe Sie morgen an.");
  });

  it("the Action.Submit fallback of older clients replies too; a refusal is answered in the thread", async () => {
    const { ticket, cardId, conversationId } = await ticketWithCard();
    await team.click(ANNA, cardId, { action: "ticketTake", ticketId: ticket.id });
    const sent = await team.click(ANNA, cardId, { action: "ticketReply", ticketId: ticket.id, text: "Antwort vom alten Client." });
    expect(sent.status).toBe(200);
    expect(toPerson(conversationId)).toContain("**Anna Schmidt** (Lotsen-Team): Antwort vom alten Client.");
    expect(texts(sent.replies)).toEqual(["**Anna Schmidt** an die Person: Antwort vom alten Client."]);
    const refused = await team.click(BERND, cardId, { action: "ticketReply", ticketId: ticket.id, text: "Ich auch." });
    expect(texts(refused.replies)).toEqual([`${ticket.number} wurde von Anna Schmidt übernommen; nur sie/er kann antworten.`]);
  });

  it("reply on an open ticket takes it; an empty reply is refused with the reason on the card", async () => {
    const { ticket, cardId } = await ticketWithCard();
    const empty = parse(await team.execute(ANNA, cardId, "reply", { ticketId: ticket.id, text: "   " }));
    expect(empty.body).toMatchObject({ statusCode: 200, type: CARD });
    expect(cardTexts(empty.body!.value)[0]).toBe("Bitte schreiben Sie einen Text.");
    const missing = parse(await team.execute(ANNA, cardId, "reply", { ticketId: ticket.id }));
    expect(cardTexts(missing.body!.value)[0]).toBe("Bitte schreiben Sie einen Text.");
    expect((await service().get(ticket.id))!.status).toBe("open");
    const ok = parse(await team.execute(ANNA, cardId, "reply", { ticketId: ticket.id, text: "Ich kümmere mich." }));
    expect(cardTexts(ok.body!.value)).toContain("Übernommen von Anna Schmidt");
  });

  it("close: with the note from the card's input; the card shows who closed it, for everyone", async () => {
    const { ticket, cardId, conversationId } = await ticketWithCard();
    await team.execute(ANNA, cardId, "take", { ticketId: ticket.id });
    const { status, body } = parse(await team.execute(ANNA, cardId, "close", { ticketId: ticket.id, note: "Rückruf vereinbart" }));
    expect(status).toBe(200);
    expect(cardTexts(body!.value)).toEqual(expect.arrayContaining(["Abgeschlossen von Anna Schmidt", "Rückruf vereinbart"]));
    expect(cardButtons(body!.value).map((b) => b.type)).not.toContain("Action.Execute");
    expect(cardTexts(cardsOf([team.updates(cardId).at(-1)!])[0]!)).toContain("Abgeschlossen von Anna Schmidt");
    expect(await service().get(ticket.id)).toMatchObject({ status: "closed", closeNote: "Rückruf vereinbart" });
    expect(toPerson(conversationId).at(-1)).toMatch(/^Das Gespräch zu Ihrer Anfrage .* ist beendet/);
  });

  it("a second navigator taking a taken ticket gets an error card saying who has it, not an action", async () => {
    const { ticket, cardId } = await ticketWithCard();
    await team.execute(ANNA, cardId, "take", { ticketId: ticket.id });
    const updates = team.updates(cardId).length;
    const { status, body } = parse(await team.execute(BERND, cardId, "take", { ticketId: ticket.id }));
    expect(status).toBe(200);
    expect(body).toMatchObject({ statusCode: 200, type: CARD });
    expect(cardProblems(body!.value)).toEqual([]);
    // The reason above the ticket as it is now.
    expect(cardTexts(body!.value).slice(0, 3)).toEqual([`${ticket.number} wurde bereits von Anna Schmidt übernommen.`, `Anfrage ${ticket.number}`, "Übernommen von Anna Schmidt"]);
    const reply = parse(await team.execute(BERND, cardId, "reply", { ticketId: ticket.id, text: "Ich mach das." }));
    expect(cardTexts(reply.body!.value)[0]).toBe(`${ticket.number} wurde von Anna Schmidt übernommen; nur sie/er kann antworten.`);
    expect(await service().get(ticket.id)).toMatchObject({ status: "taken", takenBy: { name: "Anna Schmidt" } });
    expect((await service().get(ticket.id))!.messages.filter((m) => m.author === "navigator")).toEqual([]);
    expect(team.updates(cardId)).toHaveLength(updates);
    const gone = parse(await team.execute(ANNA, cardId, "take", { ticketId: 999_999 }));
    expect(cardTexts(gone.body!.value)).toEqual(["Es gibt kein Ticket L-999999."]);
  });

  it("another team, another tenant or a personal chat gets an error card without the ticket's data", async () => {
    const { ticket, cardId } = await ticketWithCard();
    const outsiders = [new NavigatorTeam(lotse, channel, "19:andere-abteilung@thread.tacv2"), new NavigatorTeam(lotse, channel, team.teamId, "tenant-elsewhere")];
    for (const outsider of outsiders) {
      for (const verb of ["take", "reply", "close"]) {
        const { status, body } = parse(await outsider.execute(ANNA, cardId, verb, { ticketId: ticket.id, text: "Hallo" }));
        expect(status).toBe(200);
        expect(body).toMatchObject({ statusCode: 200, type: CARD });
        expect(cardTexts(body!.value)).toEqual(["Diese Aktion ist nur im Kanal der Lotsen möglich."]);
        expect(JSON.stringify(body)).not.toMatch(/Erika|example\.org/);
      }
    }
    // A personal chat with Lotse (no team in channelData).
    const personal = team.activity({ id: "29:someone", name: "Jemand" }, "a:personal-chat", {
      type: "invoke",
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute", verb: "take", data: { ticketId: ticket.id } }, trigger: "manual" },
      conversation: { id: "a:personal-chat", conversationType: "personal", tenantId: team.tenantId },
      channelData: { team: undefined, channel: undefined },
    });
    const fromChat = parse(await team.post(personal));
    expect(cardTexts(fromChat.body!.value)).toEqual(["Diese Aktion ist nur im Kanal der Lotsen möglich."]);
    expect((await service().get(ticket.id))!.status).toBe("open");
  });

  it("junk invokes get a 400 or are ignored, change nothing and log no error", async () => {
    const { ticket, cardId } = await ticketWithCard();
    const errorsBefore = errorLines().length;
    const execute = (action: unknown) => ({ name: "adaptiveCard/action", value: { action, trigger: "manual" } });
    const take = { type: "Action.Execute", verb: "take", data: { ticketId: ticket.id } };
    const junk: Wire[] = [
      { name: "adaptiveCard/action" },
      { name: "adaptiveCard/action", value: null },
      { name: "adaptiveCard/action", value: "take" },
      { name: "adaptiveCard/action", value: { trigger: "manual" } },
      execute(null),
      execute({ type: "Action.Execute" }),
      execute({ ...take, verb: "delete" }),
      execute({ ...take, verb: "x".repeat(10_240) }),
      execute({ ...take, data: "ticketTake" }),
      execute({ ...take, data: null }),
      execute({ ...take, data: { ticketId: "1 OR 1=1" } }),
      execute({ ...take, data: { ticketId: -5 } }),
      execute({ type: "Action.Execute", verb: "reply", data: { ticketId: ticket.id, text: "x".repeat(10_240) } }),
      execute({ type: "Action.Execute", verb: "close", data: { ticketId: ticket.id, note: "ü".repeat(10_240) } }),
      // Teams sends client info entities with invokes; these are fine, the rest of the value is not.
      { ...execute({ ...take, verb: "nope" }), entities: [{ type: "clientInfo", locale: "de-DE", platform: "Web" }] },
      // Teams always sends a recipient and well-formed mentions; a forged invoke may not.
      { ...execute(take), recipient: undefined },
      { ...execute(take), entities: [null, 5, "mention", { type: "mention" }, { type: "mention", mentioned: null, text: 7 }, { type: 3 }] },
      { ...execute(take), entities: "mention" },
      { ...execute(take), entities: { type: "mention" } },
    ];
    for (const fields of junk) {
      const label = JSON.stringify(fields).slice(0, 120);
      const activity = team.activity({ id: ANNA.id, name: ANNA.name, aadObjectId: ANNA.aadObjectId }, `${team.channelId};messageid=${cardId}`, {
        type: "invoke",
        replyToId: cardId,
        ...fields,
      });
      if ("recipient" in fields && fields.recipient === undefined) delete activity.recipient;
      const res = await team.post(activity);
      const { status, body } = parse(res);
      if (status === 400) {
        // Either the request's shape was refused at the door, or the invoke answered Teams' way.
        if (body?.statusCode !== undefined) expect(body, label).toMatchObject({ statusCode: 400, type: "application/vnd.microsoft.error", value: { code: "BadRequest" } });
      } else {
        expect(status, label).toBe(200);
      }
      expect(res.replies, label).toEqual([]);
    }
    expect((await service().get(ticket.id))!.status).toBe("open");
    expect((await service().get(ticket.id))!.messages.filter((m) => m.author === "navigator")).toEqual([]);
    expect((await service().listAudit({ ticketId: ticket.id })).filter((e) => e.action.startsWith("ticket."))).toEqual([]);
    // Refusals are logged, as warnings (the log is read here at all).
    expect(lotse.log()).toContain('"code":"handoff.invalid_card_invoke"');
    expect(errorLines().slice(errorsBefore)).toEqual([]);
  });

  it("the invalid invokes of the list above answer 400 in the Universal Actions format", async () => {
    const { ticket, cardId } = await ticketWithCard();
    for (const action of [{ type: "Action.Execute", verb: "delete", data: { ticketId: ticket.id } }, { type: "Action.Execute", verb: "take", data: "x" }, null]) {
      const { status, body } = parse(await team.invoke(ANNA, cardId, { name: "adaptiveCard/action", value: { action, trigger: "manual" } }));
      expect(status).toBe(400);
      expect(body).toMatchObject({ statusCode: 400, type: "application/vnd.microsoft.error", value: { code: "BadRequest", message: expect.any(String) } });
    }
  });

  it("messages with a missing recipient or malformed mentions are ignored or answered, never a failed turn", async () => {
    const { ticket, cardId } = await ticketWithCard();
    await team.execute(ANNA, cardId, "take", { ticketId: ticket.id });
    const errorsBefore = errorLines().length;
    const thread = `${team.channelId};messageid=${cardId}`;
    const from = { id: ANNA.id, name: ANNA.name, aadObjectId: ANNA.aadObjectId };
    const noRecipient = team.activity(from, thread, { type: "message", text: "<at>Lotse</at> Hallo", entities: [{ type: "mention", text: "<at>Lotse</at>", mentioned: team.bot }] });
    delete noRecipient.recipient;
    for (const activity of [
      noRecipient,
      team.activity(from, thread, { type: "message", text: "<at>Lotse</at> Hallo", entities: [null, { type: "mention" }, { type: "mention", mentioned: { id: 5 } }] }),
      team.activity(from, thread, { type: "message", text: "<at>Lotse</at> Hallo", entities: "mention" }),
      team.activity(from, team.channelId, { type: "message", text: "<at>Lotse</at> koppeln", entities: [{ type: "mention", text: 42, mentioned: team.bot }] }),
    ]) {
      // Refused at the door (400: the Agents SDK's activity schema) or ignored (200); never a failed turn (500).
      expect([200, 400]).toContain((await team.post(activity)).status);
    }
    // Nothing reached the person: without a valid @mention of Lotse a thread message stays among the navigators.
    expect((await service().get(ticket.id))!.messages.filter((m) => m.author === "navigator")).toEqual([]);
    // A web chat user's message with junk entities and no recipient: refused with 400 (the Agents SDK
    // cannot reply without a recipient), never a failed turn.
    const user = new EmulatorUser(lotse, channel, "normal");
    const junk = user.activity({ type: "message", text: "Hallo", entities: [null, { type: "mention" }] });
    delete junk.recipient;
    const res = await fetch(`${lotse.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(junk) });
    expect(res.status).toBe(400);
    expect(errorLines().slice(errorsBefore)).toEqual([]);
  });

  it("invokes Lotse does not handle get a proper answer, never 501", async () => {
    const { cardId } = await ticketWithCard();
    const errorsBefore = errorLines().length;
    const outsider = new NavigatorTeam(lotse, channel, "19:andere-abteilung@thread.tacv2");
    for (const name of ["task/fetch", "task/submit", "foo/bar", "healthCheck", "composeExtension/selectItem", "actionableMessage/executeAction"]) {
      for (const who of [team, outsider]) {
        const res = await who.invoke(ANNA, cardId, { name, value: { data: { ticketId: 1 } } });
        expect(res.status, `${name} from ${who.teamId}`).toBe(200);
        expect(res.replies).toEqual([]);
      }
    }
    // Outside Teams too (the Emulator can send invokes).
    const user = new EmulatorUser(lotse, channel, "normal");
    expect((await user.send({ type: "invoke", name: "foo/bar", value: {} })).status).toBe(200);
    const card = await user.send({ type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: "take", data: { ticketId: 1 } } } });
    expect(card.status).toBe(400);
    expect(texts(card.replies)).toEqual([]);
    expect(errorLines().slice(errorsBefore)).toEqual([]);
  });
});
