/**
 * The console's texts, from src/console/locales/*.json (bundled into console.js). German is the
 * console's language and the default; English serves an English locale. A missing English string
 * falls back to German rather than showing a key.
 */
import de from "../locales/de.json" with { type: "json" };
import en from "../locales/en.json" with { type: "json" };

export type Lang = "de" | "en";
export type MessageKey = keyof typeof de;
type Vars = Record<string, string | number | null | undefined>;

const STRINGS: Record<Lang, Record<string, string>> = { de, en };
let current: Lang = "de";

export function lang(): Lang {
  return current;
}

function fill(text: string, vars?: Vars): string {
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? "")) : text;
}

export function t(key: MessageKey, vars?: Vars): string {
  return fill(STRINGS[current][key] ?? STRINGS.de[key] ?? key, vars);
}

/**
 * A text whose key is built at run time (an error code, an audit action), or undefined: also when
 * the text needs a value `vars` lacks (the same code from another route, with other params).
 */
export function tMaybe(key: string, vars: Vars = {}): string | undefined {
  const text = STRINGS[current][key] ?? STRINGS.de[key];
  if (text === undefined) return undefined;
  for (const [, name] of text.matchAll(/\{(\w+)\}/g)) if (vars[name!] === undefined || vars[name!] === null) return undefined;
  return fill(text, vars);
}

/** Teams' locale (`de-de`, `en-us`) or the browser's; German when there is none. */
export function setLang(locale: string | null | undefined): Lang {
  current = !locale || /^de\b/i.test(locale) ? "de" : "en";
  document.documentElement.lang = current;
  return current;
}

const dateFormat = () => new Intl.DateTimeFormat(current === "de" ? "de-DE" : "en-GB", { dateStyle: "short", timeStyle: "short" });
const dayFormat = () => new Intl.DateTimeFormat(current === "de" ? "de-DE" : "en-GB", { dateStyle: "medium", timeZone: "UTC" });

export function formatDate(iso: string | null | undefined): string {
  return iso ? dateFormat().format(new Date(iso)) : "";
}

/** A calendar date (YYYY-MM-DD) as the reader writes it. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return "";
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat().format(date);
}
