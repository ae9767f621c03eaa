/**
 * Near misses written blind to the patterns (batch 10, 2026-11-30): messages that mention staff,
 * caseworkers, calls or appointments of other offices, or the asker's own employees, but do not ask
 * for a person of this service. Their requests-for-a-person counterparts are in the dev set
 * (tests/eval/questions.yaml, batch 10), where the quality test requires every one to be detected.
 */
import { describe, expect, it } from "vitest";
import { isHandoffRequest } from "../../src/knowledge/intent.js";

const nearMisses = [
  "Mein Mitarbeiter möchte mit seinem Sachbearbeiter sprechen, darf er das während der Arbeitszeit?",
  "Wie erreiche ich die Ausländerbehörde in Wuppertal?",
  "Ist ein Mensch mit Duldung überhaupt berechtigt, bei uns eine Ausbildung anzufangen?",
  "Wir suchen eine Person für die Buchhaltung, kann das auch ein Geflüchteter sein?",
  "Muss mein Azubi persönlich bei der Ausländerbehörde vorsprechen, wenn er die Beschäftigungserlaubnis verlängern will?",
  "Wer ist bei der IHK für Anerkennung ausländischer Abschlüsse zuständig?",
  "Unser neuer Kollege aus Eritrea hat einen Termin bei seiner Jobcenter-Betreuerin. Muss ich ihn dafür freistellen?",
  "Darf ein Mitarbeiter mit Aufenthaltsgestattung Kunden am Telefon beraten?",
  "Kann ich einen Dolmetscher für das Vorstellungsgespräch mit einem Bewerber aus Afghanistan bekommen?",
  "Wie spreche ich meinen syrischen Mitarbeiter am besten auf Probleme mit der Pünktlichkeit an?",
  "Welche Telefonnummer hat die Handwerkskammer Düsseldorf?",
  "Ich will einen Menschen einstellen, der aus der Ukraine kommt. Was brauche ich dafür?",
  "Braucht mein Praktikant eine Erlaubnis von der Ausländerbehörde, bevor er anfangen kann?",
  "Bei wem muss die Flüchtlingsfamilie, die ich ehrenamtlich betreue, ihren Weiterbewilligungsantrag abgeben?",
  "Gibt es eine Beratungsstelle für Anerkennung in Wuppertal, wo meine Bewerberin hingehen kann?",
  "Kann ich als Arbeitgeber bei der Agentur für Arbeit jemanden anrufen wegen der Zustimmung zur Beschäftigung?",
  "Mein Azubi sagt, seine Sachbearbeiterin beim Ausländeramt reagiert nicht. Was kann er tun?",
  "Wie lange dauert es, bis die Ausländerbehörde auf einen Antrag auf Beschäftigungserlaubnis antwortet?",
  "Wir brauchen dringend Leute fürs Lager, kennt ihr Geflüchtete, die Staplerschein haben?",
  "Gibt es für Ehrenamtliche Schulungen zum Thema Arbeitsmarktzugang?",
  "Darf ein Mensch mit Duldung in der Probezeit gekündigt werden wie jeder andere auch?",
  "Wo finde ich einen Ansprechpartner bei der Bundesagentur für die Vorrangprüfung?",
  "Mein Mitarbeiter braucht eine Bescheinigung vom Arbeitgeber für seinen Termin beim Jobcenter, was muss da drinstehen?",
  "Welche Person im Betrieb sollte sich um die Einarbeitung eines Geflüchteten kümmern, hat jemand Tipps?",
  "Wie kommt meine Bewerberin an einen Termin beim Integrationskurs-Träger?",
  "My employee wants to talk to his caseworker at the Ausländerbehörde. Can he do that during working hours?",
  "How do I contact the immigration office in Wuppertal?",
  "Can a person with a Duldung start an apprenticeship with us?",
  "We want to hire someone from Syria as a cook. What documents do we need?",
  "Who at the chamber of crafts handles recognition of foreign qualifications?",
  "Does my trainee need to appear in person at the foreigners' office to extend his permit?",
  "Is there a phone number for the Federal Employment Agency's employer service?",
  "Can I get an interpreter for a job interview with an Afghan applicant?",
  "How should I talk to my Ukrainian employee about her German course schedule?",
  "The refugee I volunteer with says his caseworker never answers. What can he do?",
  "Are volunteers allowed to accompany refugees to appointments at the Jobcenter?",
  "We are looking for a person with forklift experience, can refugees apply?",
  "Can someone with temporary protection from Ukraine work part-time as a nurse's aide?",
  "Where can my applicant get advice on getting her degree recognised?",
  "Do I have to give my employee time off for his integration course exam?",
];

describe("isHandoffRequest on blind near misses", () => {
  it.each(nearMisses)("leaves %s to search", (q) => expect(isHandoffRequest(q)).toBe(false));
});
