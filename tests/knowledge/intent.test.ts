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
    "Telefonnummer von einem Ansprechpartner bei euch?",
    "Nummer von einer Lotsin?",
    "phone number of an adviser please",
    "ما هو رقم هاتف شخص مسؤول عندكم؟",
    "Gibt es jemanden bei Ihnen, mit dem ich einen Termin vor Ort machen kann?",
    "Können Sie meine Anfrage an eine Kollegin oder einen Kollegen weitergeben?",
    "Mit wem kann ich direkt sprechen?",
    "Gibt es eine Möglichkeit, dass mich ein Mitarbeiter anruft?",
    "Хочу особисто обговорити їхню ситуацію з вашим співробітником.",
    "هل يوجد شخص يتكلم العربية يمكنني التحدث معه؟",
    "Gibt es bei Ihnen jemanden, mit dem ich einen Termin machen kann?",
    "Ich will mit Frau oder Mann vom Jobcenter sprechen.",
    "Der Chat hilft mir nicht weiter.",
    "Wir vom Betriebsrat hätten gern ein persönliches Gespräch mit Ihrem Team, geht das?",
    "Kann sich mal ein Lotse bei unserer Kirchengemeinde melden?",
    "I'd rather discuss our case with someone from your team directly.",
    "هل يمكنني أن أحجز موعدًا مع مستشار لأتحدث عن وضعي؟",
  ])("recognises %s", (q) => expect(isHandoffRequest(q)).toBe(true));

  it.each([
    "Darf mein Mitarbeiter mit Duldung Überstunden machen?",
    "Darf ich für meinen Schützling mit dem Sachbearbeiter sprechen?",
    "ich brauche einen Mitarbeiter für mein Lager",
    "Telefonnummer der Ausländerbehörde?",
    "Muss mich die Ausländerbehörde anrufen, wenn die Erlaubnis da ist?",
    "Muss sich die Ausländerbehörde bei uns melden?",
    "Kann sich der Azubi bei uns melden, wenn er Fragen hat?",
    "Darf mein Mitarbeiter mit einer Frau vom Jobcenter sprechen?",
    "Should we discuss the contract with someone from the chamber?",
    "Mein Kollege aus Syrien hat eine Duldung, darf er weiter arbeiten?",
    "Mit wem kann ich bei der IHK über die Anerkennung sprechen?",
    "Kontaktdaten von einem Berater bei der IHK",
    "what is the phone number of the foreigners office",
    "ما هو رقم هاتف مكتب الأجانب؟",
    "Als kleiner Pflegedienst möchten wir gezielt geflüchtete Menschen einstellen, wer kann uns passende Leute vorschlagen?",
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
  it("finds a request for a person at either end of a long message, and nothing in a long story without one", () => {
    const story = "Wir sind eine kleine Bäckerei in Elberfeld und wollen einen jungen Mann aus Syrien ausbilden. Er hat eine Duldung, die Schule hat er hier fast fertig. Wir wissen nicht, wie es mit der Ausbildungsduldung und dem Papierkram läuft, und die Ausländerbehörde hat auf unsere Mail von letzter Woche noch nicht geantwortet.";
    expect(story.length).toBeGreaterThan(300);
    expect(isHandoffRequest(`${story} Kann sich bitte jemand aus Ihrem Team bei uns melden?`)).toBe(true);
    expect(isHandoffRequest(`Bitte rufen Sie mich zurück. ${story}`)).toBe(true);
    expect(isHandoffRequest(story)).toBe(false);
    expect(isHandoffRequest("ja. ".repeat(2000))).toBe(false);
    expect(isHandoffRequest(`${"Duldung. ".repeat(500)}Ich will einen Menschen sprechen.`)).toBe(true);
  });
});
