import { describe, expect, it } from "vitest";
import { classifyQuestion, foreignExamples, trainArticleClassifier } from "../../src/knowledge/article-classifier.js";
import type { Decision, ScoredCandidate } from "../../src/knowledge/decide.js";
import type { Article } from "../../src/knowledge/schema.js";
import { FOREIGN_SECOND_READING, readSecondTime, SECOND_READING } from "../../src/knowledge/second-reading.js";

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
