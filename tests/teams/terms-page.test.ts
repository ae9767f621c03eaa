import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLotse, tempDataDir, type Lotse } from "../helpers/bot-harness.js";

/** The page as a reader sees it: tags gone, whitespace collapsed. */
function text(html: string): string {
  const entities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
  return html.replace(/<[^>]+>/g, " ").replace(/&(amp|lt|gt|quot|#39);/g, (e) => entities[e]!).replace(/\s+/g, " ");
}

describe("GET /nutzungsbedingungen (the Teams app's terms of use)", () => {
  let lotse: Lotse;
  beforeAll(async () => {
    lotse = await startLotse(tempDataDir(), {
      OPERATOR_NAME: "Jobcenter Wuppertal AöR",
      OPERATOR_ADDRESS: "Beispielstraße 1, 42103 Wuppertal",
      OPERATOR_EMAIL: "lotse@jobcenter.example",
      OFFICE_HOURS: "Mo-Do 08:00-16:00; Fr 08:00-12:00",
    });
  });
  afterAll(() => lotse.close());

  it("is German by default: who runs Lotse, general information not legal advice, office hours, the privacy link", async () => {
    const res = await fetch(`${lotse.url}/nutzungsbedingungen`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-language")).toBe("de");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toMatch(/<html lang="de">/);
    expect(html).toContain("<h1>Nutzungsbedingungen für Lotse</h1>");
    const page = text(html);
    expect(page).toContain("Betreiber: Jobcenter Wuppertal AöR, Beispielstraße 1, 42103 Wuppertal.");
    expect(html).toContain('<a href="mailto:lotse@jobcenter.example">lotse@jobcenter.example</a>');
    expect(page).toContain("Die Antworten sind allgemeine Informationen, keine Rechtsberatung");
    expect(page).toMatch(/Das Lotsen-Team arbeitet Mo\.?–Do\.? 08:00–16:00, Fr\.? 08:00–12:00\./);
    expect(html).toContain('<a href="/datenschutz">Datenschutzhinweisen</a>');
    expect(html).toContain('href="/nutzungsbedingungen?lang=en"');
    expect((await fetch(`${lotse.url}/datenschutz.css`)).status).toBe(200);
  });

  it("is English with ?lang=en, and German for any other value", async () => {
    const en = await fetch(`${lotse.url}/nutzungsbedingungen?lang=en`);
    expect(en.headers.get("content-language")).toBe("en");
    const page = text(await en.text());
    expect(page).toContain("Terms of use for Lotse");
    expect(page).toContain("The answers are general information, not legal advice");
    expect(page).toContain("Operator: Jobcenter Wuppertal AöR");

    for (const q of ["xx", "<script>", "a".repeat(10_000)]) {
      const res = await fetch(`${lotse.url}/nutzungsbedingungen?lang=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-language")).toBe("de");
    }
  });
});

describe("GET /nutzungsbedingungen without operator details", () => {
  it("refers to the operator's legal notice instead of inventing contacts", async () => {
    const lotse = await startLotse(tempDataDir());
    try {
      const page = text(await (await fetch(`${lotse.url}/nutzungsbedingungen`)).text());
      expect(page).toContain("Betreiber: Jobcenter Wuppertal AöR. Kontaktdaten: siehe Impressum des Betreibers.");
      expect(page).not.toContain("mailto");
    } finally {
      await lotse.close();
    }
  });
});
