import { describe, expect, it } from "vitest";
import { HandoffDialogue } from "../../bot/handoff.js";
import { translator } from "../../bot/i18n.js";
import { ConfigError, loadConfig } from "../../src/config.js";
import { describeOfficeHours, isOpen, nextOpening, OfficeHoursError, parseOfficeHours } from "../../src/handoff/office-hours.js";

const hours = parseOfficeHours("Mo-Fr 08:00-16:00");

function expectation(at: string, ui: "de" | "en" | "uk" | "ar" = "de", spec = "Mo-Fr 08:00-16:00"): string {
  const dialogue = new HandoffDialogue({} as never, { officeHours: parseOfficeHours(spec), retentionDays: 90, now: () => new Date(at) });
  return dialogue.expectation({ t: translator(ui), ui });
}

describe("office hours", () => {
  it("parses ranges, single days and several segments", () => {
    expect(hours.windows).toHaveLength(5);
    expect(parseOfficeHours("Mo-Do 08:00-16:00; Fr 08:00-12:30").windows.at(-1)).toEqual({ day: 4, from: 480, to: 750 });
    expect(parseOfficeHours("Mon-Fri 9:00-17:00, Sa 10:00-12:00").windows.map((w) => w.day)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it.each(["", "immer", "Mo-Fr", "Mo-Fr 16:00-08:00", "Mo-Fr 08:00-25:00", "Fr-Mo 08:00-16:00", "Xy 08:00-16:00", "Mo 8-16", "x".repeat(300)])(
    "refuses %j",
    (spec) => {
      expect(() => parseOfficeHours(spec)).toThrow(OfficeHoursError);
    },
  );

  it("knows whether the navigators work right now, in Berlin time (summer and winter)", () => {
    expect(isOpen(hours, new Date("2026-11-25T07:30:00Z"))).toBe(true); // Wed 08:30 CET
    expect(isOpen(hours, new Date("2026-11-25T06:59:00Z"))).toBe(false); // Wed 07:59 CET
    expect(isOpen(hours, new Date("2026-07-01T14:30:00Z"))).toBe(false); // Wed 16:30 CEST
    expect(isOpen(hours, new Date("2026-07-01T13:30:00Z"))).toBe(true); // Wed 15:30 CEST
    expect(isOpen(hours, new Date("2026-11-28T10:00:00Z"))).toBe(false); // Saturday
  });

  it("finds the next opening", () => {
    expect(nextOpening(hours, new Date("2026-11-27T17:00:00Z"))).toMatchObject({ inDays: 3, window: { day: 0, from: 480 } }); // Fri evening → Mon
    expect(nextOpening(hours, new Date("2026-11-25T05:00:00Z"))).toMatchObject({ inDays: 0 }); // Wed 06:00 → today
    expect(nextOpening(hours, new Date("2026-11-25T20:00:00Z"))).toMatchObject({ inDays: 1 }); // Wed 21:00 → tomorrow
  });

  // ICU versions differ in short weekday names ("Mo" or "Mo."), so those allow both.
  it("phrases an honest expectation in the person's language", () => {
    expect(expectation("2026-11-25T09:00:00Z")).toMatch(
      /^Die Lotsinnen und Lotsen sind gerade im Dienst \(Mo\.?–Fr\.? 08:00–16:00\) und melden sich so bald wie möglich – hier im Chat oder über Ihre Kontaktangabe\.$/,
    );
    expect(expectation("2026-11-27T17:00:00Z")).toMatch(
      /^Die Lotsinnen und Lotsen sind Mo\.?–Fr\.? 08:00–16:00 erreichbar\. Außerhalb dieser Zeiten melden wir uns am nächsten Werktag – voraussichtlich Montag ab 08:00 Uhr\.$/,
    );
    expect(expectation("2026-11-25T20:00:00Z")).toMatch(/voraussichtlich morgen ab 08:00 Uhr\.$/);
    expect(expectation("2026-11-25T05:00:00Z")).toMatch(/voraussichtlich heute ab 08:00 Uhr\.$/);
    expect(expectation("2026-11-27T17:00:00Z", "en")).toBe(
      "The navigators are available Mon–Fri 08:00–16:00. Outside these hours we get back to you on the next working day – probably Monday from 08:00.",
    );
    expect(expectation("2026-11-27T17:00:00Z", "uk")).toMatch(/понеділок з 08:00/);
    expect(expectation("2026-11-27T17:00:00Z", "ar")).toMatch(/الاثنين/);
    expect(describeOfficeHours(parseOfficeHours("Mo-Do 08:00-16:00; Fr 08:00-12:30"), "de")).toMatch(/^Mo\.?–Do\.? 08:00–16:00, Fr\.? 08:00–12:30$/);
  });

  it("is configured with OFFICE_HOURS and OFFICE_TIMEZONE", () => {
    expect(loadConfig({}).handoff).toMatchObject({ officeHours: "Mo-Fr 08:00-16:00", timeZone: "Europe/Berlin" });
    expect(() => loadConfig({ OFFICE_HOURS: "nine to five" })).toThrow(/OFFICE_HOURS: "nine to five" must look like "Mo-Fr 08:00-16:00"/);
    expect(() => loadConfig({ OFFICE_TIMEZONE: "Mars/Olympus" })).toThrow(ConfigError);
    expect(() => loadConfig({ OFFICE_TIMEZONE: "Mars/Olympus" })).toThrow(/OFFICE_TIMEZONE:/);
    expect(() => loadConfig({ NAVIGATOR_PUBLIC_EMAIL: "not-an-address" })).toThrow(/NAVIGATOR_PUBLIC_EMAIL:/);
    expect(() => loadConfig({ WEBHOOK_URL: "https://tickets.example.org/hook" })).toThrow(/WEBHOOK_SECRET: needs at least 16 characters/);
    expect(() => loadConfig({ WEBHOOK_URL: "ftp://x" })).toThrow(/WEBHOOK_URL:/);
    expect(() => loadConfig({ WEBHOOK_RETRIES: "-1" })).toThrow(/WEBHOOK_RETRIES:/);
  });
});
