/** Guided referrals: the checker's messages, and every path of every bundled flow through the engine. */
import { describe, expect, it } from "vitest";
import { defaultDecisionConfig } from "../../src/config.js";
import { openKnowledgeEngine } from "../../src/knowledge/index-store.js";
import { AskResult } from "../../src/knowledge/contract.js";
import { loadKnowledgeBase } from "../../src/knowledge/loader.js";
import { formatProblem } from "../../src/knowledge/problems.js";
import { article, makeContent } from "../helpers/content.js";
import { bundledEngine } from "../helpers/engine.js";
import { tempDir } from "../helpers/temp.js";

const NOW = new Date("2026-11-26T00:00:00Z");

const FLOW = `reviewed: 2026-11-01
owner: Test
title: { de: Wegweiser, en: Guide }
intro: { de: Einleitung., en: Intro. }
questions:
  de: [Welche Hilfe gibt es?, Was gibt es alles?]
  en: [What help is there?, What is there?]
start: a
steps:
  a:
    question: { de: Frage A?, en: Question A? }
    options:
      - label: { de: Weiter, en: Next }
        next: b
      - label: { de: Artikel, en: Article }
        article: egz
  b:
    question: { de: Frage B?, en: Question B? }
    options:
      - label: { de: Stelle, en: Office }
        referral: ba
      - label: { de: Artikel, en: Article }
        article: egz
referrals:
  ba:
    title: { de: Agentur, en: Agency }
    text: { de: Dort wird beraten., en: They advise. }
    contacts: [ba]
    bring:
      - { de: Pass, en: Passport }
`;

function check(flowYaml: string) {
  const dir = makeContent({ "articles/foerderung/egz.yaml": article(), "flows/hilfe.yaml": flowYaml });
  const { kb, problems } = loadKnowledgeBase(dir, { now: NOW });
  return { kb, messages: problems.map(formatProblem) };
}

function replaceOnce(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture has no ${from}`);
  return text.replace(from, to);
}

describe("content:check for flows", () => {
  it("loads a valid flow without problems", () => {
    const { kb, messages } = check(FLOW);
    expect(messages).toEqual([]);
    expect(kb.flows?.map((f) => [f.id, f.start, Object.keys(f.steps)])).toEqual([["hilfe", "a", ["a", "b"]]]);
  });

  it("refuses a cycle", () => {
    const { kb, messages } = check(replaceOnce(FLOW, "      - label: { de: Artikel, en: Article }\n        article: egz\nreferrals", "      - label: { de: Zurück, en: Back }\n        next: a\nreferrals"));
    expect(messages).toMatchInlineSnapshot(`
      [
        "content/flows/hilfe.yaml:23:9 steps.b.options[1].next: leads back to step "a" (a → b → a); every path must end at an article or a referral",
      ]
    `);
    expect(kb.flows).toEqual([]);
  });

  it("refuses dangling references: step, article, referral and contact", () => {
    let yaml = replaceOnce(FLOW, "next: b", "next: c");
    yaml = replaceOnce(yaml, "article: egz", "article: egz-alt");
    yaml = replaceOnce(yaml, "referral: ba", "referral: agentur");
    yaml = replaceOnce(yaml, "contacts: [ba]", "contacts: [ghost]");
    expect(check(yaml).messages).toMatchInlineSnapshot(`
      [
        "content/flows/hilfe.yaml:28:16 referrals.ba.contacts[0]: there is no contact with the id "ghost" in contacts.yaml",
        "content/flows/hilfe.yaml:14:9 steps.a.options[0].next: there is no step "c" in steps",
        "content/flows/hilfe.yaml:16:9 steps.a.options[1].article: there is no article with the id "egz-alt"",
        "content/flows/hilfe.yaml:21:9 steps.b.options[0].referral: there is no referral "agentur" in referrals",
        "content/flows/hilfe.yaml:17:3 steps.b: no path from the start step "a" leads here",
        "content/flows/hilfe.yaml:25:3 referrals.ba: no option leads to this referral",
      ]
    `);
  });

  it("refuses a step with one option", () => {
    const yaml = replaceOnce(FLOW, "      - label: { de: Artikel, en: Article }\n        article: egz\nreferrals", "referrals");
    expect(check(yaml).messages).toMatchInlineSnapshot(`
      [
        "content/flows/hilfe.yaml:19:5 steps.b.options: a step needs 2–6 options (this one has 1); with one, leave the question out",
      ]
    `);
  });

  it("refuses a step with seven options", () => {
    const more = Array.from({ length: 5 }, (_, i) => `      - label: { de: Artikel ${i}, en: Article ${i} }\n        article: egz\n`).join("");
    const yaml = replaceOnce(FLOW, "  b:\n", `${more}  b:\n`);
    expect(check(yaml).messages).toMatchInlineSnapshot(`
      [
        "content/flows/hilfe.yaml:12:5 steps.a.options: a step needs 2–6 options (this one has 7); split it into two steps",
      ]
    `);
  });

  it("refuses a missing English text", () => {
    const yaml = replaceOnce(FLOW, "question: { de: Frage B?, en: Question B? }", "question: { de: Frage B? }");
    expect(check(yaml).messages).toMatchInlineSnapshot(`
      [
        "content/flows/hilfe.yaml:18:5 steps.b.question.en: required",
      ]
    `);
  });

  it("refuses an option that leads nowhere or to two places, and steps no path reaches", () => {
    let yaml = replaceOnce(FLOW, "        article: egz\n  b:", "        article: egz\n        referral: ba\n  b:");
    yaml = replaceOnce(yaml, "referrals:\n", "  c:\n    question: { de: Frage C?, en: Question C? }\n    options:\n      - label: { de: Eins, en: One }\n        article: egz\n      - label: { de: Zwei, en: Two }\n        article: egz\nreferrals:\n");
    expect(check(yaml).messages).toMatchInlineSnapshot(`
      [
        "content/flows/hilfe.yaml:17:9 steps.a.options[1].referral: an option leads to exactly one of: next (a step), article (an article id) or referral (a referral id)",
        "content/flows/hilfe.yaml:25:3 steps.c: no path from the start step "a" leads here",
      ]
    `);
  });
});

describe("flows and the serialised index", () => {
  it("keeps the flows when the engine starts from the cached index", () => {
    const contentDir = makeContent({ "articles/foerderung/egz.yaml": article(), "flows/hilfe.yaml": FLOW });
    const dataDir = tempDir("flow-index");
    const opts = { contentDir, dataDir, decision: defaultDecisionConfig() };
    expect(openKnowledgeEngine(opts).indexSource).toBe("built");
    const cached = openKnowledgeEngine(opts);
    expect(cached.indexSource).toBe("cache");
    expect(cached.engine.flows.paths("hilfe").map((p) => p.end)).toEqual([{ referral: "ba" }, { article: "egz" }, { article: "egz" }]);
  });
});

describe("bundled flows through the engine", () => {
  const engine = bundledEngine();
  const flows = engine.flows.flows;

  it("has the three guides of the issue", () => {
    expect(flows.map((f) => f.id).sort()).toEqual(["aufenthaltspapier-arbeit", "welche-foerderung", "zustaendige-stelle"]);
  });

  const all = flows.flatMap((f) => engine.flows.paths(f.id));
  it("walks every path of every flow in German and English, and each ends at an article or a referral", () => {
    expect(all.length).toBeGreaterThanOrEqual(35);
    for (const lang of ["de", "en"] as const) {
      for (const path of all) {
        let view = engine.flows.view(path.flow, lang)!;
        expect(view.step.id).toBe(path.steps[0]);
        path.choices.forEach((choice, i) => {
          const option = view.step.options[choice]!;
          expect(option.label.length).toBeGreaterThan(0);
          if (i < path.choices.length - 1) {
            expect(option.next).toBe(path.steps[i + 1]);
            view = engine.flows.view(path.flow, lang, lang, option.next)!;
            expect(view.step.options.length).toBeGreaterThanOrEqual(2);
            return;
          }
          if ("article" in path.end) {
            expect(option.article).toBe(path.end.article);
            expect(engine.render(path.end.article, lang)?.title).toBeTruthy();
          } else {
            expect(option.referral).toBe(path.end.referral);
            const referral = engine.flows.referral(path.flow, path.end.referral, lang)!;
            expect(referral.contacts.length).toBeGreaterThan(0);
            expect(referral.bring.length).toBeGreaterThan(0);
            for (const c of referral.contacts) expect(c.website).toMatch(/^https:\/\//);
          }
        });
      }
    }
  });

  it.each([
    ["Welche Förderung gibt es?", "welche-foerderung"],
    ["Was muss ich beachten?", "aufenthaltspapier-arbeit"],
    ["Welches Amt ist zuständig?", "zustaendige-stelle"],
    ["Darf der arbeiten, welche Papiere?", "aufenthaltspapier-arbeit"],
    ["What funding is available?", "welche-foerderung"],
    ["Which office is responsible?", "zustaendige-stelle"],
    ["Чи може ця людина працювати?", "aufenthaltspapier-arbeit"],
    ["إلى من يجب أن أتوجه؟", "zustaendige-stelle"],
  ])("starts a flow for the broad question %j", (question, id) => {
    const result = engine.ask(question);
    expect(AskResult.strict().parse(result)).toMatchObject({ outcome: "flow", answer: null, flow: { id } });
    expect(result.flow!.step.options.length).toBeGreaterThanOrEqual(2);
  });

  it.each(["Darf ich jemanden mit Duldung einstellen?", "Gibt es einen Lohnkostenzuschuss?", "Was ist der Eingliederungszuschuss?"])(
    "still answers the specific question %j with an article",
    (question) => {
      const result = engine.ask(question);
      expect(result.outcome).toBe("answer");
      expect(result.flow).toBeUndefined();
    },
  );
});
