/** The conversation layer's public surface, for the hosting plugin and the tests. */
export { LotseBot, type BotMetricsSink, type Knowledge, type LotseBotOptions } from "./lotse-bot.js";
export { apologiseForError } from "./turn-error.js";
export { HandoffDialogue, relayMessage, type HandoffSettings, type HandoffTickets } from "./handoff.js";
export { NavigatorDesk, TicketCardAction, threadRoot } from "./navigator-desk.js";
export { TeamsTicketCards } from "./cards/ticket-card.js";
