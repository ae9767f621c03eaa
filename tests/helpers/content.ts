/** Tiny knowledge bases in temp folders, for loader and search tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { stringify } from "yaml";

export function article(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    audiences: ["employer"],
    reviewed: "2026-11-01",
    owner: "Test",
    legal: ["§ 88 SGB III"],
    sources: [{ title: "BA", url: "https://www.arbeitsagentur.de/" }],
    contacts: ["ba"],
    related: [],
    de: { title: "Titel", questions: ["Frage eins?", "Frage zwei?", "Frage drei?"], answer: "Kurze Antwort.\n\nDetails.", keywords: [] },
    en: { title: "Title", questions: ["Question one?", "Question two?", "Question three?"], answer: "Short answer.\n\nDetails.", keywords: [] },
    ...overrides,
  };
}

export const CONTACTS = {
  contacts: [{ id: "ba", name: { de: "Agentur für Arbeit", en: "Employment agency" }, responsible_for: { de: "Förderung", en: "Funding" }, website: "https://www.arbeitsagentur.de/" }],
};

/** Writes files (path → YAML object or raw string) into a fresh content folder. */
export function makeContent(files: Record<string, unknown>): string {
  const root = mkdtempSync(path.join(tmpdir(), "lotse-content-"));
  const dir = path.join(root, "content");
  const all: Record<string, unknown> = { "contacts.yaml": CONTACTS, ...files };
  for (const [rel, value] of Object.entries(all)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof value === "string" ? value : stringify(value));
  }
  return dir;
}
