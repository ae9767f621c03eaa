import { describe, expect, it } from "vitest";
import { loadEvalSet } from "../../src/eval/evaluate.js";
import { isHandoffRequest, matchesRequestPhrasing, PERSON_REQUEST_MIN, PERSON_REQUEST_WITH_CONTACT } from "../../src/knowledge/intent.js";
import { hashedFeatures } from "../../src/knowledge/hashed-features.js";
import { compileTextModel, fitTextModel, textProbability, type TextModel } from "../../src/knowledge/text-model.js";
import { PERSON_MODEL } from "../../src/knowledge/person-model.js";

const model = compileTextModel(PERSON_MODEL);

describe("hashedFeatures", () => {
  it("are the same for the same text and L2-normalised", () => {
    const a = hashedFeatures("Kann mich eine Lotsin anrufen?", 1024);
    expect([...a]).toEqual([...hashedFeatures("Kann mich eine Lotsin anrufen?", 1024)]);
    expect([...a.values()].reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 9);
    expect([...a.keys()].every((b) => b >= 0 && b < 1024)).toBe(true);
  });

  it("meet whatever the spelling: umlauts, ae/oe/ue and case give the same features", () => {
    expect([...hashedFeatures("Können Sie mich zurückrufen?", 4096)]).toEqual([...hashedFeatures("koennen sie mich zurueckrufen", 4096)]);
  });

  it.each([
    ["empty", ""],
    ["only marks", "?!… ---"],
    ["emoji", "🙂🙂🙂"],
    ["control characters", "\u0000\u0007\u202e"],
  ])("of %s text are empty, and the text is no request", (_name, text) => {
    expect(hashedFeatures(text, 1024).size).toBe(0);
    expect(textProbability(text, model)).toBeLessThan(PERSON_REQUEST_MIN);
    expect(isHandoffRequest(text)).toBe(false);
  });

  it("read a huge message at its ends only, so its size costs nothing", () => {
    const huge = `Bitte rufen Sie mich an. ${"Duldung Ausbildung Betrieb ".repeat(100_000)}Danke.`;
    const features = hashedFeatures(huge, 1 << 15);
    expect(features.size).toBeLessThan(500);
    expect(Number.isFinite(textProbability(huge, model))).toBe(true);
  });
});

describe("compileTextModel", () => {
  const valid: TextModel = { fitted: "test", buckets: 4, bias: 0, scale: 1, weights: Buffer.alloc(8).toString("base64") };

  it.each([
    ["weights of another size", { ...valid, weights: Buffer.alloc(6).toString("base64") }, /6 bytes of weights for 4 buckets/],
    ["buckets not a power of two", { ...valid, buckets: 6 }, /power of two/],
    ["no weights", { ...valid, weights: "" }, /weights/],
    ["an unknown field", { ...valid, extra: 1 }, /extra/],
  ])("refuses %s", (_name, broken, message) => {
    expect(() => compileTextModel(broken as TextModel)).toThrow(message);
  });
});

describe("fitTextModel", () => {
  it("learns from examples to tell a request for a person from a question", () => {
    const persons = ["Ich will mit einem Menschen sprechen", "Rufen Sie mich bitte zurück", "Kann mich eine Lotsin anrufen?", "Ich möchte einen Berater sprechen", "Bitte einen Mitarbeiter", "Kann ich mit jemandem telefonieren?"];
    const questions = ["Darf ich einen Geflüchteten mit Duldung einstellen?", "Wie hoch ist der Eingliederungszuschuss?", "Was ist eine Einstiegsqualifizierung?", "Wer zahlt den Sprachkurs?", "Braucht mein Azubi eine Arbeitserlaubnis?", "Was kostet die Anerkennung?"];
    const fitted = compileTextModel(fitTextModel([...persons.map((text) => ({ text, positive: true })), ...questions.map((text) => ({ text, positive: false }))], { fitted: "test", buckets: 1 << 12, iterations: 300 }));
    expect(textProbability("Kann mich ein Mensch zurückrufen?", fitted)).toBeGreaterThan(0.5);
    expect(textProbability("Wie hoch ist der Zuschuss für einen Azubi mit Duldung?", fitted)).toBeLessThan(0.5);
  });
});

describe("the person model as shipped", () => {
  it("was fitted on the dev set as it is now (refit: npm run eval -- --fit-person-requests)", () => {
    const dev = loadEvalSet("tests/eval/questions.yaml");
    const persons = dev.filter((q) => (Array.isArray(q.expect) ? q.expect[0] : q.expect) === "handoff").length;
    expect(PERSON_MODEL.fitted).toContain(`${persons} requests for a person, ${dev.length - persons} other questions`);
  });

  // Written for this test, in none of the eval sets, and in none of the phrasings of intent.ts.
  it.each([
    "Ich hätte lieber jemanden von Ihnen persönlich dran.",
    "Wäre jemand aus dem Team so nett, mich anzurufen?",
    "I'd appreciate a call from one of your staff.",
    "Ich hätte gern eine Beratung durch Ihr Team.",
    "Lieber direkt mit euch Lotsen, der Chat ist mir zu umständlich.",
  ])("recognises a request no phrasing covers: %s", (q) => {
    expect(matchesRequestPhrasing(q)).toBe(false);
    expect(textProbability(q, model)).toBeGreaterThanOrEqual(PERSON_REQUEST_MIN);
    expect(isHandoffRequest(q)).toBe(true);
  });

  it.each([
    "Brauche ich eine Vollmacht, um jemanden zum Termin zu begleiten?",
    "Kann ich als Verein bei den Lotsen anrufen, bevor wir jemanden einstellen?",
    // Blind batch 15: "uns" is not the one to be called here ("…für uns als Verein, den man anrufen kann").
    "Gibt es beim Jobcenter einen festen Ansprechpartner für uns als Verein, den man anrufen kann, wenn wir allgemeine Fragen zu Geflüchteten und Arbeit haben?",
    "A business in our neighbourhood would like to take someone on – whom do we contact?",
    "Ich möchte einen Mitarbeiter mit Duldung einstellen.",
  ])("leaves a question about people to search: %s", (q) => {
    expect(isHandoffRequest(q)).toBe(false);
  });

  it("is not asked about Ukrainian or Arabic text, where it cannot tell hiring someone from asking for one", () => {
    const hire = "أريد توظيف موظف أوكراني، ماذا أحتاج؟";
    // The model takes it for a request (0.83 as fitted on 2026-12-02): only the script keeps it from deciding.
    expect(textProbability(hire, model)).toBeGreaterThanOrEqual(PERSON_REQUEST_WITH_CONTACT);
    expect(isHandoffRequest(hire)).toBe(false);
  });
});
