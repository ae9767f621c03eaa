/**
 * Loading content/not-covered.yaml: optional, validated like the other content files (problems
 * with file and line), part of the content hash, and checked against the articles.
 */
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hashContent, loadKnowledgeBase } from "../../src/knowledge/loader.js";
import { formatProblem } from "../../src/knowledge/problems.js";
import { article, makeContent } from "../helpers/content.js";

const NOW = new Date("2026-11-26T00:00:00Z");
const EGZ = article({
  de: { title: "Eingliederungszuschuss", questions: ["Gibt es einen Zuschuss?", "Was ist der EGZ?", "Zahlt das Jobcenter Lohn?"], answer: "Zuschuss zum Lohn, auch in der Probezeit.", keywords: [] },
});
const messages = (dir: string) => loadKnowledgeBase(dir, { now: NOW }).problems.map(formatProblem).join("\n");
const GOOD = "topics:\n  - id: hunde\n    de: [Hund]\n    en: [dog]\n";

describe("loading content/not-covered.yaml", () => {
  it("is optional: a content folder without it loads as before", () => {
    const { kb, problems } = loadKnowledgeBase(makeContent({ "articles/foerderung/egz.yaml": EGZ }), { now: NOW });
    expect(problems).toEqual([]);
    expect(kb.notCovered).toEqual([]);
  });

  it("loads the topics, uk and ar optional", () => {
    const dir = makeContent({
      "articles/foerderung/egz.yaml": EGZ,
      "not-covered.yaml": `${GOOD}  - id: einbuergerung\n    de: [Einbürgerung]\n    en: [citizenship]\n    uk: [громадянство]\n    ar: [التجنس]\n`,
    });
    const { kb, problems } = loadKnowledgeBase(dir, { now: NOW });
    expect(problems).toEqual([]);
    expect(kb.notCovered?.map((t) => t.id)).toEqual(["hunde", "einbuergerung"]);
    expect(kb.notCovered?.[1]?.uk).toEqual(["громадянство"]);
  });

  it("reports an empty file", () => {
    expect(messages(makeContent({ "articles/foerderung/egz.yaml": EGZ, "not-covered.yaml": "" }))).toMatch(/not-covered\.yaml:1:1 the file is empty/);
  });

  it("reports malformed YAML with its line", () => {
    const dir = makeContent({ "articles/foerderung/egz.yaml": EGZ, "not-covered.yaml": "topics:\n  - id: hunde\n    de: [Hund\n    en: [dog]\n" });
    expect(messages(dir)).toMatch(/not-covered\.yaml:\d+:\d+ the file is not valid YAML/);
    expect(loadKnowledgeBase(dir, { now: NOW }).kb.notCovered).toEqual([]);
  });

  it("reports unknown keys, a missing language, a bad id and too short terms with their line", () => {
    const dir = makeContent({
      "articles/foerderung/egz.yaml": EGZ,
      "not-covered.yaml": "topics:\n  - id: hunde\n    de: [Hund]\n    en: [dog]\n    fr: [chien]\n  - id: Katzen\n    de: [Katze]\n  - id: kurz\n    de: [ab]\n    en: [cat]\n",
    });
    const msgs = messages(dir);
    expect(msgs).toMatch(/not-covered\.yaml:5:5 .*unknown field/);
    expect(msgs).toMatch(/not-covered\.yaml:6:\d+ .*kebab-case/);
    expect(msgs).toMatch(/not-covered\.yaml:6:\d+ .*en: required/);
    expect(msgs).toMatch(/not-covered\.yaml:9:\d+ .*at least 3 letters/);
  });

  it("refuses a huge file instead of parsing it", () => {
    const huge = `topics:\n  - id: gross\n    de: [${Array.from({ length: 60_000 }, (_, i) => `Wort${i}`).join(", ")}]\n    en: [word]\n`;
    const dir = makeContent({ "articles/foerderung/egz.yaml": EGZ, "not-covered.yaml": huge });
    expect(messages(dir)).toMatch(/not-covered\.yaml:1:1 file is larger than 512 KiB/);
  });

  it("reports a duplicate topic id", () => {
    const dir = makeContent({ "articles/foerderung/egz.yaml": EGZ, "not-covered.yaml": `${GOOD}  - id: hunde\n    de: [Katze]\n    en: [cat]\n` });
    expect(messages(dir)).toMatch(/not-covered\.yaml:5:\d+ .*the topic id "hunde" is used twice/);
  });

  it("warns, at the term's line, about a term an article uses (the topic is partly ours)", () => {
    const dir = makeContent({
      "articles/foerderung/egz.yaml": EGZ,
      "not-covered.yaml": `${GOOD}  - id: probezeit\n    de: [Probezeit]\n    en: [probation]\n`,
    });
    const { problems } = loadKnowledgeBase(dir, { now: NOW });
    expect(problems.map((p) => [p.severity, p.code, p.line])).toEqual([["warning", "not-covered-used", 6]]);
    expect(formatProblem(problems[0]!)).toMatch(/"Probezeit" is used by the article\(s\) egz/);
  });

  it("is part of the content hash, so a saved index is rebuilt when it changes", () => {
    const dir = makeContent({ "articles/foerderung/egz.yaml": EGZ, "not-covered.yaml": GOOD });
    const before = hashContent(dir);
    writeFileSync(path.join(dir, "not-covered.yaml"), `${GOOD}  - id: katzen\n    de: [Katze]\n    en: [cat]\n`);
    expect(hashContent(dir)).not.toBe(before);
    rmSync(path.join(dir, "not-covered.yaml"));
    expect(hashContent(dir)).not.toBe(before);
  });

  it("validates a draft of it given as an override, and a removal", () => {
    const dir = makeContent({ "articles/foerderung/egz.yaml": EGZ, "not-covered.yaml": GOOD });
    const draft = loadKnowledgeBase(dir, { now: NOW, overrides: new Map([["not-covered.yaml", "topics:\n  - id: x\n    de: []\n    en: [cat]\n"]]) });
    expect(draft.problems.map(formatProblem).join("\n")).toMatch(/not-covered\.yaml:3:\d+ .*at least one German term/);
    const removed = loadKnowledgeBase(dir, { now: NOW, overrides: new Map([["not-covered.yaml", null]]) });
    expect(removed.problems).toEqual([]);
    expect(removed.kb.notCovered).toEqual([]);
  });
});
