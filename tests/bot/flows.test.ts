/**
 * Guided referrals in the chat, over real HTTP (Emulator protocol): every path of every bundled
 * flow, with back, restart and the refusal of superseded buttons; as cards and as text.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlowPath } from "../../src/knowledge/flows/catalog.js";
import {
  cardButtons,
  cardsOf,
  cardTexts,
  EmulatorUser,
  sharedEngine,
  startChannel,
  startLotse,
  suggested,
  tempDataDir,
  texts,
  type Channel,
  type Lotse,
  type Wire,
} from "../helpers/bot-harness.js";

const CLOSED = "Diese Auswahl ist nicht mehr offen.";

let channel: Channel;
let lotse: Lotse;
beforeAll(async () => {
  channel = await startChannel();
  lotse = await startLotse(tempDataDir());
});
afterAll(async () => {
  await lotse?.close();
  await channel?.close();
});

const engine = sharedEngine();
const paths: FlowPath[] = engine.flows.flows.flatMap((f) => engine.flows.paths(f.id));
const flowButtons = (card: Wire) => cardButtons(card).filter((b) => b.data?.action === "flow");
/** The card showing a flow step or leaf: the one with flow buttons. */
const flowCard = (replies: Wire[]) => {
  const card = cardsOf(replies).find((c) => flowButtons(c).length > 0);
  expect(card, JSON.stringify(replies.map((r) => r.text ?? r.attachments?.length))).toBeDefined();
  return card!;
};
const button = (card: Wire, go: string, option?: number) => {
  const b = flowButtons(card).find((x) => x.data.go === go && (option === undefined || x.data.option === option));
  expect(b, `${go} ${option ?? ""}`).toBeDefined();
  return b!;
};
const navTitles = (card: Wire) => flowButtons(card).filter((b) => b.data.go !== "option").map((b) => b.title);
const question = (flow: string, step: string) => engine.flows.step(flow, step, "de")!.question;

describe("flows as Adaptive Cards", () => {
  it.each(paths.map((p) => [`${p.flow}: ${p.choices.join(" → ")}`, p] as const))("walks %s, back, restart", async (_, path) => {
    const flow = engine.flows.get(path.flow)!;
    const user = new EmulatorUser(lotse, channel, "expectReplies");

    // A broad trigger question starts the flow with its intro and first question.
    let card = flowCard((await user.say(flow.questions.de[0]!)).replies);
    expect(cardTexts(card)).toEqual(expect.arrayContaining([flow.intro.de, question(path.flow, flow.start)]));
    const first = card;
    let previous = card;

    for (const [i, choice] of path.choices.entries()) {
      expect(navTitles(card)).toEqual(["Zurück", "Neu beginnen"]);
      const option = button(card, "option", choice);
      expect(option.title).toBe(flow.steps[path.steps[i]!]!.options[choice]!.label.de);
      const replies = (await user.click(option.data)).replies;
      previous = card;
      card = flowCard(replies);
      if (i < path.choices.length - 1) {
        expect(cardTexts(card)).toContain(question(path.flow, path.steps[i + 1]!));
        continue;
      }
      if ("article" in path.end) {
        // The normal answer card, then the way back into the flow.
        const answer = cardsOf(replies)[0]!;
        expect(cardTexts(answer)[0]).toBe(engine.article(path.end.article)!.de.title);
      } else {
        const referral = engine.flows.referral(path.flow, path.end.referral, "de")!;
        const shown = cardTexts(card);
        expect(shown).toEqual(expect.arrayContaining([referral.title, "Bitte mitbringen", referral.bring.map((b) => `- ${b}`).join("\n")]));
        for (const c of referral.contacts) expect(shown.join("\n")).toContain(c.name);
      }
    }
    const leaf = card;
    expect(flowButtons(leaf).map((b) => b.title)).toEqual(["Zurück", "Neu beginnen"]);

    // A button of a step already answered is closed.
    expect(texts((await user.click(button(previous, "option", path.choices.at(-1)!).data)).replies)).toEqual([CLOSED]);

    // Back from the leaf: the last question again.
    card = flowCard((await user.click(button(leaf, "back").data)).replies);
    expect(cardTexts(card)).toContain(question(path.flow, path.steps.at(-1)!));
    expect(texts((await user.click(button(leaf, "back").data)).replies)).toEqual([CLOSED]);

    // Start again: the first question with the intro; every older button is closed.
    card = flowCard((await user.click(button(card, "restart").data)).replies);
    expect(cardTexts(card)).toEqual(expect.arrayContaining([flow.intro.de, question(path.flow, flow.start)]));
    expect(texts((await user.click(button(first, "option", path.choices[0]!).data)).replies)).toEqual([CLOSED]);
    card = flowCard((await user.click(button(card, "option", path.choices[0]!).data)).replies);
    expect(flowButtons(card).length).toBeGreaterThanOrEqual(2);
  });

  it("leaves the guide with back on the first question", async () => {
    const user = new EmulatorUser(lotse, channel, "expectReplies");
    const card = flowCard((await user.say("Welche Förderung gibt es?")).replies);
    expect(texts((await user.click(button(card, "back").data)).replies)).toEqual(["Sie haben den Wegweiser verlassen. Stellen Sie Ihre Frage gern direkt."]);
    expect(texts((await user.click(button(card, "option", 0).data)).replies)).toEqual([CLOSED]);
  });

  it("refuses a forged flow button", async () => {
    const user = new EmulatorUser(lotse, channel, "expectReplies");
    const card = flowCard((await user.say("Welches Amt ist zuständig?")).replies);
    const forged = { ...button(card, "option", 0).data, instance: "00000000" };
    expect(texts((await user.click(forged)).replies)).toEqual([CLOSED]);
    expect(texts((await user.click({ ...forged, option: 9 })).replies)).toEqual(["Diese Schaltfläche kann ich nicht (mehr) ausführen. Bitte stellen Sie Ihre Frage einfach neu."]);
  });

  it("shows the flow in a Ukrainian chat with Ukrainian buttons and the content note", async () => {
    const user = new EmulatorUser(lotse, channel, "expectReplies", "uk-UA");
    await user.click({ action: "language", language: "uk" });
    const card = flowCard((await user.say("Чи може ця людина працювати?")).replies);
    expect(card.lang).toBe("uk");
    expect(navTitles(card)).toEqual(["Назад", "Почати знову"]);
    // The flow is written in German and English: a note says which one is shown.
    expect(cardTexts(card).some((t) => t.includes("німецькою") || t.includes("англійською"))).toBe(true);
  });
});

describe("flows as text with suggested actions", () => {
  it.each(paths.map((p) => [`${p.flow}: ${p.choices.join(" → ")}`, p] as const))("walks %s by typing numbers and labels", async (_, path) => {
    const flow = engine.flows.get(path.flow)!;
    const user = new EmulatorUser(lotse, channel, "expectReplies");
    user.channelId = "telegram";
    let replies = (await user.say(flow.questions.de[0]!)).replies;
    for (const [i, choice] of path.choices.entries()) {
      const step = flow.steps[path.steps[i]!]!;
      expect(texts(replies).join("\n")).toContain(step.question.de);
      expect(suggested(replies)).toEqual([...step.options.map((o) => o.label.de), "Zurück", "Neu beginnen"]);
      replies = (await user.say(String(choice + 1))).replies;
    }
    if ("referral" in path.end) {
      const referral = engine.flows.referral(path.flow, path.end.referral, "de")!;
      expect(texts(replies).join("\n")).toContain(referral.title);
      expect(texts(replies).join("\n")).toContain("Bitte mitbringen:");
    } else {
      expect(texts(replies).join("\n")).toContain(engine.article(path.end.article)!.de.title.toUpperCase());
    }
    // The last message offers the way back into the flow (after the article's own choices).
    expect(suggested([replies.at(-1)!]).slice(0, 2)).toEqual(["Zurück", "Neu beginnen"]);
    replies = (await user.say("Zurück")).replies;
    expect(texts(replies).join("\n")).toContain(flow.steps[path.steps.at(-1)!]!.question.de);
    replies = (await user.say("Neu beginnen")).replies;
    expect(texts(replies).join("\n")).toContain(flow.intro.de);
  });
});
