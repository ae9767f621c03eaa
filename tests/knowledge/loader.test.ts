import { describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../src/knowledge/loader.js";
import { formatProblem } from "../../src/knowledge/problems.js";
import { article, makeContent } from "../helpers/content.js";

const NOW = new Date("2026-11-26T00:00:00Z");
const messages = (dir: string, strict = false) => loadKnowledgeBase(dir, { now: NOW, strict }).problems.map(formatProblem);

describe("loadKnowledgeBase", () => {
  it("loads a valid knowledge base without problems", () => {
    const dir = makeContent({ "articles/foerderung/egz.yaml": article() });
    const { kb, problems } = loadKnowledgeBase(dir, { now: NOW });
    expect(problems).toEqual([]);
    expect(kb.articles.map((a) => [a.id, a.area])).toEqual([["egz", "foerderung"]]);
    expect(kb.articles[0]!.review_every_months).toBe(12);
  });

  it("reports a missing answer with file, line and column of the language block", () => {
    const yaml = [
      "audiences: [employer]",
      "reviewed: 2026-11-01",
      "owner: Test",
      "legal: ['§ 88 SGB III']",
      "sources:",
      "  - title: BA",
      "    url: https://www.arbeitsagentur.de/",
      "contacts: [ba]",
      "en:",
      "  title: Title",
      "  summary: Short.",
      "  questions: [a?, b?, c?]",
      "  answer: Short.",
      "de:",
      "  title: Eingliederungszuschuss",
      "  summary: Kurz.",
      "  questions: [x?, y?, z?]",
      "uk: { questions: [a?, b?, c?] }",
      "ar: { questions: [a?, b?, c?] }",
      "",
    ].join("\n");
    const dir = makeContent({ "articles/foerderung/eingliederungszuschuss.yaml": yaml });
    expect(messages(dir)).toEqual(["content/articles/foerderung/eingliederungszuschuss.yaml:14:1 de.answer: required"]);
  });

  it("collects every problem of every file in one run", () => {
    const bad = article({ reviewed: "gestern", audiences: ["boss"] });
    delete (bad as Record<string, unknown>).en;
    const dir = makeContent({
      "articles/foerderung/a.yaml": bad,
      "articles/sprache/b.yaml": "de: [unclosed\n",
    });
    const msgs = messages(dir);
    expect(msgs).toContainEqual(expect.stringMatching(/a\.yaml:\d+:\d+ audiences\[0\]: must be one of: employer, chamber, association, volunteer/));
    expect(msgs).toContainEqual(expect.stringMatching(/a\.yaml:\d+:\d+ reviewed: must be a date written as YYYY-MM-DD/));
    expect(msgs).toContainEqual(expect.stringMatching(/a\.yaml:1:1 en: required/));
    expect(msgs).toContainEqual(expect.stringMatching(/b\.yaml:\d+:\d+ the file is not valid YAML/));
  });

  it("names wrong types in words a navigator understands", () => {
    const dir = makeContent({ "articles/foerderung/a.yaml": article({ legal: "§ 88 SGB III", review_every_months: "sechs" }) });
    const msgs = messages(dir);
    expect(msgs).toContainEqual(expect.stringMatching(/legal: must be a list$/));
    expect(msgs).toContainEqual(expect.stringMatching(/review_every_months: must be a number$/));
  });

  it("rejects unknown fields, http sources and too few example questions", () => {
    const a = article({ sources: [{ title: "x", url: "http://example.org/" }], tittle: "typo" });
    (a.en as Record<string, unknown>).questions = ["only one?"];
    const msgs = messages(makeContent({ "articles/foerderung/a.yaml": a }));
    expect(msgs).toContainEqual(expect.stringMatching(/a\.yaml:\d+:1 tittle: unknown field/));
    expect(msgs).toContainEqual(expect.stringMatching(/sources\[0\]\.url: must start with https:\/\//));
    expect(msgs).toContainEqual(expect.stringMatching(/en\.questions: needs at least 3 example questions/));
  });

  it("finds dangling related and contact references", () => {
    const dir = makeContent({ "articles/foerderung/a.yaml": article({ related: ["gibt-es-nicht"], contacts: ["ba", "niemand"] }) });
    const msgs = messages(dir);
    expect(msgs).toContainEqual(expect.stringMatching(/a\.yaml:\d+:\d+ related\[0\]: there is no article with the id "gibt-es-nicht"/));
    expect(msgs).toContainEqual(expect.stringMatching(/a\.yaml:\d+:\d+ contacts\[1\]: there is no contact with the id "niemand" in contacts\.yaml/));
  });

  it("finds duplicate ids, id/file-name mismatches and bad file names", () => {
    const dir = makeContent({
      "articles/foerderung/egz.yaml": article(),
      "articles/sprache/egz.yaml": article({ de: { ...(article().de as object), questions: ["x eins?", "x zwei?", "x drei?"] }, en: { ...(article().en as object), questions: ["y one?", "y two?", "y three?"] } }),
      "articles/sprache/Kurs_Neu.yaml": article(),
      "articles/sprache/kurs.yaml": article({ id: "anders" }),
      "articles/unbekannt/x.yaml": article(),
    });
    const msgs = messages(dir).join("\n");
    expect(msgs).toMatch(/sprache\/egz\.yaml:1:1 the article id "egz" is already used by content\/articles\/foerderung\/egz\.yaml/);
    expect(msgs).toMatch(/Kurs_Neu\.yaml:1:1 the file name "Kurs_Neu" is the article id and must be kebab-case/);
    expect(msgs).toMatch(/kurs\.yaml:\d+:\d+ id: the id "anders" does not match the file name "kurs"/);
    expect(msgs).toMatch(/unknown area folder "unbekannt"/);
  });

  it("reports the same example question in two articles", () => {
    const dir = makeContent({ "articles/foerderung/a.yaml": article(), "articles/foerderung/b.yaml": article() });
    expect(messages(dir).join("\n")).toMatch(/b\.yaml:\d+:\d+ de\.questions\[0\]: the same example question is in content\/articles\/foerderung\/a\.yaml/);
  });

  it("warns about overdue reviews, and fails on them with --strict", () => {
    const dir = makeContent({ "articles/foerderung/a.yaml": article({ reviewed: "2025-01-01" }) });
    const lax = loadKnowledgeBase(dir, { now: NOW }).problems;
    expect(lax.map((p) => [p.severity, p.code])).toEqual([["warning", "review-overdue"]]);
    expect(formatProblem(lax[0]!)).toMatch(/reviewed: warning: review overdue: last checked 2025-01-01/);
    expect(loadKnowledgeBase(dir, { now: NOW, strict: true }).problems[0]!.severity).toBe("error");
  });

  it("survives hostile YAML: empty files, alias bombs, duplicate keys, huge files", () => {
    const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n`;
    const dir = makeContent({
      "articles/foerderung/empty.yaml": "",
      "articles/foerderung/bomb.yaml": bomb,
      "articles/foerderung/dupkeys.yaml": "owner: a\nowner: b\n",
      "articles/foerderung/huge.yaml": `owner: "${"x".repeat(600 * 1024)}"\n`,
      "articles/foerderung/scalar.yaml": "42\n",
    });
    const msgs = messages(dir).join("\n");
    expect(msgs).toMatch(/empty\.yaml:1:1 the file is empty/);
    expect(msgs).toMatch(/bomb\.yaml:\d+:\d+ the file is not valid YAML/);
    expect(msgs).toMatch(/dupkeys\.yaml:2:1 the file is not valid YAML: Map keys must be unique/);
    expect(msgs).toMatch(/huge\.yaml:1:1 file is larger than 512 KiB/);
    expect(msgs).toMatch(/scalar\.yaml:1:1 must be a mapping of fields/);
  });

  it("reports a missing content folder instead of throwing", () => {
    expect(messages("/nonexistent/lotse/content")).toEqual([expect.stringMatching(/content folder not found/)]);
  });
});
