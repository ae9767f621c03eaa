import { describe, expect, it } from "vitest";
import { personalDataIn, scrubPersonalData } from "../../src/privacy/scrub.js";

describe("scrubPersonalData", () => {
  it("replaces e-mail addresses", () => {
    expect(scrubPersonalData("Schreiben Sie an max.mustermann@firma-x.de bitte")).toBe("Schreiben Sie an [E-Mail] bitte");
    expect(scrubPersonalData("mail: a.b-c@sub.example.co.uk")).toBe("mail: [E-Mail]");
  });

  it.each([
    ["+49 202 1234567"],
    ["0202/74763-0"],
    ["0176-12345678"],
    ["(0202) 563 1234"],
    ["0049 (0) 202 123456"],
    ["+380 44 123 4567"],
    ["+49 (0)202 74763-0"],
    ["0176 1234 5678"],
    ["+963 11 234 5678"],
    ["0202 / 24 22-0"],
    ["+44 20 7946 0958"],
    ["00380441234567"],
  ])("replaces the phone number %s", (phone) => {
    expect(scrubPersonalData(`Rufen Sie mich an: ${phone}, danke`)).toBe("Rufen Sie mich an: [Telefon], danke");
  });

  // Every written variant of the identifiers people paste into a chat about one person's case.
  it.each([
    ["BG-Nummer 12345BG0012345, warum kein Geld?", "BG-Nummer [BG-Nummer], warum kein Geld?"],
    ["unsere BG ist 123 45 BG 001 2345", "unsere BG ist [BG-Nummer]"],
    ["BG-Nr. 12345//0012345", "BG-Nr. [BG-Nummer]"],
    ["Nummer 12345bg0012345", "Nummer [BG-Nummer]"],
    ["BG-Nr.: 12345 BG 0012345", "BG-Nr.: [BG-Nummer]"],
    ["Az. 5 K 123/24", "Az. [Aktenzeichen]"],
    ["AZ: 123-456-789", "AZ: [Aktenzeichen]"],
    ["Aktenzeichen 123-45, wird er abgeschoben?", "Aktenzeichen [Aktenzeichen], wird er abgeschoben?"],
    ["Aktenzeichen: 12 L 1234/25.A", "Aktenzeichen: [Aktenzeichen]"],
    ["Klage 5 K 123/24 läuft", "Klage [Aktenzeichen] läuft"],
    ["Geschäftszeichen 34-2024-0815", "Geschäftszeichen [Aktenzeichen]"],
    ["Kd.-Nr. 123A456789", "Kd.-Nr. [Kundennummer]"],
    ["Kundennummer 123 A 456789", "Kundennummer [Kundennummer]"],
    ["seine Nummer bei der Agentur ist 955D123456", "seine Nummer bei der Agentur ist [Kundennummer]"],
    ["IBAN DE89 3704 0044 0532 0130 00", "IBAN [IBAN]"],
    ["IBAN: DE89370400440532013000", "IBAN: [IBAN]"],
    ["Konto de89 3704 0044 0532 0130 00", "Konto [IBAN]"],
    ["NL91ABNA0417164300", "[IBAN]"],
    ["FR14 2004 1010 0505 0001 3M02 606", "[IBAN]"],
    ["AT61 1904 3002 3457 3201", "[IBAN]"],
    ["Steuer-ID 12 345 678 901", "Steuer-ID [Steuer-ID]"],
    ["Steuer-ID: 12345678901.", "Steuer-ID: [Steuer-ID]."],
    ["IdNr 12 345 678 901", "IdNr [Steuer-ID]"],
    ["seine 86 095 742 719 steht auf dem Brief", "seine [Steuer-ID] steht auf dem Brief"],
    ["geb. 01.02.1990", "geb. [Geburtsdatum]"],
    ["Geburtsdatum 1.2.90", "Geburtsdatum [Geburtsdatum]"],
    ["DOB 1990-02-01", "DOB [Geburtsdatum]"],
    ["Geb.-Datum: 01/02/1990", "Geb.-Datum: [Geburtsdatum]"],
    ["geboren am 3. Februar 1990 in Kabul", "geboren am [Geburtsdatum] in Kabul"],
    ["born on 1 March 1991", "born on [Geburtsdatum]"],
    ["geboren am 03.04.1990 in Kabul", "geboren am [Geburtsdatum] in Kabul"],
    ["Er ist am 03.04.1990 eingereist", "Er ist am [Datum] eingereist"],
    ["SV-Nr 65 170839 J 003", "SV-Nr [Nummer]"],
    ["65170839J003", "[SV-Nummer]"],
    ["Passnummer C01X00T47", "Passnummer [Nummer]"],
    ["Kundennummer 123456789", "Kundennummer [Kundennummer]"],
    ["Vorgang 123-456-789-0", "Vorgang [Nummer]"],
  ])("redacts %s", (text, expected) => {
    expect(scrubPersonalData(text)).toBe(expected);
  });

  it("redacts a whole message full of identifiers", () => {
    const text =
      "Herr A., geb. 01.02.1990, BG-Nr. 12345//0012345, Az. 5 K 123/24, Kd.-Nr. 123A456789, IBAN DE89 3704 0044 0532 0130 00, Steuer-ID 12 345 678 901, Tel. 0176 1234 5678, a@b.de";
    const out = scrubPersonalData(text);
    for (const secret of ["1990", "12345", "0012345", "123/24", "123A456789", "3704", "678 901", "1234 5678", "a@b.de"]) expect(out).not.toContain(secret);
  });

  it.each([
    ["§ 60d"],
    ["12 Monate"],
    ["2026"],
    ["EQ 4–12 Monate"],
    ["Tel. des Jobcenters siehe Website"],
    ["Gilt § 54a SGB III und § 32 Abs. 2 Nr. 1 BeschV seit 2024 auch für 20 Stunden und 538 Euro?"],
    ["Darf jemand mit Duldung arbeiten?"],
    ["Ausbildungsjahr 2024/2025 und 2024-2025"],
    ["Az. siehe Bescheid"],
    ["§ 16a AufenthG und § 81a AufenthG"],
    ["B1-Kurs mit 300 Unterrichtseinheiten, 1.200 Euro"],
    ["Mindestlohn 12,82 € ab 01.2025"],
    ["Sprachkurs DeuFöV B2 in 6 Monaten"],
  ])("keeps %s", (text) => {
    expect(scrubPersonalData(text)).toBe(text);
  });

  it("names the kinds of personal data found", () => {
    expect(personalDataIn("BG-Nummer 12345BG0012345, Tel. 0202 123456").sort()).toEqual(["[BG-Nummer]", "[Telefon]"]);
    expect(personalDataIn("Darf jemand mit Duldung arbeiten?")).toEqual([]);
  });
});
