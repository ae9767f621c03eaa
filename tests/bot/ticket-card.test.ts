/**
 * The navigators' ticket card as Teams renders it: Adaptive Card 1.5, its buttons Universal
 * Actions (Action.Execute with verbs take / reply / close) that fall back to Action.Submit on
 * older clients, the status saying who took or closed it, and the error card for a refused action.
 */
import { describe, expect, it } from "vitest";
import { TeamsTicketCards, ticketErrorCard } from "../../bot/cards/ticket-card.js";
import { TicketCardAction, TicketCardInvoke } from "../../bot/navigator-desk.js";
import { TICKET_LIMITS, type TicketWithMessages } from "../../src/handoff/ticket-store.js";
import { cardButtons, cardTexts, type Wire } from "../helpers/bot-harness.js";
import { AdaptiveCard15, cardProblems } from "./card-checks.js";

const cards = new TeamsTicketCards({ topicTitle: () => "Beschäftigung mit Duldung", timeZone: "Europe/Berlin" });

const AT = "2026-11-30T08:00:00.000Z";
const ANNA = { id: "teams:aad-anna", name: "Anna Schmidt" };

function ticket(fields: Partial<TicketWithMessages> = {}): TicketWithMessages {
  return {
    id: 42,
    number: "L-0042",
    status: "open",
    createdAt: AT,
    updatedAt: AT,
    name: "Erika Muster",
    organisation: "Bäckerei Muster",
    contact: { kind: "email", value: "erika@example.org" },
    question: "Darf ich eine Person mit Duldung als Aushilfe einstellen?",
    language: "de",
    audience: "employer",
    topics: ["beschaeftigung-duldung"],
    reason: "button",
    channel: "webchat",
    consentAt: AT,
    takenBy: null,
    takenAt: null,
    closedBy: null,
    closedAt: null,
    closeNote: null,
    postedToTeams: true,
    messages: [{ id: 1, ticketId: 42, at: AT, author: "user", authorName: null, text: "Hallo", delivered: null }],
    ...fields,
  };
}

const cardOf = (t: TicketWithMessages) => cards.card(t).card as Wire;

/** Every action of the card, those inside Action.ShowCard included. */
function allActions(card: Wire): Wire[] {
  return cardButtons(card).flatMap((b) => [b, ...(b.type === "Action.ShowCard" ? ((b.card.actions ?? []) as Wire[]) : [])]);
}

describe("the ticket card", () => {
  it("is a valid Adaptive Card 1.5 in every status", () => {
    for (const t of [ticket(), ticket({ status: "taken", takenBy: ANNA, takenAt: AT }), ticket({ status: "closed", takenBy: ANNA, closedBy: ANNA, closedAt: AT, closeNote: "Rückruf" })]) {
      const card = cardOf(t);
      expect(card.version).toBe("1.5");
      expect(cardProblems(card), t.status).toEqual([]);
    }
  });

  it("offers „Übernehmen“ while open, as Action.Execute with an Action.Submit fallback", () => {
    const card = cardOf(ticket());
    expect(cardTexts(card)).toContain("Offen – wartet auf eine Lotsin oder einen Lotsen");
    const take = cardButtons(card).find((b) => b.title === "Übernehmen")!;
    expect(take).toEqual({
      type: "Action.Execute",
      verb: "take",
      title: "Übernehmen",
      style: "positive",
      data: { ticketId: 42 },
      fallback: { type: "Action.Submit", title: "Übernehmen", style: "positive", data: { action: "ticketTake", ticketId: 42 } },
    });
    expect(allActions(card).map((a) => a.verb).filter(Boolean)).toEqual(["take"]);
  });

  it("shows who took it and offers „Antworten“ (with a text input) and „Abschließen“ (with a note)", () => {
    const card = cardOf(ticket({ status: "taken", takenBy: ANNA, takenAt: AT }));
    expect(cardTexts(card)).toContain("Übernommen von Anna Schmidt");
    const buttons = cardButtons(card);
    expect(buttons.map((b) => b.title)).not.toContain("Übernehmen");
    const reply = buttons.find((b) => b.title === "Antworten")!;
    expect(reply.card.body[0]).toMatchObject({ type: "Input.Text", id: "text", maxLength: TICKET_LIMITS.message });
    expect(reply.card.actions[0]).toMatchObject({ type: "Action.Execute", verb: "reply", data: { ticketId: 42 }, fallback: { type: "Action.Submit", data: { action: "ticketReply", ticketId: 42 } } });
    const close = buttons.find((b) => b.title === "Abschließen")!;
    expect(close.card.body[0]).toMatchObject({ type: "Input.Text", id: "note", maxLength: TICKET_LIMITS.note });
    expect(close.card.actions[0]).toMatchObject({ type: "Action.Execute", verb: "close", data: { ticketId: 42 }, fallback: { type: "Action.Submit", data: { action: "ticketClose", ticketId: 42 } } });
  });

  it("has no actions on the ticket once closed, and shows who closed it", () => {
    const card = cardOf(ticket({ status: "closed", takenBy: ANNA, closedBy: ANNA, closedAt: AT, closeNote: "Rückruf" }));
    expect(cardTexts(card)).toEqual(expect.arrayContaining(["Abgeschlossen von Anna Schmidt", "Rückruf"]));
    expect(allActions(card).filter((a) => a.type === "Action.Execute" || a.type === "Action.Submit")).toEqual([]);
  });

  it("gives every Action.Execute a fallback whose data the Action.Submit parser accepts, and the Execute data the invoke parser", () => {
    for (const t of [ticket(), ticket({ status: "taken", takenBy: ANNA, takenAt: AT })]) {
      for (const action of allActions(cardOf(t)).filter((a) => a.type === "Action.Execute")) {
        expect(action.fallback.type).toBe("Action.Submit");
        expect(TicketCardAction.safeParse(action.fallback.data).success, action.verb).toBe(true);
        const invoke = { action: { type: "Action.Execute", verb: action.verb, data: { ...action.data, text: "Hallo" } }, trigger: "manual" };
        expect(TicketCardInvoke.safeParse(invoke).success, action.verb).toBe(true);
      }
    }
  });

  it("the error card says why above the ticket, or alone where the ticket must not be shown", () => {
    const ticketCard = cardOf(ticket({ status: "taken", takenBy: ANNA, takenAt: AT }));
    const withTicket = ticketErrorCard("L-0042 wurde bereits von Anna Schmidt übernommen.", ticketCard) as Wire;
    expect(cardProblems(withTicket)).toEqual([]);
    expect(cardTexts(withTicket).slice(0, 3)).toEqual(["L-0042 wurde bereits von Anna Schmidt übernommen.", "Anfrage L-0042", "Übernommen von Anna Schmidt"]);
    // The ticket card itself is not changed (it may be cached or shown elsewhere).
    expect(cardTexts(ticketCard)[0]).toBe("Anfrage L-0042");
    const alone = ticketErrorCard("Diese Aktion ist nur im Kanal der Lotsen möglich.") as Wire;
    expect(AdaptiveCard15.safeParse(alone).success).toBe(true);
    expect(cardTexts(alone)).toEqual(["Diese Aktion ist nur im Kanal der Lotsen möglich."]);
    expect(JSON.stringify(alone)).not.toContain("Erika");
  });
});

describe("the card checks", () => {
  it("refuse an Action.Execute with a misspelt property or a fallback that is not an action", () => {
    const card = (action: Wire) => ({ type: "AdaptiveCard", version: "1.5", body: [], actions: [action] });
    expect(cardProblems(card({ type: "Action.Execute", verb: "take", title: "x", fallback: { type: "Action.Submit", title: "x" } }))).toEqual([]);
    expect(cardProblems(card({ type: "Action.Execute", verb: "take", titel: "x" }))).not.toEqual([]);
    expect(cardProblems(card({ type: "Action.Execute", verb: "take", fallback: { type: "TextBlock", text: "x" } }))).not.toEqual([]);
  });
});

describe("the invoke value parser", () => {
  const value = (action: unknown) => ({ action, trigger: "manual" });
  it("accepts the three verbs with a ticket id, reply text and note up to their limits", () => {
    expect(TicketCardInvoke.parse(value({ type: "Action.Execute", verb: "take", data: { ticketId: 1 } })).action).toEqual({ type: "Action.Execute", verb: "take", data: { ticketId: 1 } });
    expect(TicketCardInvoke.parse(value({ type: "Action.Execute", verb: "reply", data: { ticketId: 1 } })).action.data).toEqual({ ticketId: 1, text: "" });
    expect(TicketCardInvoke.safeParse(value({ type: "Action.Execute", verb: "reply", data: { ticketId: 1, text: "x".repeat(TICKET_LIMITS.message) } })).success).toBe(true);
    expect(TicketCardInvoke.safeParse(value({ type: "Action.Execute", verb: "close", data: { ticketId: 1, note: "ok" } })).success).toBe(true);
  });

  it("refuses junk: no action, unknown verb, data not an object, bad ids, huge strings", () => {
    for (const bad of [
      undefined,
      null,
      "take",
      {},
      value(undefined),
      value(null),
      value("take"),
      value({ type: "Action.Execute", verb: "delete", data: { ticketId: 1 } }),
      value({ type: "Action.Execute", data: { ticketId: 1 } }),
      value({ type: "Action.Submit", verb: "take", data: { ticketId: 1 } }),
      value({ type: "Action.Execute", verb: "take", data: "ticketId=1" }),
      value({ type: "Action.Execute", verb: "take", data: null }),
      value({ type: "Action.Execute", verb: "take", data: { ticketId: "1 OR 1=1" } }),
      value({ type: "Action.Execute", verb: "take", data: { ticketId: -1 } }),
      value({ type: "Action.Execute", verb: "take", data: { ticketId: 1.5 } }),
      value({ type: "Action.Execute", verb: "take", data: { ticketId: 1e300 } }),
      value({ type: "Action.Execute", verb: "reply", data: { ticketId: 1, text: "x".repeat(10_240) } }),
      value({ type: "Action.Execute", verb: "reply", data: { ticketId: 1, text: { $gt: "" } } }),
      value({ type: "Action.Execute", verb: "close", data: { ticketId: 1, note: "x".repeat(10_240) } }),
      { action: { type: "Action.Execute", verb: "take", data: { ticketId: 1 } }, trigger: "sometimes" },
    ]) {
      expect(TicketCardInvoke.safeParse(bad).success, JSON.stringify(bad)?.slice(0, 80)).toBe(false);
    }
  });
});
