import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cardButtons,
  cardsOf,
  cardTexts,
  EmulatorUser,
  startChannel,
  startLotse,
  suggested,
  tempDataDir,
  texts,
  type Channel,
  type Lotse,
  type Wire,
} from "../helpers/bot-harness.js";
import { waitFor } from "../helpers/wait.js";
import { ANNA, BERND, NavigatorTeam, pairingCode, TENANT } from "../helpers/teams-harness.js";

const EQ_QUESTION = "Was ist eine Einstiegsqualifizierung?";
const NAVIGATOR = "Mit einer Lotsin / einem Lotsen sprechen";
// Erika asks many times in this file; the per-contact limit has its own test (tests/handoff/limits.test.ts).
const ENV = { NAVIGATOR_PUBLIC_PHONE: "0202 74763-0", NAVIGATOR_PUBLIC_EMAIL: "lotsen@example.org", TICKETS_PER_CONTACT_PER_DAY: "100" };

/** Everything Lotse sent into the user's conversation — turn replies and the relay's messages —, oldest first. */
function inConversation(channel: Channel, user: EmulatorUser): Wire[] {
  return channel.posted.filter((p) => p.method === "POST" && p.path.startsWith(`/v3/conversations/${user.conversationId}/activities`)).map((p) => p.activity);
}

/** Consent, name, organisation, contact and question: the whole dialogue up to the ticket. */
async function handOff(user: EmulatorUser, opts: { name?: string; organisation?: string; contact?: string } = {}) {
  await user.say(NAVIGATOR);
  await user.say("Ja, einverstanden");
  await user.say(opts.name ?? "Erika Muster");
  await user.say(opts.organisation ?? "Überspringen");
  const confirm = await user.say(opts.contact ?? "erika@example.org");
  if (suggested(confirm.replies).includes("So senden")) return user.say("So senden");
  return user.say("Frage zur Einstiegsqualifizierung");
}

const ticketNumber = (replies: Wire[]) => /L-\d{4}/.exec(texts(replies).join(" "))?.[0];

describe("handoff to a navigator over HTTP", () => {
  let channel: Channel;
  let lotse: Lotse;
  let dataDir: string;
  let team: NavigatorTeam;
  const user = (channelId = "webchat") => {
    const u = new EmulatorUser(lotse, channel, "normal");
    u.channelId = channelId;
    return u;
  };
  const service = () => lotse.app.handoff.service;
  const ticketOf = async (number: string) => (await service().get(Number(number.slice(2))))!;
  const cardOf = (number: string) =>
    waitFor(() => team.cards().find((p) => cardTexts(cardsOf([p.activity])[0]!).includes(`Anfrage ${number}`)), { message: `the Teams card of ${number}` });

  beforeAll(async () => {
    channel = await startChannel();
    dataDir = tempDataDir();
    lotse = await startLotse(dataDir, ENV);
    team = new NavigatorTeam(lotse, channel);
  });
  afterAll(async () => {
    await lotse.close();
    await channel.close();
  });

  it("captures the navigators' channel when a team is paired with the console's code", async () => {
    // Being added to a team alone makes nobody the navigators' (tests/server/navigator-channel.test.ts).
    const installed = await team.install();
    expect(installed.status).toBe(200);
    expect((await lotse.app.handoff.channels.current())).toBeUndefined();
    const { status, replies } = await team.typeCode(await pairingCode(lotse));
    expect(status).toBe(200);
    expect(texts(replies).join(" ")).toMatch(/Neue Anfragen erscheinen ab jetzt in diesem Kanal/);
    expect((await lotse.app.handoff.channels.current())).toMatchObject({ teamId: team.teamId, tenantId: TENANT, channelId: team.channelId, source: "pairing" });
  });

  it("web user: consent, ticket, Teams card, take, relay both ways, close, Lotse resumes", async () => {
    const u = user();
    await u.say(EQ_QUESTION);

    const intro = await u.say(NAVIGATOR);
    expect(texts(intro.replies)[0]).toMatch(/Lesen können das nur die Lotsinnen und Lotsen/);
    expect(texts(intro.replies)[0]).toMatch(/Wir löschen die Anfrage 90 Tage nach ihrem Abschluss/);
    expect(suggested(intro.replies)).toEqual(["Ja, einverstanden", "Nein, ohne Speicherung"]);

    expect(texts((await u.say("Ja, einverstanden")).replies)).toEqual(["Wie heißen Sie?"]);
    const org = await u.say("Erika Muster");
    expect(texts(org.replies)[0]).toMatch(/Für welchen Betrieb/);
    expect(suggested(org.replies)).toEqual(["Überspringen", "Abbrechen"]);
    expect(texts((await u.say("Bäckerei Muster GmbH")).replies)[0]).toMatch(/E-Mail-Adresse oder Telefonnummer/);
    const confirm = await u.say("Erika.Muster@Example.org");
    expect(texts(confirm.replies)[0]).toBe(`Ihre Frage in einem Satz: „${EQ_QUESTION}“ – soll ich sie so weitergeben? Sie können sie auch neu formulieren.`);

    const created = await u.say("So senden");
    const number = ticketNumber(created.replies)!;
    expect(texts(created.replies)[0]).toMatch(new RegExp(`^Danke! Ihre Anfrage hat die Nummer ${number}\\.`));
    expect(texts(created.replies)[0]).toMatch(/gerade im Dienst|nächsten Werktag – voraussichtlich/);
    expect(suggested(created.replies)).toEqual(["Gespräch beenden"]);

    // Teams hears about the ticket in the background, so the person's turn never waits for it.
    await lotse.app.handoff.teams.idle();
    const ticket = await ticketOf(number);
    expect(ticket).toMatchObject({
      status: "open",
      name: "Erika Muster",
      organisation: "Bäckerei Muster GmbH",
      contact: { kind: "email", value: "erika.muster@example.org" },
      question: EQ_QUESTION,
      language: "de",
      reason: "button",
      channel: "webchat",
      postedToTeams: true,
    });
    expect(ticket.topics).toContain("einstiegsqualifizierung");
    expect(ticket.messages.map((m) => [m.author, m.text])).toEqual(
      expect.arrayContaining([
        ["user", EQ_QUESTION],
        ["bot", expect.stringMatching(/^Einstiegsqualifizierung/)],
      ]),
    );

    // The card in Teams: the ticket and "Übernehmen".
    const posted = await cardOf(number);
    const card = cardsOf([posted.activity])[0]!;
    expect(cardTexts(card)).toEqual(expect.arrayContaining([`Anfrage ${number}`, "Offen – wartet auf eine Lotsin oder einen Lotsen", EQ_QUESTION.replace("?", "?")]));
    const take = cardButtons(card).find((b) => b.title === "Übernehmen")!;
    expect(take).toMatchObject({ type: "Action.Execute", verb: "take", data: { ticketId: ticket.id } });
    // Clicked here as a client without Universal Actions does: its Action.Submit fallback.
    expect(take.fallback.data).toEqual({ action: "ticketTake", ticketId: ticket.id });

    // While the ticket is open, what the person writes goes to the ticket and the card's thread.
    const more = await u.say("Wir möchten im März anfangen.");
    expect(texts(more.replies)).toEqual([`Ich habe Ihre Nachricht zur Anfrage ${number} hinzugefügt.`]);
    await lotse.app.handoff.teams.idle();
    expect(team.thread(posted.id).map((a) => a.text)).toContain("**Erika Muster** schreibt: Wir möchten im März anfangen.");

    // Anna takes it from the card: the card changes in place and the person is told.
    const taken = await team.click(ANNA, posted.id, take.fallback.data);
    expect(taken.status).toBe(200);
    expect(taken.replies).toEqual([]);
    const [update] = team.updates(posted.id);
    expect(cardTexts(cardsOf([update!])[0]!)).toContain("Übernommen von Anna Schmidt");
    expect(cardButtons(cardsOf([update!])[0]!).map((b) => [b.type, b.title])).toEqual(expect.arrayContaining([["Action.ShowCard", "Abschließen"]]));
    expect(cardButtons(cardsOf([update!])[0]!).map((b) => b.title)).not.toContain("Übernehmen");
    expect(inConversation(channel, u).map((a) => a.text)).toContain(`Anna Schmidt aus dem Lotsen-Team hat Ihre Anfrage ${number} übernommen und antwortet Ihnen hier.`);

    // Talk among navigators in the thread stays there.
    const internal = await team.chat(BERND, posted.id, "Anna, machst du das?");
    expect(internal.replies).toEqual([]);
    expect(inConversation(channel, u).map((a) => a.text).join(" ")).not.toContain("machst du das");

    // Anna answers in the card's thread (naming @Lotse); the answer reaches the person's chat.
    const reply = await team.reply(ANNA, posted.id, "Gern! Ich rufe Sie morgen um 10 Uhr an.");
    expect(reply.status).toBe(200);
    expect(inConversation(channel, u).map((a) => a.text)).toContain("**Anna Schmidt** (Lotsen-Team): Gern! Ich rufe Sie morgen um 10 Uhr an.");
    const answered = (await ticketOf(number)).messages.at(-1)!;
    expect(answered).toMatchObject({ author: "navigator", authorName: "Anna Schmidt", text: "Gern! Ich rufe Sie morgen um 10 Uhr an.", delivered: true });

    // The person answers back; Lotse stays quiet now that a human has the conversation.
    const back = await u.say("Prima, danke!");
    expect(back.replies).toEqual([]);
    expect((await ticketOf(number)).messages.at(-1)).toMatchObject({ author: "user", text: "Prima, danke!" });

    // Anna closes with a note: the card shows it, the person is told, Lotse answers again.
    const closeButton = cardButtons(cardsOf([update!])[0]!).find((b) => b.type === "Action.ShowCard" && b.title === "Abschließen")!;
    const submit = closeButton.card.actions[0].fallback;
    await team.click(ANNA, posted.id, { ...submit.data, note: "Rückruf vereinbart" });
    const closed = await ticketOf(number);
    expect(closed).toMatchObject({ status: "closed", closedBy: { name: "Anna Schmidt" }, closeNote: "Rückruf vereinbart" });
    expect(cardTexts(cardsOf([team.updates(posted.id).at(-1)!])[0]!)).toEqual(expect.arrayContaining(["Abgeschlossen von Anna Schmidt", "Rückruf vereinbart"]));
    expect(inConversation(channel, u).at(-1)!.text).toBe(`Das Gespräch zu Ihrer Anfrage ${number} ist beendet. Ich beantworte wieder Ihre Fragen – schreiben Sie einfach.`);

    const resumed = await u.say(EQ_QUESTION);
    expect(cardTexts(cardsOf(resumed.replies)[0]!)[0]).toMatch(/^Einstiegsqualifizierung/);

    const audit = (await service().listAudit({ ticketId: ticket.id })).map((e) => [e.action, e.actor.id]);
    expect(audit).toEqual([
      ["ticket.close", "teams:aad-anna"],
      ["ticket.reply", "teams:aad-anna"],
      ["ticket.take", "teams:aad-anna"],
    ]);
  });

  it("Teams user in a personal chat: the same handoff, and the person can end it", async () => {
    const u = user("msteams");
    const created = await handOff(u, { contact: "+49 (0) 202 1234-567" });
    const number = ticketNumber(created.replies)!;
    expect(await ticketOf(number)).toMatchObject({ channel: "msteams", contact: { kind: "phone", value: "+492021234567" } });

    const posted = await cardOf(number);
    await team.click(BERND, posted.id, { action: "ticketTake", ticketId: (await ticketOf(number)).id });
    await team.reply(BERND, posted.id, "Hallo, hier ist Bernd.");
    expect(inConversation(channel, u).map((a) => a.text)).toContain("**Bernd Weber** (Lotsen-Team): Hallo, hier ist Bernd.");

    const ended = await u.say("Gespräch beenden");
    expect(texts(ended.replies)).toEqual([`Sie haben das Gespräch zu Anfrage ${number} beendet. Ich beantworte wieder Ihre Fragen.`]);
    expect(await ticketOf(number)).toMatchObject({ status: "closed", closedBy: { id: "requester", name: "Erika Muster" } });
    await lotse.app.handoff.teams.idle();
    expect(team.thread(posted.id).map((a) => a.text)).toContain(`Die Person hat das Gespräch zu ${number} beendet.`);
    expect(cardTexts(cardsOf([team.updates(posted.id).at(-1)!])[0]!)).toContain("Abgeschlossen von Erika Muster");

    // A late reply in the thread is refused clearly.
    const late = await team.reply(BERND, posted.id, "Noch eine Frage?");
    expect(texts(late.replies)).toEqual([`${number} ist bereits abgeschlossen.`]);
  });

  it("without consent stores nothing and offers the directory and the public channels", async () => {
    const before = (await service().list()).total;
    const u = user();
    await u.say(NAVIGATOR);
    const no = await u.say("Nein, ohne Speicherung");
    const [text] = texts(no.replies);
    expect(text).toMatch(/^In Ordnung – ich speichere nichts\./);
    expect(text).toContain("Friedrich-Engels-Allee 28");
    expect(text).toContain("Telefon 0202 74763-0");
    expect(text).toContain("E-Mail lotsen@example.org");
    expect(suggested(no.replies)).toEqual(["Zuständigkeiten", "Themen"]);
    expect((await service().list()).total).toBe(before);

    const directory = await u.say("Zuständigkeiten");
    expect(cardTexts(cardsOf(directory.replies)[0]!).join(" ")).toMatch(/Zuständigkeiten/);
  });

  it("accepts typed yes/no and asks again for anything else at the consent step", async () => {
    const u = user();
    await u.say(NAVIGATOR);
    expect(texts((await u.say("vielleicht")).replies)).toEqual(["Bitte antworten Sie mit „Ja, einverstanden“ oder „Nein, ohne Speicherung“."]);
    expect(texts((await u.say("ja")).replies)).toEqual(["Wie heißen Sie?"]);
  });

  it.each(["consent", "name", "organisation", "contact", "question"])("can cancel at the %s step, and nothing is kept", async (step) => {
    const before = (await service().list()).total;
    const u = user();
    await u.say("Ich möchte mit einem Menschen sprechen");
    const answers = ["Ja, einverstanden", "Erika Abbruch", "Überspringen", "abbruch@example.org"];
    const steps = ["consent", "name", "organisation", "contact", "question"];
    for (const answer of answers.slice(0, steps.indexOf(step))) await u.say(answer);
    const cancelled = await u.say("Abbrechen");
    expect(texts(cancelled.replies)).toEqual(["Abgebrochen – ich habe nichts gespeichert. Stellen Sie mir gern weiter Fragen."]);
    expect((await service().list()).total).toBe(before);
    const state = await lotse.app.db.selectFrom("bot_state").select("data").where("data", "like", "%abbruch@example.org%").execute();
    expect(state).toEqual([]);
    const [card] = cardsOf((await u.say(EQ_QUESTION)).replies);
    expect(cardTexts(card!)[0]).toMatch(/^Einstiegsqualifizierung/);
  });

  it("validates name, contact and question, and rejects hostile input", async () => {
    const u = user();
    await u.say(NAVIGATOR);
    await u.say("Ja, einverstanden");
    for (const bad of ["erika@example.org", "0202 1234567", "x".repeat(101), "12345", "Erika\u0007Muster"]) {
      expect(texts((await u.say(bad)).replies)[0], bad).toMatch(/^Bitte nennen Sie nur Ihren Namen/);
    }
    await u.say("Robert'); DROP TABLE tickets;--");
    await u.say("<script>alert(1)</script>");
    for (const bad of ["ruf mich an", "erika@", "@example.org", "12", "+49 123", "0202 12345678901234567", "erika@example.org; rm -rf /", "x".repeat(300)]) {
      expect(texts((await u.say(bad)).replies)[0], bad).toMatch(/^Das sieht nicht nach einer E-Mail-Adresse oder Telefonnummer aus/);
    }
    await u.say("robert@example.org");
    const tooLong = await u.say("Frage ".repeat(200));
    expect(texts(tooLong.replies)[0]).toBe("Bitte beschreiben Sie Ihr Anliegen in höchstens 1000 Zeichen.");
    const created = await u.say("Wie stelle ich jemanden mit Duldung ein?");
    const ticket = await ticketOf(ticketNumber(created.replies)!);
    expect(ticket).toMatchObject({ name: "Robert'); DROP TABLE tickets;--", organisation: "<script>alert(1)</script>", question: "Wie stelle ich jemanden mit Duldung ein?" });
    // Markdown in what people typed must not become links or formatting on the navigators' card.
    const posted = await cardOf(ticket.number);
    expect(JSON.stringify(posted.activity)).toContain("Robert'); DROP TABLE tickets;--".replace(/[()]/g, (c) => `\\\\${c}`));
  });

  it("two navigators take the same ticket at once: exactly one wins, the other is told who", async () => {
    const created = await handOff(user());
    const ticket = await ticketOf(ticketNumber(created.replies)!);
    const posted = await cardOf(ticket.number);
    const data = { action: "ticketTake", ticketId: ticket.id };
    const [a, b] = await Promise.all([team.click(ANNA, posted.id, data), team.click(BERND, posted.id, data)]);
    const winner = (await ticketOf(ticket.number)).takenBy!.name;
    expect(["Anna Schmidt", "Bernd Weber"]).toContain(winner);
    const loserReplies = winner === "Anna Schmidt" ? b.replies : a.replies;
    const winnerReplies = winner === "Anna Schmidt" ? a.replies : b.replies;
    expect(winnerReplies).toEqual([]);
    expect(texts(loserReplies)).toEqual([`${ticket.number} wurde bereits von ${winner} übernommen.`]);
    expect((await service().listAudit({ ticketId: ticket.id })).filter((e) => e.action === "ticket.take")).toHaveLength(1);
  });

  it("two takes through the service at once: one resolves, one fails with already_taken", async () => {
    const created = await handOff(user());
    const ticket = await ticketOf(ticketNumber(created.replies)!);
    const results = await Promise.allSettled([
      service().take(ticket.id, { id: "token:a", name: "Konsole A" }),
      service().take(ticket.id, { id: "token:b", name: "Konsole B" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [failed] = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(failed!.reason).toMatchObject({ name: "TicketError", code: "already_taken", params: { number: ticket.number, takenBy: "Konsole A", byYou: false } });
  });

  it("Action.Execute from the card answers with the refreshed card", async () => {
    const created = await handOff(user());
    const ticket = await ticketOf(ticketNumber(created.replies)!);
    const posted = await cardOf(ticket.number);
    const res = await team.execute(ANNA, posted.id, "take", { ticketId: ticket.id });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as Wire;
    expect(body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    expect(cardTexts(body.value)).toContain("Übernommen von Anna Schmidt");
    const again = JSON.parse((await team.execute(BERND, posted.id, "take", { ticketId: ticket.id })).body) as Wire;
    expect(again).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    expect(cardTexts(again.value).slice(0, 2)).toEqual([`${ticket.number} wurde bereits von Anna Schmidt übernommen.`, `Anfrage ${ticket.number}`]);
  });

  it("a reply from the console reaches the person and shows in the card's thread", async () => {
    const u = user();
    const created = await handOff(u);
    const ticket = await ticketOf(ticketNumber(created.replies)!);
    const posted = await cardOf(ticket.number);
    const { delivered, message } = await service().reply(ticket.id, { id: "token:c", name: "Clara Console" }, "Ich melde mich per E-Mail.");
    expect(delivered).toBe(true);
    expect(message).toMatchObject({ author: "navigator", delivered: true });
    expect(inConversation(channel, u).map((a) => a.text)).toContain("**Clara Console** (Lotsen-Team): Ich melde mich per E-Mail.");
    expect(team.thread(posted.id).map((a) => a.text)).toContain("**Clara Console** (Konsole) an die Person: Ich melde mich per E-Mail.");
    await expect(service().reply(ticket.id, ANNA_ACTOR, "Ich auch")).rejects.toMatchObject({ code: "taken_by_other" });
  });

  it("refuses ticket actions from people, other teams and other tenants", async () => {
    const created = await handOff(user());
    const ticket = await ticketOf(ticketNumber(created.replies)!);
    const posted = await cardOf(ticket.number);

    // A chat user forging the card's data.
    const forged = await user().click({ action: "ticketTake", ticketId: ticket.id });
    expect(texts(forged.replies)).toEqual(["Diese Schaltfläche kann ich nicht (mehr) ausführen. Bitte stellen Sie Ihre Frage einfach neu."]);

    const otherTeam = new NavigatorTeam(lotse, channel, "19:andere-abteilung@thread.tacv2");
    const outsider = await otherTeam.click(ANNA, posted.id, { action: "ticketTake", ticketId: ticket.id });
    expect(texts(outsider.replies)).toEqual(["Diese Aktion ist nur im Kanal der Lotsen möglich."]);
    const otherTenant = new NavigatorTeam(lotse, channel, team.teamId, "tenant-elsewhere");
    const foreign = await otherTenant.reply(ANNA, posted.id, "Hallo");
    expect(texts(foreign.replies)).toEqual(["Diese Aktion ist nur im Kanal der Lotsen möglich."]);

    for (const value of [{ action: "ticketTake", ticketId: "1 OR 1=1" }, { action: "ticketTake" }, { action: "ticketClose", ticketId: ticket.id, note: "x".repeat(5000) }, { action: "drop" }, "ticketTake", null]) {
      const res = await team.click(ANNA, posted.id, value);
      expect(res.status).toBe(200);
      if (value !== null) expect(texts(res.replies)).toEqual(["Zu diesem Thread gibt es keine (offene) Anfrage mehr."]);
    }
    const missing = await team.click(ANNA, posted.id, { action: "ticketTake", ticketId: 999_999 });
    expect(texts(missing.replies)).toEqual(["Es gibt kein Ticket L-999999."]);
    expect((await ticketOf(ticket.number)).status).toBe("open");
  });

  it("keeps the dialogue, the ticket and the relay across a restart", async () => {
    const u = user();
    await u.say(NAVIGATOR);
    await u.say("Ja, einverstanden");
    await u.say("Renate Restart");

    await lotse.close();
    lotse = await startLotse(dataDir, ENV);
    u.lotse = lotse;
    team.lotse = lotse;

    await u.say("Überspringen");
    await u.say("renate@example.org");
    const created = await u.say("So senden");
    const ticket = await ticketOf(ticketNumber(created.replies)!);
    expect(ticket).toMatchObject({ name: "Renate Restart", status: "open" });
    const posted = await cardOf(ticket.number);
    await team.click(ANNA, posted.id, { action: "ticketTake", ticketId: ticket.id });

    await lotse.close();
    lotse = await startLotse(dataDir, ENV);
    u.lotse = lotse;
    team.lotse = lotse;

    await team.reply(ANNA, posted.id, "Nach dem Neustart noch da?");
    expect(inConversation(channel, u).map((a) => a.text)).toContain("**Anna Schmidt** (Lotsen-Team): Nach dem Neustart noch da?");
    expect((await u.say("Ja, alles da.")).replies).toEqual([]);
    expect((await ticketOf(ticket.number)).messages.at(-1)).toMatchObject({ author: "user", text: "Ja, alles da." });
  });

  it("posts tickets created before Lotse joined a team once it joins and is paired", async () => {
    await team.uninstall();
    expect((await lotse.app.handoff.channels.current())).toBeUndefined();
    const created = await handOff(user());
    const number = ticketNumber(created.replies)!;
    expect((await ticketOf(number)).postedToTeams).toBe(false);
    // Removing Lotse dropped the pairing: joining again is not enough, the team is paired anew.
    await team.install();
    await lotse.app.handoff.teams.idle();
    expect((await ticketOf(number)).postedToTeams).toBe(false);
    await team.typeCode(await pairingCode(lotse));
    await cardOf(number);
    await lotse.app.handoff.teams.idle();
    expect((await ticketOf(number)).postedToTeams).toBe(true);
  });
});

const ANNA_ACTOR = { id: `teams:${ANNA.aadObjectId}`, name: ANNA.name };
