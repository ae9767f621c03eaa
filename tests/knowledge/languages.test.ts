import { describe, expect, it } from "vitest";
import { defaultDecisionConfig } from "../../src/config.js";
import { AskRequest, AskResult } from "../../src/knowledge/contract.js";
import { normalizeForeign, foreignTerms } from "../../src/knowledge/foreign.js";
import { openKnowledgeEngine } from "../../src/knowledge/index-store.js";
import { isHandoffRequest } from "../../src/knowledge/intent.js";
import { detectLanguage } from "../../src/knowledge/language.js";
import { article, makeContent } from "../helpers/content.js";
import { bundledEngine } from "../helpers/engine.js";

const fixture = () =>
  openKnowledgeEngine({
    decision: defaultDecisionConfig(),
    contentDir: makeContent({
      "articles/aufenthalt-arbeit/duldung-arbeit.yaml": article({
        de: { title: "Arbeiten mit Duldung", questions: ["Darf jemand mit Duldung arbeiten?", "Duldung und Arbeit?", "Beschäftigung mit Duldung?"], answer: "Mit Erlaubnis der Ausländerbehörde.", keywords: ["Duldung"] },
        en: { title: "Working with a Duldung", questions: ["Can someone with a Duldung work?", "Duldung and work?", "Employment with a Duldung?"], answer: "With the permission of the foreigners authority.", keywords: ["toleration"] },
        uk: { questions: ["Чи можна працювати з Duldung?", "Чи може людина з толеруванням працювати?", "Дозвіл на роботу для людини з Duldung"] },
        ar: { questions: ["هل يمكن العمل مع Duldung؟", "هل يسمح للشخص المتسامح معه بالعمل؟", "تصريح العمل لشخص لديه Duldung"] },
      }),
      "articles/foerderung/eingliederungszuschuss.yaml": article({
        de: { title: "Eingliederungszuschuss (EGZ)", questions: ["Gibt es einen Lohnkostenzuschuss?", "Was ist der EGZ?", "Zuschuss zum Lohn?"], answer: "Der Arbeitgeber bekommt einen Zuschuss zum Lohn.", keywords: ["EGZ", "Lohnkostenzuschuss"] },
        en: { title: "Integration subsidy (EGZ)", questions: ["Is there a wage subsidy?", "What is the EGZ?", "Subsidy for wages?"], answer: "The employer receives a wage subsidy.", keywords: ["wage subsidy"] },
        uk: { questions: ["Чи є доплата до зарплати для роботодавця?", "Що таке EGZ?", "Хто платить субсидію на зарплату?"] },
        ar: { questions: ["هل هناك دعم للأجور لصاحب العمل؟", "ما هو EGZ؟", "من يدفع دعم الراتب؟"] },
      }),
      "articles/sprache/integrationskurs.yaml": article({
        de: { title: "Integrationskurs", questions: ["Wo gibt es einen Integrationskurs?", "Deutschkurs für Geflüchtete?", "Wer zahlt den Integrationskurs?"], answer: "Das BAMF fördert Integrationskurse.", keywords: ["Deutschkurs"] },
        en: { title: "Integration course", questions: ["Where is an integration course?", "German course for refugees?", "Who pays for the integration course?"], answer: "BAMF funds integration courses.", keywords: ["German course"] },
        uk: { questions: ["Де знайти інтеграційний курс?", "Курс німецької мови для біженців", "Хто платить за курс німецької?"] },
        ar: { questions: ["أين أجد دورة الاندماج؟", "دورة لغة ألمانية للاجئين", "من يدفع تكاليف دورة اللغة الألمانية؟"] },
      }),
    }),
  }).engine;

describe("Ukrainian and Arabic", () => {
  it("detects the language by script, Latin terms mixed in or not", () => {
    expect(detectLanguage("Чи можна працювати з Duldung?").language).toBe("uk");
    expect(detectLanguage("Как получить разрешение на работу?").language).toBe("uk");
    expect(detectLanguage("هل يمكنني توظيف لاجئ لديه Duldung؟").language).toBe("ar");
    expect(detectLanguage("Darf ich einen Geflüchteten einstellen?").language).toBe("de");
  });

  it("normalises Arabic letter forms and Ukrainian spelling variants", () => {
    expect(normalizeForeign("إِنَّ أحمد آمن")).toBe("ان احمد امن");
    expect(normalizeForeign("مدرسةٌ على")).toBe("مدرسه علي");
    expect(normalizeForeign("ґанок з’єднайте")).toBe("ганок зєднайте");
    // The article and leading particles go; inflected forms meet.
    expect(foreignTerms("والعمل", "ar")).toEqual(foreignTerms("عمل", "ar"));
    expect(foreignTerms("біженець", "uk")).toEqual(foreignTerms("біженця", "uk"));
    // Latin terms are kept and analysed as German.
    expect(foreignTerms("Що таке EGZ за § 60d?", "uk")).toEqual(expect.arrayContaining(["egz", "60d"]));
  });

  it("finds the article from its example questions, inflected and with German terms mixed in", () => {
    const engine = fixture();
    const cases: [string, string][] = [
      ["Чи можна мені працювати, якщо в мене Duldung?", "duldung-arbeit"],
      ["Що таке EGZ для роботодавця?", "eingliederungszuschuss"],
      ["Де знайти курс німецької мови?", "integrationskurs"],
      ["هل يمكنني العمل مع Duldung؟", "duldung-arbeit"],
      ["ما هو EGZ لصاحب العمل؟", "eingliederungszuschuss"],
      ["أين أجد دورة لغة ألمانية؟", "integrationskurs"],
    ];
    for (const [q, id] of cases) expect(engine.explain(q).scored[0]?.id, q).toBe(id);
  });

  it("reports the question's language and answers in English unless German is asked for", () => {
    const engine = fixture();
    const r = engine.ask("Чи можна працювати з Duldung?");
    expect(AskResult.parse(r)).toMatchObject({ language: "uk", answerLanguage: "en", outcome: "answer", answer: { id: "duldung-arbeit", title: "Working with a Duldung" } });
    const de = engine.ask("هل يمكن العمل مع Duldung؟", { answerLanguage: "de" });
    expect(de).toMatchObject({ language: "ar", answerLanguage: "de" });
    expect([de.answer?.title, ...de.alternatives.map((a) => a.title)]).toContain("Arbeiten mit Duldung");
    expect(engine.ask("Чи можна працювати з Duldung?", { language: "de" })).toMatchObject({ language: "de", answerLanguage: "de" });
  });

  it("says none to Ukrainian and Arabic questions that are not ours", () => {
    const engine = fixture();
    for (const q of ["Як приготувати борщ?", "ما هو الطقس غدا؟"]) expect(engine.ask(q).outcome, q).toBe("none");
  });

  it("accepts uk and ar in the request contract", () => {
    expect(AskRequest.parse({ question: "x", language: "uk", answerLanguage: "de" })).toMatchObject({ language: "uk", answerLanguage: "de" });
    expect(AskRequest.safeParse({ question: "x", answerLanguage: "uk" }).success).toBe(false);
  });

  it("recognises requests for a person in Ukrainian and Arabic", () => {
    for (const q of ["أريد التحدث مع موظف", "أريد التحدث مع شخص", "хочу поговорити з людиною", "з’єднайте мене з консультантом", "можна поговорити з працівником?", "Перезвоніть мені, будь ласка", "اتصلوا بي من فضلك"]) {
      expect(isHandoffRequest(q), q).toBe(true);
    }
    for (const q of ["Чи може мій працівник працювати з Duldung?", "Я без роботи, що робити?", "هل يحتاج الموظف إلى تصريح عمل؟", "كيف أوظف لاجئا؟", "Консультант сказав, що треба дозвіл"]) {
      expect(isHandoffRequest(q), q).toBe(false);
    }
  });
});

describe("audience", () => {
  it("breaks near-ties only: it never turns the right article into a runner-up", () => {
    const engine = bundledEngine();
    const q = "Darf eine Person mit Aufenthaltsgestattung arbeiten?";
    expect(engine.ask(q).answer?.id).toBe("aufenthaltsgestattung-arbeit");
    for (const audience of ["employer", "chamber", "association", "volunteer"] as const) {
      expect(engine.ask(q, { audience }).answer?.id, audience).toBe("aufenthaltsgestattung-arbeit");
    }
  });
});
