import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { loadKnowledgeBase } from "../../src/knowledge/loader.js";
import { formatProblem } from "../../src/knowledge/problems.js";
import { article, makeContent } from "../helpers/content.js";

// Counts the YAML documents parsed, by their first line (each test file starts with a marker).
const parsedSources = vi.hoisted(() => [] as string[]);
vi.mock("yaml", async (importOriginal) => {
  const yaml = await importOriginal<typeof import("yaml")>();
  return {
    ...yaml,
    parseDocument: (source: string, ...rest: unknown[]) => {
      parsedSources.push(source);
      return (yaml.parseDocument as (s: string, ...r: unknown[]) => unknown)(source, ...rest);
    },
  };
});

const NOW = new Date("2026-11-26T00:00:00Z");
const load = (dir: string) => loadKnowledgeBase(dir, { now: NOW });

/** An article with its own title and example questions, so several fit in one knowledge base. */
function own(title: string) {
  return article({
    de: { title, questions: [`${title} eins?`, `${title} zwei?`, `${title} drei?`], answer: "Kurz.\n\nDetails." },
    en: { title, questions: [`${title} one?`, `${title} two?`, `${title} three?`], answer: "Short.\n\nDetails." },
  });
}

describe("loadKnowledgeBase: parsed files are reused", () => {
  beforeEach(() => {
    parsedSources.length = 0;
  });

  it("parses again only the file whose bytes changed, even when size and modification time stay the same", () => {
    const run = `lauf-${process.pid}-${Date.now()}`;
    const dir = makeContent({
      "articles/foerderung/a.yaml": own(`${run} A`),
      "articles/foerderung/b.yaml": own(`${run} B`),
    });
    expect(load(dir).problems).toEqual([]);
    expect(parsedSources.filter((s) => s.includes(run))).toHaveLength(2);

    parsedSources.length = 0;
    expect(load(dir).kb.articles.map((a) => a.de.title)).toEqual([`${run} A`, `${run} B`]);
    expect(parsedSources).toEqual([]);

    const file = path.join(dir, "articles/foerderung/b.yaml");
    const { atime, mtime, size } = statSync(file);
    writeFileSync(file, readFileSync(file, "utf8").replace(`${run} B`, `${run} C`));
    utimesSync(file, atime, mtime);
    expect(statSync(file).size).toBe(size);

    const after = load(dir);
    expect(after.kb.articles.map((a) => a.de.title)).toEqual([`${run} A`, `${run} C`]);
    expect(parsedSources).toHaveLength(1);
    expect(parsedSources[0]).toContain(`${run} C`);
  });

  it("gives every caller its own copy: changing one loaded knowledge base does not change the next", () => {
    const dir = makeContent({ "articles/foerderung/a.yaml": article(), "synonyms.yaml": { de: [["zuschuss", "förderung"]], en: [] } });
    const first = load(dir).kb;
    first.articles[0]!.de.questions.push("Eingeschmuggelt?");
    first.articles[0]!.related.push("fremd");
    first.contacts.get("ba")!.name.de = "Geändert";
    first.synonyms.de[0]!.push("geändert");

    const second = load(dir).kb;
    expect(second.articles[0]!.de.questions).toEqual(["Frage eins?", "Frage zwei?", "Frage drei?"]);
    expect(second.articles[0]!.related).toEqual([]);
    expect(second.contacts.get("ba")!.name.de).toBe("Agentur für Arbeit");
    expect(second.synonyms.de).toEqual([["zuschuss", "förderung"]]);
  });

  it("reports the same problems at the same lines and columns when a file is read again", () => {
    const dir = makeContent({
      "articles/foerderung/a.yaml": article({ related: ["gibt-es-nicht"], contacts: ["ba", "niemand"], reviewed: "2025-01-01" }),
      "articles/foerderung/b.yaml": article({ legal: "§ 88 SGB III" }),
    });
    const first = load(dir).problems.map(formatProblem);
    expect(first).toContainEqual(expect.stringMatching(/a\.yaml:\d+:\d+ contacts\[1\]: there is no contact with the id "niemand"/));
    expect(first).toContainEqual(expect.stringMatching(/b\.yaml:\d+:\d+ legal: must be a list/));
    expect(first.some((m) => /:1:1 (contacts|related|reviewed)/.test(m))).toBe(false);
    expect(load(dir).problems.map(formatProblem)).toEqual(first);
  });

  it("places a problem correctly in a file read before without problems", () => {
    const dir = makeContent({
      "articles/foerderung/a.yaml": article({ related: ["verwandt"] }),
      "articles/foerderung/verwandt.yaml": own("Verwandt"),
    });
    expect(load(dir).problems).toEqual([]);
    rmSync(path.join(dir, "articles/foerderung/verwandt.yaml"));
    const line = readFileSync(path.join(dir, "articles/foerderung/a.yaml"), "utf8").split("\n").findIndex((l) => l.trim() === "- verwandt") + 1;
    expect(line).toBeGreaterThan(1);
    expect(load(dir).problems.map(formatProblem)).toEqual([
      expect.stringMatching(new RegExp(`a\\.yaml:${line}:\\d+ related\\[0\\]: there is no article with the id "verwandt"`)),
    ]);
  });
});
