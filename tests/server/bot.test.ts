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
  type DeliveryMode,
  type Lotse,
} from "../helpers/bot-harness.js";
import { DETAILS_ID } from "../../bot/cards/answer-card.js";
import { cardProblems, textsIn, visibleButtons, visibleTexts } from "../bot/card-checks.js";

const EQ_QUESTION = "Was ist eine Einstiegsqualifizierung?";
const NAVIGATOR = "Mit einer Lotsin / einem Lotsen sprechen";

describe.each<DeliveryMode>(["normal", "expectReplies"])("the bot over HTTP, %s delivery", (mode) => {
  let channel: Channel;
  let lotse: Lotse;
  let dataDir: string;
  const user = () => new EmulatorUser(lotse, channel, mode);

  beforeAll(async () => {
    channel = await startChannel();
    dataDir = tempDataDir();
    lotse = await startLotse(dataDir);
  });
  afterAll(async () => {
    await lotse.close();
    await channel.close();
  });

  it("welcomes a new user, explains itself and asks who they are", async () => {
    const { status, replies } = await user().join();
    expect(status).toBe(200);
    const [welcome] = cardsOf(replies);
    expect(welcome).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    expect(cardTexts(welcome!)).toContain("Willkommen bei Lotse");
    expect(cardTexts(welcome!).join(" ")).toMatch(/keine Rechtsberatung/);
    expect(cardButtons(welcome!).map((b) => b.title)).toContain(NAVIGATOR);
    expect(suggested(replies)).toEqual(["Arbeitgeber", "Kammer/Verband", "Verein/Ehrenamt"]);
  });

  it("remembers the role the user picks", async () => {
    const u = user();
    await u.join();
    const { replies } = await u.say("Arbeitgeber");
    expect(texts(replies).join(" ")).toContain("„Arbeitgeber“");
  });

  it("answers with a short card: title, short answer, Stand and the buttons; legal basis, sources and contacts behind one toggle", async () => {
    const { status, replies } = await user().say(EQ_QUESTION);
    expect(status).toBe(200);
    const [card] = cardsOf(replies);
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5", lang: "de" });
    expect(cardProblems(card)).toEqual([]);
    const visible = visibleTexts(card!);
    expect(visible[0]).toMatch(/^Einstiegsqualifizierung/);
    expect(visible[1]).toMatch(/^Die Einstiegsqualifizierung \(EQ\) ist/);
    expect(visible[2]).toMatch(/^Stand: \d{2}\.\d{2}\.\d{4}$/);
    const hidden = textsIn(card!, DETAILS_ID);
    expect(hidden).toEqual(expect.arrayContaining(["Rechtsgrundlage", "Quellen", "Ansprechstellen"]));
    expect(hidden.join("\n")).toContain("§ 54a SGB III");
    expect(visible).not.toEqual(expect.arrayContaining(["Rechtsgrundlage"]));
    expect(visible.join("\n")).not.toContain("Arbeitgeber-Service");
    const buttons = visibleButtons(card!);
    expect(buttons.map((b) => b.title)).toEqual(expect.arrayContaining(["Mehr anzeigen / weniger anzeigen", "Hilfreich", "Nicht hilfreich", NAVIGATOR]));
    expect(buttons.find((b) => b.type === "Action.ToggleVisibility")?.targetElements).toEqual([DETAILS_ID]);
    const related = buttons.filter((b) => b.data?.action === "show");
    expect(related.length).toBeGreaterThan(0);
    expect(related.length).toBeLessThanOrEqual(3);
  });

  it("shows a related article when its button is clicked", async () => {
    const u = user();
    const [card] = cardsOf((await u.say(EQ_QUESTION)).replies);
    // Clickable without expanding the card.
    const button = visibleButtons(card!).find((b) => b.data?.action === "show")!;
    const [next] = cardsOf((await u.click(button.data)).replies);
    expect(cardTexts(next!)[0]).toBe(button.title);
  });

  it("asks 'Meinten Sie …?' with the candidates as buttons and shows the picked one", async () => {
    // A one-word question about a topic with several articles asks back (pinned in tests/knowledge/search.test.ts too).
    const u = user();
    const { replies } = await u.say("Ausbildung");
    expect(texts(replies)).toEqual(["Meinten Sie …?"]);
    const choices = suggested(replies);
    expect(choices).toEqual([
      "Ausbildung während des Asylverfahrens beginnen (mit Aufenthaltsgestattung)",
      "Ausbildung beginnen – Geflüchtete als Azubis einstellen",
      "Aufenthalt während und nach der Ausbildung (§ 60c, § 16g, § 19d Abs. 1a)",
      NAVIGATOR,
    ]);
    const [card] = cardsOf((await u.say(choices[0]!)).replies);
    expect(cardTexts(card!)[0]).toBe(choices[0]);
  });

  it("says honestly when it has no answer, offers the navigator, and after two misses offers it on its own", async () => {
    const u = user();
    const first = await u.say("xyzzy blorp");
    expect(texts(first.replies).join(" ")).toMatch(/keine Antwort/);
    expect(suggested(first.replies)).toContain(NAVIGATOR);
    // An IBAN, not a phone number: a number left in the chat asks to be called back.
    const second = await u.say("qwxz plorf, IBAN DE89 3704 0044 0532 0130 00");
    expect(texts(second.replies).join(" ")).toMatch(/zweimal nicht weiterhelfen/);
    const handoff = await u.say(NAVIGATOR);
    expect(texts(handoff.replies).join(" ")).toMatch(/verbinde Sie mit einer Lotsin/);
    const stored = (await lotse.app.bot.records.listUnanswered()).map((r) => r.question);
    expect(stored).toContain("qwxz plorf, IBAN [IBAN]");
    expect(stored.join(" ")).not.toContain("0532");
  });

  it("takes a phone number left in the chat as a wish to be called back, and asks consent first", async () => {
    const { replies } = await user().say("qwxz plorf, meine Nummer 0176 12345678");
    expect(texts(replies).join(" ")).toMatch(/verbinde Sie mit einer Lotsin.*einverstanden/s);
    const stored = (await lotse.app.bot.records.listUnanswered()).map((r) => r.question);
    expect(stored.join(" ")).not.toContain("12345678");
  });

  it("recognises a request for a human and starts the handoff", async () => {
    const { replies } = await user().say("Ich möchte mit einem Menschen sprechen");
    expect(texts(replies).join(" ")).toMatch(/verbinde Sie mit einer Lotsin/);
  });

  it("stores feedback with an optional comment, scrubbed of contact details", async () => {
    const u = user();
    await u.say(EQ_QUESTION);
    const { replies } = await u.click({ action: "feedback", id: "einstiegsqualifizierung", helpful: false, comment: "Bitte an info@example.org schreiben" });
    expect(texts(replies).join(" ")).toMatch(/Danke/);
    expect(suggested(replies)).toContain(NAVIGATOR);
    const stored = (await lotse.app.bot.records.listFeedback()).at(-1);
    expect(stored).toMatchObject({ articleId: "einstiegsqualifizierung", helpful: false, comment: "Bitte an [E-Mail] schreiben", question: EQ_QUESTION, channel: "emulator" });
  });

  it("understands the commands Hilfe, Themen and Neu starten", async () => {
    const u = user();
    const help = await u.say("Hilfe");
    expect(texts(help.replies)[0]).toMatch(/Themen/);
    expect(suggested(help.replies)).toEqual(expect.arrayContaining(["Themen", "Sprache / Language", "Neu starten", NAVIGATOR]));

    const topics = await u.say("Themen");
    expect(suggested(topics.replies)).toHaveLength(8);
    const area = await u.say("Ausbildung");
    const [card] = cardsOf(area.replies);
    const choiceSet = card!.body.find((e: { type: string }) => e.type === "Input.ChoiceSet");
    expect(choiceSet.choices.length).toBeGreaterThan(0);
    const picked = choiceSet.choices[0];
    // Action.Submit merges the chosen input ("id") into the action's data.
    const [article] = cardsOf((await u.click({ ...cardButtons(card!)[0]!.data, id: picked.value })).replies);
    expect(cardTexts(article!)[0]).toBe(picked.title);

    const restart = await u.say("Neu starten");
    expect(texts(restart.replies)[0]).toBe("Das Gespräch beginnt von vorne.");
    expect(cardTexts(cardsOf(restart.replies)[0]!)).toContain("Willkommen bei Lotse");
  });

  it("rejects a tampered card action cleanly and stores nothing", async () => {
    const u = user();
    const before = (await lotse.app.bot.records.listFeedback()).length;
    for (const value of [{ action: "show", id: "does-not-exist" }, { action: "feedback", id: "einstiegsqualifizierung", helpful: "yes" }, { action: "drop-tables" }, "just a string"]) {
      const { status, replies } = await u.click(value);
      expect(status).toBe(200);
      expect(texts(replies)).toEqual(["Diese Schaltfläche kann ich nicht (mehr) ausführen. Bitte stellen Sie Ihre Frage einfach neu."]);
    }
    expect(await lotse.app.bot.records.listFeedback()).toHaveLength(before);
  });

  it("switches language on request and keeps it across a server restart", async () => {
    const u = user();
    const prompt = await u.say("Sprache");
    expect(suggested(prompt.replies)).toEqual(["Deutsch", "English", "Українська", "العربية"]);
    const changed = await u.say("English");
    expect(texts(changed.replies)).toEqual(["I will answer in English from now on."]);

    await lotse.close();
    lotse = await startLotse(dataDir);
    u.lotse = lotse;

    const [card] = cardsOf((await u.say(EQ_QUESTION)).replies);
    expect(card).toMatchObject({ lang: "en" });
    expect(visibleTexts(card!).some((l) => l.startsWith("As of:"))).toBe(true);
    expect(visibleButtons(card!).map((b) => b.title)).toEqual(expect.arrayContaining(["Show more / show less", "Helpful", "Not helpful", "Talk to a navigator"]));
  });

  it("answers Arabic-UI users right-to-left with the English article and a note", async () => {
    const u = user();
    await u.say("Sprache");
    await u.say("العربية");
    const [card] = cardsOf((await u.say(EQ_QUESTION)).replies);
    expect(card).toMatchObject({ lang: "ar", rtl: true });
    const lines = visibleTexts(card!);
    expect(lines[0]).toMatch(/^Entry qualification/);
    expect(lines[1]).toBe("هذه الإجابة متوفرة باللغة الإنجليزية فقط.");
    // The English title and text stay left-to-right inside the right-to-left card.
    expect(card!.body[0]).toMatchObject({ type: "Container", rtl: false });
    expect(visibleButtons(card!).map((b) => b.title)).toContain("عرض المزيد / عرض أقل");
  });
});
