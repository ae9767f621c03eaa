import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLotse, tempDataDir, type Lotse } from "../helpers/bot-harness.js";

/** The page as a reader sees it: tags gone, whitespace collapsed. */
function text(html: string): string {
  const entities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
  return html.replace(/<[^>]+>/g, " ").replace(/&(amp|lt|gt|quot|#39);/g, (e) => entities[e]!).replace(/\s+/g, " ");
}

describe("GET /datenschutz with the operator configured", () => {
  let lotse: Lotse;
  beforeAll(async () => {
    lotse = await startLotse(tempDataDir(), {
      OPERATOR_NAME: "Jobcenter Wuppertal AöR",
      OPERATOR_ADDRESS: "Beispielstraße 1, 42103 Wuppertal",
      OPERATOR_EMAIL: "lotse@jobcenter.example",
      OPERATOR_DPO_EMAIL: "datenschutz@jobcenter.example",
      RETENTION_DAYS: "30",
    });
  });
  afterAll(() => lotse.close());

  it("is German by default: operator, contacts and the real retention period", async () => {
    const res = await fetch(`${lotse.url}/datenschutz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-language")).toBe("de");
    const html = await res.text();
    expect(html).toMatch(/<html lang="de">/);
    expect(html).toContain("<h1>Datenschutzhinweise für Lotse</h1>");
    const page = text(html);
    expect(page).toContain("Betreiber Jobcenter Wuppertal AöR");
    expect(page).toContain("Anschrift Beispielstraße 1, 42103 Wuppertal");
    expect(html).toContain('<a href="mailto:lotse@jobcenter.example">lotse@jobcenter.example</a>');
    expect(html).toContain('<a href="mailto:datenschutz@jobcenter.example">datenschutz@jobcenter.example</a>');
    expect(page).toContain("wenn im Gespräch 30 Tage lang nichts geschieht");
    expect(page).toContain("Das Ticket wird 30 Tage nach seinem Abschluss gelöscht");
    expect(page).not.toContain("siehe Impressum");
  });

  it("says what is stored, and what is not, in German", async () => {
    const page = text(await (await fetch(`${lotse.url}/datenschutz?lang=de`)).text());
    for (const phrase of [
      "Solange Sie den Chat nur öffnen, speichert Lotse nichts über Sie",
      "E-Mail-Adressen, Telefonnummern und ähnliche Angaben werden vorher entfernt",
      "Nur wenn Sie zustimmen, legt er ein Ticket an",
      "localStorage",
      "Lotse setzt keine Cookies, nutzt keine Analyse- oder Tracking-Dienste und lädt nichts von Dritten",
      "Art. 6 Abs. 1 lit. e DSGVO",
      "Art. 6 Abs. 1 lit. a DSGVO",
      "Art. 15 DSGVO",
      "Art. 21",
      "Landesbeauftragten für Datenschutz und Informationsfreiheit Nordrhein-Westfalen",
    ]) {
      expect(page).toContain(phrase);
    }
  });

  it("is English with ?lang=en, and each version links the other", async () => {
    const res = await fetch(`${lotse.url}/datenschutz?lang=en`);
    const html = await res.text();
    expect(res.headers.get("content-language")).toBe("en");
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain('<a href="/datenschutz?lang=de" hreflang="de" lang="de">');
    const page = text(html);
    expect(page).toContain("Privacy notice for Lotse");
    expect(page).toContain("Operator Jobcenter Wuppertal AöR");
    expect(page).toContain("Data protection officer datenschutz@jobcenter.example");
    expect(page).toContain("when nothing has happened in the conversation for 30 days");
    expect(page).toContain("The ticket is deleted 30 days after it was closed");
    expect(page).toContain("Art. 6(1)(e) GDPR");
    const de = await (await fetch(`${lotse.url}/datenschutz`)).text();
    expect(de).toContain('<a href="/datenschutz?lang=en" hreflang="en" lang="en">');
  });

  it("has its own strict CSP and stylesheet, no inline style", async () => {
    const res = await fetch(`${lotse.url}/datenschutz`);
    expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'none'; style-src 'self';/);
    const html = await res.text();
    expect(html).not.toMatch(/<style|style="/);
    const css = await fetch(`${lotse.url}/datenschutz.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it.each([
    ["an unknown language", "lang=xx"],
    ["markup", "lang=<script>"],
    ["a repeated parameter", "lang=de&lang=en"],
    ["a huge value", `lang=${"x".repeat(5000)}`],
  ])("falls back to German for %s", async (_what, query) => {
    const res = await fetch(`${lotse.url}/datenschutz?${query}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<html lang="de">/);
  });
});

describe("GET /datenschutz without operator details", () => {
  let lotse: Lotse;
  beforeAll(async () => {
    lotse = await startLotse(tempDataDir());
  });
  afterAll(() => lotse.close());

  it("names the default operator and refers to the operator's legal notice instead of inventing contacts", async () => {
    const de = text(await (await fetch(`${lotse.url}/datenschutz`)).text());
    expect(de).toContain("Betreiber Jobcenter Wuppertal AöR");
    expect(de).toContain("Anschrift siehe Impressum des Betreibers");
    expect(de).toContain("E-Mail siehe Impressum des Betreibers");
    expect(de).toContain("Datenschutzbeauftragter siehe Impressum des Betreibers");
    expect(de).toContain("90 Tage");
    expect(de).not.toMatch(/mailto:|Tel\.|Telefon: /);
    const en = text(await (await fetch(`${lotse.url}/datenschutz?lang=en`)).text());
    expect(en).toContain("Postal address see the operator's legal notice (Impressum)");
    expect(en).toContain("90 days");
  });

  it("escapes a configured operator name", async () => {
    const other = await startLotse(tempDataDir(), { OPERATOR_NAME: "<b>Verein</b> & Co" });
    try {
      const html = await (await fetch(`${other.url}/datenschutz`)).text();
      expect(html).toContain("&lt;b&gt;Verein&lt;/b&gt; &amp; Co");
    } finally {
      await other.close();
    }
  });
});
