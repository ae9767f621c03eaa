import { describe, expect, it } from "vitest";
import { classifyQuestion, foreignExamples, trainArticleClassifier } from "../../src/knowledge/article-classifier.js";
import type { Decision, ScoredCandidate } from "../../src/knowledge/decide.js";
import type { Article } from "../../src/knowledge/schema.js";
import { lexiconGloss } from "../../src/knowledge/foreign.js";
import { FOREIGN_SECOND_READING, LEXICON_READING, readSecondTime, readThroughLexicon, SECOND_READING } from "../../src/knowledge/second-reading.js";
import { openEngine } from "../helpers/engine.js";

/** Just what the foreign model reads: German title and keywords, Ukrainian and Arabic questions. */
function art(id: string, title: string, uk: string[], ar: string[]): Article {
  return { id, de: { title, questions: [], keywords: [] }, en: { title, questions: [], keywords: [] }, uk: { questions: uk }, ar: { questions: ar } } as unknown as Article;
}

const ARTICLES = [
  art("kuchen", "Kuchen backen", ["Як спекти яблучний пиріг?", "Скільки пекти пиріг у духовці?", "Який пиріг спекти на свято?"], ["كيف أخبز كعكة التفاح؟", "كم دقيقة تبقى الكعكة في الفرن؟", "أي كعكة أخبز للعيد؟"]),
  art("fahrrad", "Fahrrad reparieren", ["Як заклеїти колесо велосипеда?", "Ланцюг велосипеда злітає, що робити?", "Як налаштувати гальма велосипеда?"], ["كيف أصلح إطار الدراجة؟", "سلسلة الدراجة تسقط، ماذا أفعل؟", "كيف أضبط فرامل الدراجة؟"]),
  art("garten", "Garten pflegen", ["Коли підстригати живопліт?", "Як часто косити газон?", "Коли поливати помідори в саду?"], ["متى أقص السياج؟", "كم مرة أقص العشب؟", "متى أسقي الطماطم في الحديقة؟"]),
];
const model = trainArticleClassifier(ARTICLES, foreignExamples);

const candidate = (id: string, confidence: number) => ({ id, confidence, coverage: 0.5, nearest: 0.3, score: 1 }) as unknown as ScoredCandidate;
const refused = (first: string): Decision => ({
  outcome: "none", confidence: 0.8, clarifyCount: 0,
  scored: [candidate(first, 0.2), ...ARTICLES.map((a) => a.id).filter((id) => id !== first).map((id) => candidate(id, 0.1))],
});

describe("the second reading of a refusal (Ukrainian and Arabic)", () => {
  const q = "велосипед: ланцюг постійно злітає";

  it("offers the search's articles, first its first, when the model agrees with it", () => {
    const reading = classifyQuestion(q, model)!;
    expect(reading.id).toBe("fahrrad");
    // Not sure enough to answer, sure enough to offer.
    expect(reading.p).toBeGreaterThanOrEqual(FOREIGN_SECOND_READING.offer!);
    const d = readSecondTime(q, refused("fahrrad"), model, { ...FOREIGN_SECOND_READING, none: 1.1 });
    expect(d.outcome).toBe("clarify");
    expect(d.clarifyCount).toBe(3);
    expect(d.scored[0]?.id).toBe("fahrrad");
  });

  it("leaves the refusal when the model puts another article first, or when no offer is configured (German and English)", () => {
    expect(readSecondTime(q, refused("garten"), model, { ...FOREIGN_SECOND_READING, none: 1.1 }).outcome).toBe("none");
    expect(SECOND_READING.offer).toBeUndefined();
    expect(readSecondTime(q, refused("fahrrad"), model, { ...SECOND_READING, none: 1.1 }).outcome).toBe("none");
  });

  it("leaves a refusal for a topic listed as not covered", () => {
    const d = { ...refused("fahrrad"), notCovered: { topic: "wetter", term: "Wetter" } };
    expect(readSecondTime(q, d, model, FOREIGN_SECOND_READING).outcome).toBe("none");
  });
});

describe("the reading through the lexicon (Ukrainian and Arabic)", () => {
  const engine = openEngine();
  const noGerman = openEngine();
  (noGerman.indexes as { classifier: unknown }).classifier = { ...noGerman.indexes.classifier, ids: [] };
  // Nor the questions asked in the dev set (asked-questions.ts), with which the Ukrainian model alone is sure of this one.
  (noGerman.indexes as { foreignClassifier: unknown }).foreignClassifier = trainArticleClassifier(noGerman.articles, foreignExamples);
  const q = "Чи оплачує Jobcenter перекладача на зустріч? Моя мама майже не розмовляє німецькою, а платити самим дорого.";

  it("glosses a question in German through the lexicon, with the Latin words it holds", () => {
    const gloss = lexiconGloss(q, engine.indexes.uk.lexicon);
    expect(gloss).toMatch(/Dolmetscher/);
    expect(gloss).toMatch(/Kosten/);
    expect(gloss).toMatch(/jobcent/);
    expect(lexiconGloss("Добрий день!", engine.indexes.uk.lexicon)).toBe("");
  });

  it("glosses only the first words of a huge question, as the search reads them", () => {
    const huge = "Jobcenter перекладач ".repeat(5000);
    const gloss = lexiconGloss(huge, engine.indexes.uk.lexicon);
    // 40 words: 20 of each, the Latin one once per occurrence.
    expect(gloss.split(" ").filter((w) => w === "jobcent")).toHaveLength(20);
  });

  it("answers what it would only have offered, when the German and the Ukrainian model agree with the search", () => {
    const without = noGerman.ask(q);
    expect(without.outcome).toBe("clarify");
    expect(without.alternatives[0]?.id).toBe("dolmetscher-jobcenter-kosten");
    const withIt = engine.ask(q);
    expect(withIt.outcome).toBe("answer");
    expect(withIt.answer?.id).toBe("dolmetscher-jobcenter-kosten");
  });

  it("leaves the decision when the German reading is not sure enough or puts another article first", () => {
    const first = engine.explain(q).scored[0]!;
    const offer: Decision = { outcome: "clarify", confidence: 0.6, clarifyCount: 3, scored: [first] };
    const gloss = lexiconGloss(q, engine.indexes.uk.lexicon);
    expect(readThroughLexicon(q, gloss, offer, engine.indexes.classifier, engine.indexes.foreignClassifier).outcome).toBe("answer");
    expect(readThroughLexicon(q, gloss, offer, engine.indexes.classifier, engine.indexes.foreignClassifier, { ...LEXICON_READING, german: 1.01 }).outcome).toBe("clarify");
    expect(readThroughLexicon(q, "Kuchen backen Apfelkuchen", offer, engine.indexes.classifier, engine.indexes.foreignClassifier).outcome).toBe("clarify");
    expect(readThroughLexicon(q, "", offer, engine.indexes.classifier, engine.indexes.foreignClassifier).outcome).toBe("clarify");
  });
});
