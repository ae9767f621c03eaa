/** The console's texts: every key in both languages, with the same placeholders; the page's static texts have keys. */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import de from "../../src/console/locales/de.json" with { type: "json" };
import en from "../../src/console/locales/en.json" with { type: "json" };
import { TICKET_ERROR_CODES } from "../../src/handoff/index.js";
import { ROOT } from "../helpers/run.js";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("console locales", () => {
  it("has every key in German and English, with the same placeholders and no empty text", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
    for (const [key, text] of Object.entries(de)) {
      const english = (en as Record<string, string>)[key]!;
      expect(text.trim(), key).not.toBe("");
      expect(english.trim(), key).not.toBe("");
      expect(placeholders(english), key).toEqual(placeholders(text));
    }
  });

  it("has a text for every data-i18n key of the page and every literal t() key of the client", () => {
    const html = readFileSync(path.join(ROOT, "src/console/public/console.html"), "utf8");
    const used = [...html.matchAll(/data-i18n(?:-aria-label|-placeholder)?="([^"]+)"/g)].map((m) => m[1]!);
    const client = path.join(ROOT, "src/console/client");
    for (const file of readdirSync(client, { recursive: true }) as string[]) {
      if (!file.endsWith(".ts")) continue;
      const source = readFileSync(path.join(client, file), "utf8");
      used.push(...[...source.matchAll(/\bt\("([^"]+)"/g)].map((m) => m[1]!));
    }
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((key) => !(key in de))).toEqual([]);
  });

  it("words every ticket error code the service sends", () => {
    for (const code of TICKET_ERROR_CODES) expect(`error.${code}` in de, code).toBe(true);
  });
});
