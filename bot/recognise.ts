/**
 * Typed commands ("Hilfe", "Themen", "Sprache", …) in any of the UI languages, and picks from
 * the choices the bot offered last. The words live in the locale files, never here.
 */
import type { BotAction, CommandName } from "./actions.js";
import { COMMANDS } from "./actions.js";
import { LOCALES, UI_LANGUAGES, type UiLanguage } from "./i18n.js";
import type { OfferedChoice } from "./state.js";

export function normalise(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    // Arabic is typed with or without vowel marks and hamza; Ukrainian with any apostrophe.
    .replace(/[\u064B-\u0652\u0640]/gu, "")
    .replace(/[أإآ]/gu, "ا")
    .replace(/[’ʼ`']/gu, "'")
    .replace(/[,،]/gu, " ")
    .replace(/^[\s/!#]+/, "")
    .replace(/[\s.!?¿؟]+$/u, "")
    .replace(/\s+/g, " ")
    .trim();
}

function words(lang: UiLanguage, path: string[]): string[] {
  let node: unknown = LOCALES[lang];
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
  if (Array.isArray(node)) return node.map(String);
  return typeof node === "string" ? [node] : [];
}

const LOOKUP = new Map<string, BotAction>();
for (const lang of UI_LANGUAGES) {
  for (const command of COMMANDS) {
    for (const w of [...words(lang, ["commands", "words", command]), ...words(lang, ["commands", "labels", command])]) {
      LOOKUP.set(normalise(w), { action: "command", command: command as CommandName });
    }
  }
  for (const w of words(lang, ["answer", "navigator"])) LOOKUP.set(normalise(w), { action: "handoff" });
  for (const w of words(lang, ["audience", "change"])) LOOKUP.set(normalise(w), { action: "command", command: "audience" });
}
// "?" alone is help; normalise strips trailing punctuation, so map the empty string to it.
LOOKUP.set("", { action: "command", command: "help" });

/** A typed command, or undefined when the text is a question. */
export function recogniseCommand(text: string): BotAction | undefined {
  return LOOKUP.get(normalise(text));
}

/** A pick from the last offered choices, by label or by its number ("2"). */
export function recogniseChoice(text: string, offered: readonly OfferedChoice[]): BotAction | undefined {
  const t = normalise(text);
  if (!t) return undefined;
  const n = /^\d{1,2}$/.test(t) ? Number(t) : NaN;
  if (n >= 1 && n <= offered.length) return offered[n - 1]!.value;
  return offered.find((c) => normalise(c.label) === t)?.value;
}

export const HANDOFF_WORDS = ["yes", "no", "cancel", "end", "skip", "send"] as const;
export type HandoffWord = (typeof HANDOFF_WORDS)[number];

const HANDOFF_LOOKUP = new Map<string, HandoffWord>();
for (const lang of UI_LANGUAGES) {
  for (const word of HANDOFF_WORDS) {
    for (const w of words(lang, ["handoff", "words", word])) HANDOFF_LOOKUP.set(normalise(w), word);
  }
  for (const w of words(lang, ["handoff", "labels", "cancel"])) HANDOFF_LOOKUP.set(normalise(w), "cancel");
  for (const w of words(lang, ["handoff", "labels", "end"])) HANDOFF_LOOKUP.set(normalise(w), "end");
  for (const w of words(lang, ["handoff", "labels", "skip"])) HANDOFF_LOOKUP.set(normalise(w), "skip");
  for (const w of words(lang, ["handoff", "labels", "send"])) HANDOFF_LOOKUP.set(normalise(w), "send");
  for (const w of words(lang, ["handoff", "consentYes"])) HANDOFF_LOOKUP.set(normalise(w), "yes");
  for (const w of words(lang, ["handoff", "consentNo"])) HANDOFF_LOOKUP.set(normalise(w), "no");
}

/** Yes / no / cancel / end / skip / send typed during the handoff, in any UI language. */
export function recogniseHandoffWord(text: string): HandoffWord | undefined {
  return HANDOFF_LOOKUP.get(normalise(text));
}
