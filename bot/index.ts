/** The conversation layer's public surface, for the hosting plugin and the tests. */
export { LotseBot, type Knowledge, type LotseBotOptions, type BotLogger } from "./lotse-bot.js";
export { apologiseForError } from "./turn-error.js";
export { startHandoff } from "./handoff-entry.js";
