import { describe, expect, it } from "vitest";
import { caseSignals, isIndividualCase } from "../../bot/case-guard.js";

describe("isIndividualCase", () => {
  it.each([
    ["sein Antrag wurde abgelehnt, was passiert jetzt?"],
    ["mein Mitarbeiter hat Aktenzeichen 123-45, wird er abgeschoben?"],
    ["BG-Nummer 12345BG0012345, warum kein Geld?"],
    ["bekommt Herr X die Erlaubnis?"],
    ["Bekommt Frau Haddad die Beschäftigungserlaubnis noch dieses Jahr?"],
    ["Unser Azubi hat eine Duldung – wird er abgeschoben?"],
    ["Ihr Asylantrag wurde abgelehnt. Darf sie jetzt noch arbeiten?"],
    ["Kd.-Nr. 123A456789 – wann kommt die Entscheidung?"],
    ["Meine Mentee, geb. 01.02.1990, wartet auf ihren Bescheid"],
    ["My employee's application was rejected, what happens now?"],
    ["Will Mr Ahmadi be deported?"],
    ["Заяву мого працівника відхилили, що буде далі?"],
    ["تم رفض طلبه، ماذا سيحدث الآن؟"],
  ])("recognises %s", (text) => {
    expect(isIndividualCase(text)).toBe(true);
  });

  it.each([
    ["Darf jemand mit Duldung arbeiten?"],
    ["Darf mein Mitarbeiter mit Duldung eine Ausbildung machen?"],
    ["Was passiert, wenn ein Asylantrag abgelehnt wird?"],
    ["Gibt es einen Lohnkostenzuschuss für unseren Betrieb?"],
    ["Wie lange gilt eine Einstiegsqualifizierung? EQ 4–12 Monate?"],
    ["Was regelt § 60d AufenthG?"],
    ["Can a person with a tolerated stay work?"],
    ["Ich möchte mit einem Menschen sprechen"],
  ])("leaves general questions alone: %s", (text) => {
    expect(isIndividualCase(text)).toBe(false);
  });

  it("names the identifiers it saw", () => {
    expect(caseSignals("BG-Nr. 12345//0012345 und Az. 5 K 123/24").identifiers.sort()).toEqual(["[Aktenzeichen]", "[BG-Nummer]"]);
    expect(caseSignals("erreichbar unter 0202 123456").identifiers).toEqual([]);
  });
});
