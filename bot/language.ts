/**
 * Which language a turn speaks. An explicit choice wins; otherwise the language follows the
 * question (engine detection), then the last question, then the channel's locale.
 */
import type { Language } from "../src/knowledge/index.js";
import { DEFAULT_UI_LANGUAGE, hasContentIn, uiLanguageFromLocale, type UiLanguage } from "./i18n.js";
import type { UserProfile } from "./state.js";

export function uiLanguage(profile: UserProfile, locale: string | undefined, detected?: Language): UiLanguage {
  return profile.language ?? detected ?? profile.lastLanguage ?? uiLanguageFromLocale(locale) ?? DEFAULT_UI_LANGUAGE;
}

/**
 * The language articles are shown in for this UI language. Articles exist in German and
 * English; Ukrainian and Arabic readers get English unless they chose German.
 */
export function articleLanguage(ui: UiLanguage, profile: UserProfile): Language {
  return hasContentIn(ui) ? ui : (profile.contentLanguage ?? "en");
}

const DATE_LOCALES: Record<UiLanguage, string> = { de: "de-DE", en: "en-GB", uk: "uk-UA", ar: "ar-u-nu-latn" };

// Creating an Intl.DateTimeFormat costs more than a whole search; make one per language.
const DATE_FORMATS = new Map<UiLanguage, Intl.DateTimeFormat>(
  (Object.keys(DATE_LOCALES) as UiLanguage[]).map((ui) => [ui, new Intl.DateTimeFormat(DATE_LOCALES[ui], { dateStyle: "medium", timeZone: "UTC" })]),
);

/** "2026-11-26" → "26.11.2026" (or the UI language's usual form). */
export function formatDate(iso: string, ui: UiLanguage): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return DATE_FORMATS.get(ui)!.format(date);
}
