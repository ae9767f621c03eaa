/**
 * Probes for the line between "ours" and "not ours": questions close to the domain (the Jobcenter,
 * employing refugees, training) about something the knowledge base does not cover must get no
 * answer; questions we do cover, asked with unusual words (trades, places, everyday details),
 * must still be answered (or clarified). Written apart from the dev eval set, which the engine is
 * tuned on.
 */
import { describe, expect, it } from "vitest";
import { bundledEngine } from "../helpers/engine.js";

const outOfScope = [
  // German
  "Wo kann ich am Jobcenter parken?",
  "Brauche ich als Flüchtling einen deutschen Führerschein?",
  "Steuererklärung für meinen Betrieb, was muss ich beachten?",
  "Kündigungsfrist in der Probezeit?",
  "Muss ich für meinen Azubi eine Betriebshaftpflicht abschließen?",
  "Wie melde ich ein Gewerbe an?",
  "Brauchen meine Köche ein Gesundheitszeugnis?",
  "Wie viele Urlaubstage stehen einem Azubi zu?",
  "Darf ich meinem Mitarbeiter wegen Krankheit kündigen?",
  "Wer zahlt die Lohnfortzahlung im Krankheitsfall?",
  "Wie funktioniert die Elternzeit für Väter?",
  "Kann mein Mitarbeiter seine Familie nach Deutschland nachholen?",
  "Wie beantrage ich einen Reisepass für mein Kind?",
  "Wo bekomme ich einen Wohnberechtigungsschein?",
  "Wie lange dauert eine Einbürgerung?",
  "Darf mein Mitarbeiter mit Duldung in den Urlaub nach Frankreich fahren?",
  "Wie kündige ich den Handyvertrag meines Mitarbeiters?",
  "Wann wird das Kindergeld ausgezahlt?",
  "Welche Krankenkasse ist die beste für Geflüchtete?",
  "Wie beantrage ich Elterngeld?",
  "Gibt es Zuschüsse für einen Firmenwagen?",
  "Wie hoch ist die Rente nach zehn Jahren Arbeit?",
  "Kann ich im Jobcenter mit Karte bezahlen?",
  "Hat das Jobcenter WLAN für Besucher?",
  "Darf ein minderjähriger Azubi am Wochenende arbeiten?",
  "Brauche ich eine Gewerbeerlaubnis für einen Imbiss?",
  "Wie funktioniert die Mülltrennung in Wuppertal?",
  "Wie melde ich einen Arbeitsunfall bei der Berufsgenossenschaft?",
  // English
  "Can I bring my dog to the Jobcenter office?",
  "Where can I park near the Jobcenter?",
  "How do I file my company's tax return?",
  "What is the notice period during probation?",
  "Does a refugee need a German driving licence?",
  "How many vacation days does an apprentice get?",
  "Can I deduct a company car from taxes?",
  "How do I register a business in Wuppertal?",
  "Which health insurance should my new employee choose?",
  "How do I apply for parental allowance?",
  "Can my employee's wife get a visa to join him?",
  "Is there a canteen in the Haus der Integration?",
  "Can I pay my employee in cash?",
  "How do I report a workplace accident?",
  "Does my refugee employee need a bank account for his salary?",
  "How long does naturalisation take?",
];

/** Questions we cover, in unusual words, with the articles that answer them. */
const inScope: [string, string[]][] = [
  // German
  ["Darf unser neuer Bäckerlehrling mit Duldung nachts arbeiten?", ["ausbildungsduldung-60c", "duldung-arbeit", "ausbildung-beginnen"]],
  ["Unsere Pizzeria möchte einen Koch mit Duldung einstellen, geht das?", ["duldung-arbeit"]],
  ["Ich habe eine Schreinerei und will einen Afghanen mit Aufenthaltsgestattung als Helfer nehmen", ["aufenthaltsgestattung-arbeit"]],
  ["Kann meine Friseurin aus Syrien ihren Berufsabschluss anerkennen lassen?", ["anerkennung-berufsabschluss", "ihk-hwk-ansprechpartner"]],
  ["Gabelstaplerfahrer aus Eritrea mit Fiktionsbescheinigung – darf der anfangen?", ["fiktionsbescheinigung-arbeit"]],
  ["Unser Dachdecker-Azubi kommt in der Berufsschule nicht mit, gibt es Nachhilfe?", ["unterstuetzung-waehrend-ausbildung", "assistierte-ausbildung-flex"]],
  ["Pflegehelferin aus der Ukraine mit Paragraph 24, darf sie im Altenheim arbeiten?", ["ukraine-schutz-24-arbeit"]],
  ["Ich bin Imker und würde gern einem Geflüchteten ein Praktikum anbieten", ["praktikum-erlaubnis"]],
  ["Zuschuss zum Lohn für einen Lagerarbeiter, der lange arbeitslos war?", ["eingliederungszuschuss", "teilhabe-arbeitsmarkt-16i-16e"]],
  ["Unsere ehrenamtliche Fahrradwerkstatt: dürfen Geflüchtete dort gegen Geld mithelfen?", ["verein-beschaeftigt-gefluechtete"]],
  ["Die Ausländerbehörde hat die Beschäftigungserlaubnis für meinen Küchenhelfer abgelehnt, was nun?", ["beschaeftigungserlaubnis-abgelehnt"]],
  ["Kfz-Mechatroniker aus dem Irak, Abschluss anerkennen, wer ist zuständig?", ["ihk-hwk-ansprechpartner", "anerkennung-berufsabschluss"]],
  ["Was kostet die Zeugnisbewertung für einen Bauingenieur aus Syrien?", ["auslaendischer-hochschulabschluss-zab"]],
  ["Krankenpflegerin aus Afghanistan, wie läuft die Anerkennung in NRW?", ["anerkennung-pflegeberufe-nrw"]],
  ["Unser Fliesenleger mit Duldung arbeitet seit zwei Jahren bei uns, bekommt er eine Beschäftigungsduldung?", ["beschaeftigungsduldung-60d"]],
  ["Darf ein Asylbewerber aus Georgien bei uns in der Gärtnerei arbeiten?", ["sichere-herkunftsstaaten-beschaeftigungsverbot"]],
  ["Wohnsitzauflage: mein neuer Lagerist wohnt in Köln, darf er nach Wuppertal ziehen?", ["wohnsitzregelung-12a"]],
  ["Deutschkurs für meine Reinigungskräfte während der Arbeitszeit?", ["sprachfoerderung-arbeitgeber", "berufssprachkurse"]],
  ["Mein Mitarbeiter stockt mit Bürgergeld auf, ich soll eine Einkommensbescheinigung ausfüllen", ["aufstocken-einkommensbescheinigung"]],
  ["Wie viel darf mein Minijobber behalten, wenn er Bürgergeld bekommt?", ["freibetraege-erwerbseinkommen"]],
  ["Dolmetscher für das Gespräch beim Jobcenter, wer bezahlt das?", ["dolmetscher-jobcenter-kosten"]],
  ["Darf ich als Nachbarin einen Geflüchteten zum Jobcenter-Termin begleiten?", ["begleitung-jobcenter-beistand"]],
  ["Übungsleiterpauschale für unsere Sprachpatin im Sportverein?", ["ehrenamtspauschale-uebungsleiterpauschale"]],
  ["Staplerschein als Weiterbildung über einen Bildungsgutschein?", ["weiterbildung-bildungsgutschein"]],
  ["Einstiegsqualifizierung in unserer Konditorei vor der Ausbildung?", ["einstiegsqualifizierung"]],
  ["Ausbildungsvergütung reicht nicht für die WG-Miete, gibt es Berufsausbildungsbeihilfe?", ["berufsausbildungsbeihilfe"]],
  // English
  ["Can our new apprentice baker with a Duldung work night shifts?", ["duldung-arbeit", "ausbildungsduldung-60c", "ausbildung-beginnen"]],
  ["We run a kebab shop, may we hire an asylum seeker who arrived four months ago?", ["aufenthaltsgestattung-arbeit"]],
  ["Our warehouse forklift driver has a Fiktionsbescheinigung, can he keep working?", ["fiktionsbescheinigung-arbeit"]],
  ["Wage subsidy for hiring a long-term unemployed welder?", ["eingliederungszuschuss", "teilhabe-arbeitsmarkt-16i-16e"]],
  ["My hairdresser from Syria wants her qualification recognised, where do we go?", ["anerkennung-berufsabschluss", "ihk-hwk-ansprechpartner"]],
  ["Our nursing home wants to hire a Ukrainian carer with temporary protection", ["ukraine-schutz-24-arbeit"]],
  ["The foreigners office refused the work permit for our dishwasher, what now?", ["beschaeftigungserlaubnis-abgelehnt"]],
  ["Does our carpentry apprentice qualify for assisted training?", ["assistierte-ausbildung-flex"]],
  ["Who pays the interpreter at my neighbour's Jobcenter appointment?", ["dolmetscher-jobcenter-kosten"]],
  ["Can a refugee from Albania work in our vineyard?", ["sichere-herkunftsstaaten-beschaeftigungsverbot"]],
  ["Our cleaner tops up her wages with benefits, which income form do I fill out?", ["aufstocken-einkommensbescheinigung"]],
  ["Job-related German course for our bus drivers?", ["berufssprachkurse", "sprachfoerderung-arbeitgeber"]],
  ["Can I take a refugee as an intern in my bicycle shop?", ["praktikum-erlaubnis"]],
  ["Our tiler has worked with a Duldung for 18 months, can he get an employment toleration?", ["beschaeftigungsduldung-60d"]],
  ["Is there a training toleration for our butcher apprentice?", ["ausbildungsduldung-60c"]],
  ["Which chamber recognises a mechanic's certificate from Iraq?", ["ihk-hwk-ansprechpartner", "anerkennung-berufsabschluss"]],
];

/**
 * How many of `outOfScope` must get no answer. Telling "Elterngeld" or "canteen" (a topic we do
 * not cover) from "Überstunden" or "paused" (a detail of a question we do cover) needs to know
 * which words are rare in general language, which the engine does not; the others are answered or
 * clarified with a weakly related article. 25 were rejected when this was written (a little
 * headroom for content edits); raise it as the engine improves.
 */
const REJECTED_AT_LEAST = 23;

describe("out-of-scope probes", () => {
  const engine = bundledEngine();

  it(`gives no answer to at least ${REJECTED_AT_LEAST} of ${outOfScope.length} questions we do not cover`, () => {
    const answered = outOfScope
      .map((q) => ({ q, r: engine.ask(q) }))
      .filter(({ r }) => r.outcome !== "none")
      .map(({ q, r }) => `${q} → ${r.outcome} ${r.answer?.id ?? r.alternatives.map((a) => a.id).join(", ")}`);
    expect(outOfScope.length - answered.length, `answered:\n${answered.join("\n")}`).toBeGreaterThanOrEqual(REJECTED_AT_LEAST);
  });

  it.each(inScope)("still answers %s", (q, expected) => {
    const r = engine.ask(q);
    expect(r.outcome, `expected one of ${expected.join(", ")}`).not.toBe("none");
  });
});
