import { describe, expect, it } from "vitest";
import { isHandoffRequest } from "../../src/knowledge/intent.js";

describe("isHandoffRequest", () => {
  it.each([
    "ich will einen Menschen",
    "Könnte sich eine Beraterin per E-Mail bei mir melden?",
    "get me a human",
    "could a caseworker email me",
    "дайте мені консультанта",
    "أحتاج مستشار",
    "Verbinden Sie mich bitte mit der Integrationsstelle",
    "Können Sie meine Frage an einen Kollegen weitergeben?",
    "Gibt es jemanden, den ich anrufen kann?",
    "Geben Sie mir bitte die Durchwahl eines Ansprechpartners",
    "Ich möchte einen Termin für eine Beratung vereinbaren",
    "please have a navigator get in touch",
    "can you forward my question to a human",
    "let me talk to your colleague",
    "is there a phone number I can call",
    "Чи може хтось зі мною зв'язатися?",
    "Я хочу записатися на консультацію",
    "أريد موعد استشارة",
    "هل يوجد رقم هاتف للتواصل مع موظف؟",
    "ممكن أحكي مع حدا؟",
    "Wen kann ich bei Ihnen direkt anrufen?",
    "Geht das auch im persönlichen Gespräch?",
    "Mit wem kann ich darüber sprechen?",
    "can I get a call from one of your staff",
    "Who can I talk to about this?",
  ])("recognises %s", (q) => expect(isHandoffRequest(q)).toBe(true));

  it.each([
    "Darf mein Mitarbeiter mit Duldung Überstunden machen?",
    "Darf ich für meinen Schützling mit dem Sachbearbeiter sprechen?",
    "ich brauche einen Mitarbeiter für mein Lager",
    "my employee's asylum claim was rejected",
    // Asking how to reach someone is answered by an article (lotsen-navigatoren, auslaenderbehoerde).
    "Wie erreiche ich eine Lotsin vom Jobcenter?",
    "How do I reach a navigator at the Jobcenter?",
    "Wie erreiche ich die Ausländerbehörde Wuppertal?",
    "what is the phone number of the foreigners office",
    "Wo bekomme ich einen Beratungstermin zur Anerkennung bei der IQ Beratung?",
    "Can my employee get in touch with the Jobcenter himself?",
    "Can a person with a Duldung help us in the shop?",
    "Darf ich Unterlagen an den Mitarbeiter im Jobcenter weitergeben?",
    "Gibt es jemanden, der ukrainisch sprechen kann?",
    "can I put my colleague as contact on the EGZ form",
    "Чи може хтось пояснити, як зв'язатися з Ausländerbehörde?",
    "Як записатися на прийом до Ausländerbehörde?",
    "كيف أحجز موعد في دائرة الأجانب؟",
    "Can my employee talk to the Jobcenter during work hours?",
    "Mit wem kann ich über die Anerkennung meines Abschlusses sprechen?",
    "Who can I talk to about recognising a foreign degree?",
  ])("does not mistake %s for a request for a person", (q) => expect(isHandoffRequest(q)).toBe(false));
});
