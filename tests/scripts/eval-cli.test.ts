import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../scripts/eval.js";
import { compileTextModel, textProbability, type TextModel } from "../../src/knowledge/text-model.js";
import { AskedQuestions } from "../../src/knowledge/article-classifier.js";
import { article, makeContent } from "../helpers/content.js";
import { runMain, runScript } from "../helpers/run.js";
import { tempDir } from "../helpers/temp.js";

const dir = tempDir("evalset");
let n = 0;
const file = (body: string) => {
  const f = path.join(dir, `set-${n++}.yaml`);
  writeFileSync(f, body);
  return f;
};
const SET = "questions:\n  - q: Gibt es einen Quokkazuschuss?\n    expect: quokkazuschuss\n  - q: Rezept für Apfelkuchen\n    expect: none\n";
// One article: the held-out Ukrainian and Arabic pass over the whole knowledge base stays short.
const QUOKKA = article({
  de: { title: "Quokkazuschuss", questions: ["Gibt es einen Quokkazuschuss?", "Wer zahlt den Quokkazuschuss?", "Wie beantrage ich den Quokkazuschuss?"], answer: "Den Quokkazuschuss zahlt die Quokkakasse.", keywords: ["Quokka"] },
});
const env = { DATA_DIR: dir, CONTENT_DIR: makeContent({ "articles/foerderung/quokkazuschuss.yaml": QUOKKA }) };

describe("eval CLI", () => {
  it("prints Lotse beside the plain-Lunr baseline as JSON (as a process: only the JSON on stdout)", async () => {
    const r = await runScript("eval.ts", ["--json", "--set", file(SET)], env);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(out.lotse).toMatchObject({ inScope: 1, outOfScope: 1, top1: 1, oosRejection: 1 });
    expect(out.baseline.inScope).toBe(1);
  });

  it("prints the table for a person", async () => {
    const r = await runMain(main, ["--set", file(SET), "--misses"], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^eval set: .*set-\d+\.yaml — 1 in scope, 1 out of scope, 0 handoff requests; 1 articles/);
    expect(r.stdout).toMatch(/^top-1 accuracy\s+100\.0 %/m);
    expect(r.stdout).toContain("\nmisses:\n");
  });

  it("fits the model for requests for a person on the set and writes it as a module that recognises them", async () => {
    const persons = ["Ich will einen Menschen sprechen", "Bitte rufen Sie mich zurück", "Kann mich eine Lotsin anrufen?", "I want to talk to a human", "Can someone call me back?", "Mit einer Beraterin sprechen bitte"];
    const others = ["Gibt es einen Quokkazuschuss?", "Wer zahlt den Quokkazuschuss?", "Rezept für Apfelkuchen", "Darf ich mit Duldung arbeiten?", "How much is the wage subsidy?", "Wie beantrage ich die Arbeitserlaubnis?"];
    const set = file(`questions:\n${[...persons.map((q) => `  - q: "${q}"\n    expect: handoff\n`), ...others.map((q) => `  - q: "${q}"\n    expect: none\n`)].join("")}`);
    const out = path.join(dir, `person-model-${n++}.ts`);
    const r = await runMain(main, ["--set", set, "--fit-person-requests", "--out", out], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^fitted \d{4}-\d\d-\d\d on .*set-\d+\.yaml: 6 requests for a person, 6 other questions; 0 of them on the wrong side of 0\.5; written to /);
    const { PERSON_MODEL } = (await import(out)) as { PERSON_MODEL: TextModel };
    const model = compileTextModel(PERSON_MODEL);
    expect(textProbability("Kann mich ein Mensch zurückrufen?", model)).toBeGreaterThan(0.5);
    expect(textProbability("Wer zahlt den Quokkazuschuss für Azubis?", model)).toBeLessThan(0.5);
  });

  it("fits the model for questions not covered on the set, leaving requests for a person out", async () => {
    const ours = ["Darf ich jemanden mit Duldung einstellen?", "Wer zahlt den Quokkazuschuss?", "How much is the wage subsidy?", "Wie beantrage ich die Arbeitserlaubnis?"];
    const notOurs = ["Rezept für Apfelkuchen", "Wie bekomme ich einen Kita-Platz?", "Where do I exchange my driving licence?", "Wetter morgen in Wuppertal"];
    const set = file(`questions:\n${[...ours.map((q) => `  - q: "${q}"\n    expect: quokka\n`), ...notOurs.map((q) => `  - q: "${q}"\n    expect: none\n`), '  - q: "Rückruf bitte"\n    expect: handoff\n'].join("")}`);
    const out = path.join(dir, `scope-model-${n++}.ts`);
    const r = await runMain(main, ["--set", set, "--fit-scope", "--out", out], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^fitted \d{4}-\d\d-\d\d on .*set-\d+\.yaml: 4 questions not covered, 4 in scope; 0 of them on the wrong side of 0\.5; written to /);
    const { SCOPE_MODEL } = (await import(out)) as { SCOPE_MODEL: TextModel };
    const model = compileTextModel(SCOPE_MODEL);
    expect(textProbability("Apfelkuchen Rezept bitte", model)).toBeGreaterThan(0.5);
    expect(textProbability("Quokkazuschuss für Azubis mit Duldung", model)).toBeLessThan(0.5);
  });

  it("writes the set's in-scope questions, by article, as examples for the article models", async () => {
    const set = file(`questions:\n  - q: "Gibt es einen Quokkazuschuss?"\n    expect: quokka\n  - q: "Wer zahlt ihn?"\n    expect: [quokka, wombat]\n  - q: "Чи є квоккадопомога?"\n    expect: quokka\n  - q: "Rezept für Apfelkuchen"\n    expect: none\n  - q: "Rückruf bitte"\n    expect: handoff\n`);
    const out = path.join(dir, `asked-${n++}.ts`);
    const r = await runMain(main, ["--set", set, "--fit-asked-questions", "--out", out], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote \d{4}-\d\d-\d\d on .*set-\d+\.yaml: 3 questions for 1 articles to /);
    const { ASKED_QUESTIONS } = (await import(out)) as { ASKED_QUESTIONS: AskedQuestions };
    expect(AskedQuestions.parse(ASKED_QUESTIONS).byArticle).toEqual({ quokka: ["Gibt es einen Quokkazuschuss?", "Wer zahlt ihn?", "Чи є квоккадопомога?"] });
  });

  it("adds the out-of-fold figures with --folds, and refuses a fold count it cannot use", async () => {
    const r = await runMain(main, ["--set", file(SET), "--folds", "2", "--json"], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).outOfFold).toMatchObject({ inScope: 1, outOfScope: 1 });
    for (const bad of ["1", "21", "2.5", "zwei"]) {
      const refused = await runMain(main, ["--set", file(SET), "--folds", bad], env);
      expect(refused.code, bad).toBe(2);
      expect(refused.stderr, bad).toMatch(/^eval: --folds: /);
    }
  });

  it("refuses two models at once", async () => {
    const r = await runMain(main, ["--set", file(SET), "--fit-person-requests", "--fit-scope"], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^eval: --fit-person-requests and --fit-scope: one at a time/);
  });

  it("refuses an --out it cannot write, with exit code 2 and no stack trace", async () => {
    const r = await runMain(main, ["--set", file(SET), "--fit-person-requests", "--out", "/nonexistent/dir/model.ts"], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^eval: --out: \/nonexistent\/dir\/model\.ts: cannot write it \(ENOENT\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses --out without --fit-person-requests", async () => {
    const r = await runMain(main, ["--set", file(SET), "--out", path.join(dir, "x.ts")], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^eval: --out: only with --fit-person-requests/);
  });

  it.each([
    ["a missing file", "/nonexistent/set.yaml", /^eval: --set: \/nonexistent\/set\.yaml: cannot read it \(ENOENT\)\n/],
    ["an empty set", "questions: []\n", /questions: Too small/],
    ["broken YAML", "questions: [\n", /not valid YAML/],
    ["a wrong shape", "questions:\n  - question: x\n", /questions\.0/],
  ])("rejects %s with exit code 2 and no stack trace", async (_name, content, message) => {
    const target = content.startsWith("/") ? content : file(content);
    const r = await runMain(main, ["--set", target], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain("usage: npm run eval --");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe("");
  });

  it.each([
    [["--set"], /^eval: Option '--set <value>' argument missing/],
    [["--set", ""], /^eval: --set: must not be empty/],
    [["--json=1"], /^eval: Option '--json' does not take an argument/],
    [["--bogus"], /^eval: Unknown option '--bogus'/],
    [["extra"], /^eval: Unexpected argument 'extra'/],
  ])("refuses %j with exit code 2, naming the argument", async (args, message) => {
    const r = await runMain(main, args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("prints the usage with --help", async () => {
    const r = await runMain(main, ["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run eval -- \[--set dev\|holdout\|FILE\]/);
    expect(r.stderr).toBe("");
  });
});
