/** Tiny tickets for the handoff tests. */
import type { NewTicket } from "../../src/handoff/ticket-store.js";

export function newTicket(fields: Partial<NewTicket> = {}): NewTicket {
  return {
    name: "Erika Muster",
    organisation: "Bäckerei Muster GmbH",
    contact: { kind: "email", value: "erika@example.org" },
    question: "Darf ich jemanden mit Duldung einstellen?",
    language: "de",
    audience: "employer",
    topics: ["duldung-arbeit"],
    reason: "button",
    channel: "webchat",
    conversationId: `conv-${Math.random().toString(36).slice(2)}`,
    conversationReference: { channelId: "webchat", serviceUrl: "https://example.invalid", conversation: { id: "c" }, user: { id: "u", name: "Erika" } },
    consentAt: "2026-11-25T09:00:00.000Z",
    transcript: [
      { author: "user", text: "Darf ich jemanden mit Duldung einstellen?", at: "2026-11-25T08:59:00.000Z" },
      { author: "bot", text: "Arbeiten mit Duldung", at: "2026-11-25T08:59:01.000Z" },
    ],
    ...fields,
  };
}
