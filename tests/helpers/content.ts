/** Tiny knowledge bases in temp folders, for loader and search tests. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { germanHash } from "../../src/knowledge/review.js";
import { tempDir } from "./temp.js";

export function article(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return stamped({
    audiences: ["employer"],
    reviewed: "2026-11-01",
    owner: "Test",
    legal: ["§ 88 SGB III"],
    sources: [{ title: "BA", url: "https://www.arbeitsagentur.de/" }],
    contacts: ["ba"],
    related: [],
    de: { title: "Titel", summary: "Kurze Antwort.", questions: ["Frage eins?", "Frage zwei?", "Frage drei?"], answer: "Kurze Antwort.\n\nDetails.", keywords: [] },
    en: { title: "Title", summary: "Short answer.", questions: ["Question one?", "Question two?", "Question three?"], answer: "Short answer.\n\nDetails.", keywords: [] },
    uk: { questions: ["Питання один?", "Питання два?", "Питання три?"] },
    ar: { questions: ["السؤال الأول؟", "السؤال الثاني؟", "السؤال الثالث؟"] },
    ...overrides,
    // Tests that write their own language blocks need not repeat the summary every article has.
    ...withSummary(overrides, "de"),
    ...withSummary(overrides, "en"),
  });
}

/**
 * Translations made from the German text as it is: each block records its hash (`source_hash`),
 * unless the test wrote one itself or the German text is incomplete.
 */
function stamped(a: Record<string, unknown>): Record<string, unknown> {
  const de = a.de as Record<string, unknown> | undefined;
  if (!de || typeof de !== "object" || ![de.title, de.summary, de.answer].every((s) => typeof s === "string")) return a;
  const hash = germanHash({ de: de as { title: string; summary: string; answer: string } });
  const out = { ...a };
  for (const lang of ["en", "uk", "ar"]) {
    const block = out[lang];
    if (block && typeof block === "object" && !Array.isArray(block) && !("source_hash" in block)) out[lang] = { ...block, source_hash: hash };
  }
  return out;
}

function withSummary(overrides: Record<string, unknown>, lang: "de" | "en"): Record<string, unknown> {
  const block = overrides[lang] as Record<string, unknown> | undefined;
  if (!block || typeof block !== "object" || "summary" in block) return {};
  const answer = typeof block.answer === "string" ? block.answer : "";
  return { [lang]: { ...block, summary: answer.split("\n")[0] || "Kurz." } };
}

export const CONTACTS = {
  contacts: [{ id: "ba", name: { de: "Agentur für Arbeit", en: "Employment agency" }, responsible_for: { de: "Förderung", en: "Funding" }, website: "https://www.arbeitsagentur.de/" }],
};

/** Writes files (path → YAML object or raw string) into a fresh content folder. */
export function makeContent(files: Record<string, unknown>): string {
  const root = tempDir("content");
  const dir = path.join(root, "content");
  const all: Record<string, unknown> = { "contacts.yaml": CONTACTS, ...files };
  for (const [rel, value] of Object.entries(all)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof value === "string" ? value : stringify(value));
  }
  return dir;
}
