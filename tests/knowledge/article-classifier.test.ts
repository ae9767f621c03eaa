import { describe, expect, it } from "vitest";
import { articleExamples, AskedQuestions, classifyQuestion, foreignExamples, loadArticleClassifier, MAX_CLASSIFIED_ARTICLES, serializeArticleClassifier, trainArticleClassifier } from "../../src/knowledge/article-classifier.js";
import { ASKED_QUESTIONS } from "../../src/knowledge/asked-questions.js";
import type { Article } from "../../src/knowledge/schema.js";
import { openEngine } from "../helpers/engine.js";

/** Just what the classifier reads of an article: id, titles, example questions, keywords. */
function art(id: string, de: string[], en: string[], keywords: string[] = []): Article {
  const block = (q: string[]) => ({ title: q[0]!, questions: q.slice(1), keywords });
  return { id, de: block(de), en: block(en) } as unknown as Article;
}

const SMALL = [
  art("kuchen", ["Kuchen backen", "Wie backe ich einen Apfelkuchen?", "Welcher Teig für Obstkuchen?", "Kuchen im Ofen wie lange?"], ["Baking cakes", "How do I bake an apple cake?", "Which dough for a fruit cake?"], ["Teig", "backen"]),
  art("fahrrad", ["Fahrrad reparieren", "Wie flicke ich einen Reifen am Fahrrad?", "Kette springt ab, was tun?", "Bremsen am Rad einstellen"], ["Repairing bicycles", "How do I fix a flat tyre on my bike?", "My chain keeps falling off"], ["Reifen", "Kette"]),
  art("garten", ["Garten pflegen", "Wann schneide ich die Hecke?", "Wie oft Rasen mähen?", "Tomaten im Garten gießen"], ["Gardening", "When do I cut the hedge?", "How often to mow the lawn?"], ["Rasen", "Hecke"]),
];

describe("the article classifier", () => {
  const model = trainArticleClassifier(SMALL);

  it("reads new wordings of an article's questions, with umlauts or without", () => {
    expect(classifyQuestion("Mein Reifen am Rad ist platt, wie flicken?", model)?.id).toBe("fahrrad");
    expect(classifyQuestion("Apfelkuchen backen – wie lange in den Ofen?", model)?.id).toBe("kuchen");
    expect(classifyQuestion("when should the hedge be cut", model)?.id).toBe("garten");
    expect(classifyQuestion("Wie oft muss man den Rasen maehen?", model)?.id).toBe("garten");
  });

  it("gives a probability, and is surer of a close wording than of a vague one", () => {
    const close = classifyQuestion("Wie flicke ich einen Reifen am Fahrrad?", model)!;
    const vague = classifyQuestion("Was soll ich machen?", model)!;
    expect(close.p).toBeGreaterThan(0.5);
    expect(close.p).toBeLessThanOrEqual(1);
    expect(vague.p).toBeLessThan(close.p);
  });

  it("is the same model for the same content on every run (each pass in an order the examples give)", () => {
    expect(serializeArticleClassifier(trainArticleClassifier(SMALL))).toEqual(serializeArticleClassifier(model));
  });

  it("comes back from its serialised form (the index cache) with the same readings", () => {
    const loaded = loadArticleClassifier(JSON.parse(JSON.stringify(serializeArticleClassifier(model))));
    for (const q of ["Kette springt ab", "Tomaten gießen", "fruit cake dough"]) expect(classifyQuestion(q, loaded)).toEqual(classifyQuestion(q, model));
  });

  it.each([
    ["weights of another size", { weights: Buffer.alloc(12).toString("base64") }],
    ["biases of another number", { bias: [0] }],
  ])("refuses a serialised form with %s", (_name, broken) => {
    expect(() => loadArticleClassifier({ ...serializeArticleClassifier(model), ...broken })).toThrow(/article classifier: \d+ bytes of weights and \d+ biases for 3 articles/);
  });

  it.each([
    ["empty", ""],
    ["huge", "Fahrrad ".repeat(200_000)],
    ["only marks and emoji", "?!… 🙂"],
  ])("answers for %s text without failing", (_name, text) => {
    const r = classifyQuestion(text, model)!;
    expect(r.p).toBeGreaterThan(0);
    expect(r.p).toBeLessThanOrEqual(1);
  });

  it("is left empty beyond MAX_CLASSIFIED_ARTICLES, where its training would take too long: the search decides alone", () => {
    const many = Array.from({ length: MAX_CLASSIFIED_ARTICLES + 1 }, (_, i) => art(`a${i}`, [`Titel ${i}`, `Frage ${i}?`], [`Title ${i}`, `Question ${i}?`]));
    const big = trainArticleClassifier(many);
    expect(big.ids).toEqual([]);
    expect(classifyQuestion("Frage 7?", big)).toBeUndefined();
  });

  it("reads Ukrainian and Arabic from the articles' example questions in those languages, and German words mixed in", () => {
    const withForeign = SMALL.map((a, i) => ({
      ...a,
      uk: { questions: [["Як спекти яблучний пиріг?", "Скільки пекти пиріг у духовці?"], ["Як заклеїти колесо велосипеда?", "Ланцюг злітає, що робити?"], ["Коли підстригати живопліт?", "Як часто косити газон?"]][i]! },
      ar: { questions: [["كيف أخبز كعكة التفاح؟", "كم دقيقة تبقى الكعكة في الفرن؟"], ["كيف أصلح إطار الدراجة؟", "السلسلة تسقط، ماذا أفعل؟"], ["متى أقص السياج؟", "كم مرة أقص العشب؟"]][i]! },
    })) as Article[];
    const foreign = trainArticleClassifier(withForeign, foreignExamples);
    expect(classifyQuestion("як часто треба косити газон влітку?", foreign)?.id).toBe("garten");
    expect(classifyQuestion("إطار الدراجة مثقوب، كيف أصلحه؟", foreign)?.id).toBe("fahrrad");
    expect(classifyQuestion("пиріг: який Teig?", foreign)?.id).toBe("kuchen");
  });

  it("learns from the questions people asked of an article (asked-questions.ts), and ignores those of an article that is gone", () => {
    const engine = openEngine();
    const a = engine.article("einstiegsqualifizierung")!;
    const own = articleExamples(a);
    expect(articleExamples(a, { einstiegsqualifizierung: ["Quokka-Praktikum vor der Lehre?"], weg: ["x"] })).toEqual([...own, "Quokka-Praktikum vor der Lehre?"]);
    expect(articleExamples(a, { constructor: ["x"] } as never)).toEqual(own);
    const asked = { einstiegsqualifizierung: ["Wie beantrage ich den Quokkazuschuss für Wombats?", "Quokkazuschuss Wombat wer zahlt?"] };
    const trained = trainArticleClassifier(engine.articles, (x) => articleExamples(x, asked));
    expect(classifyQuestion("Quokkazuschuss für Wombats", trained)?.id).toBe("einstiegsqualifizierung");
    expect(classifyQuestion("Quokkazuschuss für Wombats", trainArticleClassifier(engine.articles))?.id).not.toBe("einstiegsqualifizierung");
  });

  it("refuses asked questions that are empty, too long or not by article", () => {
    expect(AskedQuestions.safeParse({ fitted: "t", byArticle: { a: [""] } }).success).toBe(false);
    expect(AskedQuestions.safeParse({ fitted: "t", byArticle: { a: ["x".repeat(4001)] } }).success).toBe(false);
    expect(AskedQuestions.safeParse({ fitted: "t", byArticle: ["x"] }).success).toBe(false);
    expect(AskedQuestions.safeParse({ fitted: "t", byArticle: {}, extra: 1 }).success).toBe(false);
    expect(AskedQuestions.safeParse(ASKED_QUESTIONS).success).toBe(true);
  });

  it("reads a question once per model and turn: the same question again gets the same reading, another its own", () => {
    const model = trainArticleClassifier(SMALL);
    const cake = classifyQuestion("Apfelkuchen backen?", model)!;
    expect(classifyQuestion("Apfelkuchen backen?", model)).toBe(cake);
    expect(Object.isFrozen(cake)).toBe(true);
    expect(classifyQuestion("Fahrradkette springt ab", model)?.id).toBe("fahrrad");
    expect(classifyQuestion("Apfelkuchen backen?", model)).toEqual(cake);
    expect(classifyQuestion("Apfelkuchen backen?", trainArticleClassifier(SMALL.slice(1)))?.id).not.toBe("kuchen");
  });

  it("has nothing to say without articles", () => {
    expect(classifyQuestion("Kuchen", trainArticleClassifier([]))).toBeUndefined();
  });
});

describe("the second reading in the engine", () => {
  const engine = openEngine();
  const searchOnly = openEngine();
  (searchOnly.indexes as { classifier: unknown }).classifier = { ...searchOnly.indexes.classifier, ids: [] };
  (searchOnly.indexes as { foreignClassifier: unknown }).foreignClassifier = { ...searchOnly.indexes.foreignClassifier, ids: [] };

  it.each([
    ["sprachmittler arabisch wer zahlt", "dolmetschen-sprachmittlung"],
    ["was ist der job turbo", "job-turbo"],
    ["residence permit after finishing the apprenticeship?", "aufenthalt-waehrend-nach-ausbildung"],
  ])("answers what the search alone would only offer, when both put the article first: %s", (q, id) => {
    const alone = searchOnly.ask(q);
    expect(alone.outcome).toBe("clarify");
    expect(alone.alternatives[0]?.id).toBe(id);
    const both = engine.ask(q);
    expect(both.outcome).toBe("answer");
    expect(both.answer?.id).toBe(id);
  });

  it.each([
    ["what is a Berufssprachkurs and does my employee have to pay for it?", "berufssprachkurse"],
    ["our association wants to help refugees find their first job, what can we do?", "verein-jobeinstieg-unterstuetzen"],
  ])("answers with the article of an offer that the classifier is sure of, though the search put another first: %s", (q, id) => {
    const alone = searchOnly.ask(q);
    expect(alone.outcome).toBe("clarify");
    expect(alone.alternatives[0]?.id).not.toBe(id);
    expect(alone.alternatives.map((a) => a.id)).toContain(id);
    const both = engine.ask(q);
    expect(both.outcome).toBe("answer");
    expect(both.answer?.id).toBe(id);
    expect(both.alternatives.map((a) => a.id)).toContain(alone.alternatives[0]?.id);
  });

  it("leaves a topic listed as not covered as the search decided", () => {
    for (const q of ["Wie beantrage ich Wohngeld?", "Kindergeld für Geflüchtete mit Duldung – wo beantragen?"]) {
      expect(engine.ask(q).outcome, q).toBe(searchOnly.ask(q).outcome);
    }
  });

  it("answers a Ukrainian question directly when the Ukrainian and Arabic model agrees with the search (a blind batch-15 question)", () => {
    const q = "Я медсестра з Харкова. Що таке Kenntnisprüfung і чи мушу я її складати, щоб працювати медсестрою?";
    const alone = searchOnly.ask(q);
    expect(alone.outcome).not.toBe("answer");
    expect(alone.alternatives[0]?.id).toBe("anerkennung-pflegeberufe-nrw");
    const both = engine.ask(q);
    expect(both.outcome).toBe("answer");
    expect(both.answer?.id).toBe("anerkennung-pflegeberufe-nrw");
    // Answered in English, the article language for Ukrainian askers.
    expect(both.answerLanguage).toBe("en");
  });
});
