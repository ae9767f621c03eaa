/** Article files written by the console: stable formatting, so git diffs of a publish stay small. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { diffLines } from "diff";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { parseArticleYaml, serializeArticle } from "../../src/curation/article-yaml.js";
import { ArticleFile } from "../../src/knowledge/schema.js";

const ROOT = path.resolve("content/articles");
const FILES = readdirSync(ROOT).flatMap((area) => readdirSync(path.join(ROOT, area)).map((f) => path.join(ROOT, area, f)));
const changedLines = (a: string, b: string) => diffLines(a, b).filter((c) => c.added || c.removed).reduce((n, c) => n + (c.count ?? 0), 0);

describe("round trip of every content file", () => {
  it("covers all article files", () => expect(FILES.length).toBeGreaterThanOrEqual(58));

  it("re-writes each file byte for byte when its previous text is given", () => {
    const differing = FILES.filter((f) => {
      const src = readFileSync(f, "utf8");
      return serializeArticle(parseArticleYaml(src)!, src) !== src;
    });
    expect(differing).toEqual([]);
  });

  it("writes each file from scratch with the same meaning, most of them byte for byte", () => {
    let identical = 0;
    const lines: Record<string, number> = {};
    for (const f of FILES) {
      const src = readFileSync(f, "utf8");
      const fields = parseArticleYaml(src)!;
      const out = serializeArticle(fields);
      expect(parse(out), f).toEqual(parse(src));
      expect(ArticleFile.safeParse(parse(out)).success, f).toBe(true);
      if (out === src) identical++;
      else lines[path.basename(f)] = changedLines(src, out);
    }
    // The rest differ only in their authors' style choices (block keyword lists, quoted titles):
    // the canonical style is the majority style of the existing files.
    expect(identical).toBeGreaterThanOrEqual(33);
    expect(Math.max(...Object.values(lines))).toBeLessThanOrEqual(64);
  });
});

describe("edits", () => {
  const file = FILES.find((f) => f.endsWith("eingliederungszuschuss.yaml"))!;
  const src = readFileSync(file, "utf8");
  const fields = parseArticleYaml(src)! as Record<string, any>;

  it("changes only the edited field's line", () => {
    const edited = { ...fields, de: { ...fields.de, summary: "Ein neuer kurzer Text." } };
    const out = serializeArticle(edited, src);
    expect(changedLines(src, out)).toBe(2);
    expect(out).toContain('  summary: "Ein neuer kurzer Text."\n');
  });

  it("adds a question in the style of its neighbours and keeps the rest", () => {
    const edited = { ...fields, uk: { ...fields.uk, questions: [...fields.uk.questions, "Нове питання?"] } };
    const out = serializeArticle(edited, src);
    expect(changedLines(src, out)).toBe(1);
    expect(out).toContain('    - "Нове питання?"\n');
  });

  it("writes a changed answer as a block scalar without re-wrapping long lines", () => {
    const long = `${"Sehr langer Satz ohne Umbruch ".repeat(20).trim()}.\n\nZweiter Absatz: mit Doppelpunkt, # und \"Zeichen\".`;
    const out = serializeArticle({ ...fields, de: { ...fields.de, answer: long } }, src);
    expect(out).toContain(`  answer: |\n    ${long.split("\n")[0]}\n`);
    expect((parse(out) as any).de.answer.trim()).toBe(long);
  });

  it("puts a field that was absent at its place in the key order", () => {
    const out = serializeArticle({ ...fields, review_every_months: 12 }, src);
    expect(Object.keys(parse(out) as object).slice(0, 4)).toEqual(["audiences", "reviewed", "review_every_months", "owner"]);
  });

  it("writes a new article in the order and style of the existing files", () => {
    const out = serializeArticle({
      de: { keywords: ["a"], answer: "Zeile 1\nZeile 2", title: "Titel: mit Doppelpunkt", summary: "Kurz.", questions: ["F?"] },
      owner: "Team", audiences: ["employer"], reviewed: "2026-11-01", legal: ["§ 1 SGB II"],
      sources: [{ url: "https://example.org/", title: "Quelle" }], contacts: [], related: ["x"], uk: { questions: ["П?"] },
    });
    expect(out).toBe(
      [
        "audiences: [employer]", "reviewed: 2026-11-01", "owner: Team", "legal:", '  - "§ 1 SGB II"', "sources:", '  - title: "Quelle"',
        "    url: https://example.org/", "contacts: []", "related: [x]", "de:", '  title: "Titel: mit Doppelpunkt"', '  summary: "Kurz."',
        "  questions:", "    - F?", "  answer: |", "    Zeile 1", "    Zeile 2", "  keywords: [a]", "uk:", "  questions:", '    - "П?"', "",
      ].join("\n"),
    );
  });

  it("never writes the area, and the id only when the file had one", () => {
    const out = serializeArticle({ ...fields, id: "eingliederungszuschuss", area: "foerderung" }, src);
    expect(out).toBe(src);
  });
});
