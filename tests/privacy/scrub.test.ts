import { describe, expect, it } from "vitest";
import { scrubPersonalData } from "../../src/privacy/scrub.js";

describe("scrubPersonalData", () => {
  it("replaces e-mail addresses", () => {
    expect(scrubPersonalData("Schreiben Sie an max.mustermann@firma-x.de bitte")).toBe("Schreiben Sie an [E-Mail] bitte");
  });

  it.each([
    ["+49 202 1234567"],
    ["0202/74763-0"],
    ["0176-12345678"],
    ["(0202) 563 1234"],
    ["0049 (0) 202 123456"],
    ["+380 44 123 4567"],
  ])("replaces the phone number %s", (phone) => {
    expect(scrubPersonalData(`Rufen Sie mich an: ${phone}, danke`)).toBe("Rufen Sie mich an: [Telefon], danke");
  });

  it("replaces IBAN, social insurance, BG and other long numbers", () => {
    expect(scrubPersonalData("IBAN DE89 3704 0044 0532 0130 00")).toBe("IBAN [IBAN]");
    expect(scrubPersonalData("SV-Nr 65 170839 J 003")).toBe("SV-Nr [SV-Nummer]");
    expect(scrubPersonalData("BG 12345BG0012345")).toBe("BG [BG-Nummer]");
    expect(scrubPersonalData("Kundennummer 123456789")).toBe("Kundennummer [Nummer]");
  });

  it("replaces full dates such as a date of birth", () => {
    expect(scrubPersonalData("geboren am 03.04.1990 in Kabul")).toBe("geboren am [Datum] in Kabul");
  });

  it("keeps legal citations, years, amounts and ordinary questions", () => {
    const text = "Gilt § 54a SGB III und § 32 Abs. 2 Nr. 1 BeschV seit 2024 auch für 20 Stunden und 538 Euro?";
    expect(scrubPersonalData(text)).toBe(text);
    expect(scrubPersonalData("Darf jemand mit Duldung arbeiten?")).toBe("Darf jemand mit Duldung arbeiten?");
  });
});
