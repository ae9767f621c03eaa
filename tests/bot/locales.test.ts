import { describe, expect, it } from "vitest";
import { LOCALES, UI_LANGUAGES } from "../../bot/i18n.js";

const keys = (node: unknown, prefix = ""): string[] =>
  node && typeof node === "object" && !Array.isArray(node)
    ? Object.entries(node).flatMap(([k, v]) => keys(v, `${prefix}${k}.`))
    : [prefix.slice(0, -1)];

describe("locale files", () => {
  it.each(UI_LANGUAGES.filter((l) => l !== "de"))("%s has exactly the keys of de", (lang) => {
    expect(keys(LOCALES[lang]).sort()).toEqual(keys(LOCALES.de).sort());
  });

  it.each(UI_LANGUAGES)("%s has no empty phrases and keeps every placeholder of de", (lang) => {
    const de = new Map(keys(LOCALES.de).map((k) => [k, k.split(".").reduce<any>((n, p) => n[p], LOCALES.de)]));
    for (const key of keys(LOCALES[lang])) {
      const value = key.split(".").reduce<any>((n, p) => n[p], LOCALES[lang]);
      expect(String(value).trim(), key).not.toBe("");
      const placeholders = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(placeholders(value), key).toEqual(placeholders(de.get(key)));
    }
  });
});
