/**
 * The bot's phrases: i18next over the JSON files in bot/locales. German is the default and
 * the fallback; content (articles) exists only in German and English.
 */
import { readFileSync } from "node:fs";
import i18next, { type TFunction } from "i18next";
import type { Language } from "../src/knowledge/index.js";

export const UI_LANGUAGES = ["de", "en", "uk", "ar"] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const DEFAULT_UI_LANGUAGE: UiLanguage = "de";

const RTL = new Set<UiLanguage>(["ar"]);

export function isRtl(lang: UiLanguage): boolean {
  return RTL.has(lang);
}

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === "string" && (UI_LANGUAGES as readonly string[]).includes(value);
}

/** Articles exist in German and English only. */
export function hasContentIn(lang: UiLanguage): lang is Language {
  return lang === "de" || lang === "en";
}

/** "en-US", "uk-UA", "ar" → a UI language, or undefined when we do not speak it. */
export function uiLanguageFromLocale(locale: string | undefined): UiLanguage | undefined {
  const primary = locale?.toLowerCase().split(/[-_]/)[0];
  return isUiLanguage(primary) ? primary : undefined;
}

type Resource = Record<string, unknown>;

function loadLocale(lang: UiLanguage): Resource {
  return JSON.parse(readFileSync(new URL(`./locales/${lang}.json`, import.meta.url), "utf8")) as Resource;
}

export const LOCALES: Record<UiLanguage, Resource> = Object.fromEntries(UI_LANGUAGES.map((l) => [l, loadLocale(l)])) as Record<UiLanguage, Resource>;

const instance = i18next.createInstance();
void instance.init({
  resources: Object.fromEntries(UI_LANGUAGES.map((l) => [l, { translation: LOCALES[l] }])),
  lng: DEFAULT_UI_LANGUAGE,
  fallbackLng: DEFAULT_UI_LANGUAGE,
  supportedLngs: [...UI_LANGUAGES],
  // Resources are bundled: initialise synchronously so the first turn never waits.
  initAsync: false,
  // Output goes into cards and chat text, not HTML; Adaptive Cards escape on their own.
  interpolation: { escapeValue: false },
  returnNull: false,
});

const translators = new Map<UiLanguage, TFunction>(UI_LANGUAGES.map((l) => [l, instance.getFixedT(l)]));

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * Each phrase is looked up in i18next once and kept: i18next's t() costs more per call than
 * the rest of building an answer card, and a card needs a dozen phrases. Placeholders are
 * plain `{{name}}` values (no formatting, plurals or nesting), filled in here.
 */
const templates = new Map<UiLanguage, Map<string, string>>(UI_LANGUAGES.map((l) => [l, new Map()]));

export function translator(lang: UiLanguage): Translate {
  const t = translators.get(lang)!;
  const known = templates.get(lang)!;
  return (key, options) => {
    let template = known.get(key);
    if (template === undefined) {
      template = t(key, { skipInterpolation: true }) as string;
      known.set(key, template);
    }
    return fill(template, options);
  };
}

function fill(template: string, options: Record<string, unknown> | undefined): string {
  if (!options) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in options ? String(options[name]) : whole));
}

/**
 * The navigators' side (the ticket card in Teams, thread messages) is German, the working
 * language of the Jobcenter; its phrases live apart from the four languages people use.
 */
const NAVIGATOR_PHRASES = JSON.parse(readFileSync(new URL("./locales/navigator.de.json", import.meta.url), "utf8")) as Resource;

export const navigatorT: Translate = (key, options) => {
  let node: unknown = NAVIGATOR_PHRASES;
  for (const part of key.split(".")) node = (node as Resource | undefined)?.[part];
  return typeof node === "string" ? fill(node, options) : key;
};
