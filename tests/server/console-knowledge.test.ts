/**
 * The console's "Wissen" view in a real browser (Debian's Chromium through playwright-core): a
 * navigator lists the articles, filters them, opens an article in the editor, breaks a field and
 * sees the problem beside it (and in the summary), sees the real answer card in the preview, saves
 * a draft, and a second navigator saving an older revision gets a conflict; questions from the
 * unanswered list become a new draft. axe-core on the list and the editor: nothing serious.
 * Publishing (four eyes, history, rollback) runs on a copy of content/, never on the repository's.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startLotse, tempDataDir, type Lotse } from "../helpers/bot-harness.js";
import { describeBrowser, launchChromium, runAxe, screenshot, seriousViolations, watchForProblems } from "../helpers/browser.js";
import { tempDir } from "../helpers/temp.js";

let browser: Browser;
let lotse: Lotse;
let anna: string;
let bernd: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  lotse = await startLotse(tempDataDir());
  anna = (await lotse.app.console.tokens.create("Anna Lotsin")).token;
  bernd = (await lotse.app.console.tokens.create("Bernd Lotse")).token;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await lotse?.close();
});

/** A signed-in console page with the problems a person would notice (errors, CSP violations) collected. */
async function signedIn(token: string, name: string, locale = "de-DE", server: Lotse = lotse): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale, viewport: { width: 1400, height: 1000 } });
  contexts.push(context);
  const problems = await watchForProblems(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/console`);
  await page.fill("#token-input", token);
  await page.press("#token-input", "Enter");
  await page.getByText(`Angemeldet als ${name}`).waitFor();
  return { page, problems };
}

/**
 * What a navigator would notice, without two things they would not: teams-js fetching its list of
 * valid Teams domains from Microsoft's CDN, which the page's CSP (connect-src 'self') refuses
 * outside Teams, and Chromium's log line for an answer the page expects (a 409 conflict it shows).
 */
function noticeable(problems: string[], expected: number[] = []): string[] {
  return problems.filter(
    (p) => !/res\.cdn\.office\.net\/teams-js\/validDomains/.test(p) && !expected.some((status) => p.includes(`the server responded with a status of ${status}`)),
  );
}

async function openKnowledge(page: Page): Promise<void> {
  await page.getByRole("tab", { name: "Wissen" }).click();
  await page.locator("#kb-rows tr").first().waitFor();
}

describeBrowser("the Wissen view in the console", () => {
  it("lists articles with their status, filters them, and opens one in the editor; a broken field shows its problem beside it", { timeout: 90_000 }, async () => {
    const { page, problems } = await signedIn(anna, "Anna Lotsin");
    await openKnowledge(page);
    const row = page.locator('#kb-rows tr[data-article="einstiegsqualifizierung"]');
    await row.waitFor();
    // The status is text in the row, not only a colour.
    expect(await row.textContent()).toMatch(/Veröffentlicht|Entwurf|In Prüfung/);
    expect(await page.locator("#kb-rows tr").count()).toBeGreaterThan(10);

    // Search narrows the list (debounced, as the navigator types).
    await page.fill("#kb-q", "Einstiegsqualifizierung");
    await page.waitForFunction(() => document.querySelectorAll("#kb-rows tr").length < 10);
    await row.waitFor();
    const list = await runAxe(page, "console knowledge list", "#view-knowledge");
    expect(seriousViolations(list)).toEqual([]);
    await screenshot(page, "console-knowledge-list");

    await row.getByRole("button").first().click();
    const summary = page.getByLabel("Kurzantwort").first();
    await summary.waitFor();
    expect(await page.locator("#ed-title").evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator("#f-id").inputValue()).toBe("einstiegsqualifizierung");
    expect(await page.locator("#f-de-title").inputValue()).toContain("Einstiegsqualifizierung");
    expect(await page.locator("#f-ar-questions").getAttribute("dir")).toBe("rtl");
    expect(await page.locator("#f-ar-questions").getAttribute("lang")).toBe("ar");
    expect(await page.locator("#f-uk-questions").getAttribute("lang")).toBe("uk");
    // The article's four sources, one row each.
    expect(await page.locator("#sources-rows .source-row").count()).toBe(4);

    // The preview is the real answer card, rendered by the Adaptive Cards renderer.
    await page.locator("#preview-card .ac-adaptiveCard").waitFor();
    expect(await page.locator("#preview-card").textContent()).toContain("Einstiegsqualifizierung");

    // Empty the German summary: the problem appears beside the field and in the summary at the top.
    await page.fill("#f-de-summary", "");
    const error = page.locator("#f-de-summary-error");
    await error.waitFor({ state: "visible" });
    expect(await page.locator("#f-de-summary").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#f-de-summary").getAttribute("aria-describedby")).toContain("f-de-summary-error");
    const link = page.locator("#ed-summary-list a", { hasText: "Kurzantwort" }).first();
    await link.waitFor();
    await link.click();
    expect(await page.locator("#f-de-summary").evaluate((el) => el === document.activeElement)).toBe(true);

    const editor = await runAxe(page, "console knowledge editor", "#view-knowledge");
    expect(seriousViolations(editor)).toEqual([]);
    await screenshot(page, "console-knowledge-editor-invalid");

    // Fixed again: the problem goes away.
    await page.fill("#f-de-summary", "Die Einstiegsqualifizierung ist ein bezahltes Langzeitpraktikum vor der Ausbildung.");
    await error.waitFor({ state: "hidden" });
    expect(await page.locator("#f-de-summary").getAttribute("aria-invalid")).toBeNull();
    expect(noticeable(problems)).toEqual([]);
  });

  it("saves a draft; a second navigator saving an older revision gets a conflict and can reload", { timeout: 90_000 }, async () => {
    const a = await signedIn(anna, "Anna Lotsin");
    await openKnowledge(a.page);
    await a.page.locator('#kb-rows tr[data-article="eingliederungszuschuss"]').getByRole("button").first().click();
    await a.page.locator("#f-de-keywords").waitFor();
    await a.page.fill("#f-de-keywords", `${await a.page.locator("#f-de-keywords").inputValue()}\nLohnkostenzuschuss Test`);
    await a.page.getByRole("button", { name: "Speichern" }).click();
    await a.page.locator("#status", { hasText: "Entwurf gespeichert" }).waitFor();

    // Bernd opens the same draft (from the list), Anna saves again, then Bernd saves his older revision.
    const b = await signedIn(bernd, "Bernd Lotse");
    await openKnowledge(b.page);
    await b.page.locator('#kb-rows tr[data-article="eingliederungszuschuss"]').getByRole("button").first().click();
    await b.page.locator("#f-de-keywords").waitFor();
    expect(await b.page.locator("#f-de-keywords").inputValue()).toContain("Lohnkostenzuschuss Test");

    await a.page.fill("#f-de-keywords", `${await a.page.locator("#f-de-keywords").inputValue()}\nzweite Änderung`);
    await a.page.getByRole("button", { name: "Speichern" }).click();
    await a.page.locator("#status", { hasText: "Entwurf gespeichert (Stand" }).last().waitFor();

    await b.page.fill("#f-de-title", "Eingliederungszuschuss – Bernds Fassung");
    await b.page.getByRole("button", { name: "Speichern" }).click();
    await b.page.locator("#ed-notice", { hasText: "Anna Lotsin" }).waitFor();
    await screenshot(b.page, "console-knowledge-conflict");
    await b.page.getByRole("button", { name: "Entwurf neu laden" }).click();
    await b.page.waitForFunction(() => (document.getElementById("f-de-keywords") as HTMLTextAreaElement | null)?.value.includes("zweite Änderung"));
    expect(noticeable(a.problems)).toEqual([]);
    expect(noticeable(b.problems, [409])).toEqual([]);
  });

  it("turns an unanswered question into a new article draft; an article without published versions says so", { timeout: 90_000 }, async () => {
    await lotse.app.bot.records.saveUnanswered({ question: "Gibt es einen Zuschuss für Arbeitsschuhe?", language: "de", candidates: [], channel: "webchat" });
    const { page, problems } = await signedIn(anna, "Anna Lotsin");
    await page.getByRole("tab", { name: "Unbeantwortet" }).click();
    const row = page.locator("#unanswered-rows tr", { hasText: "Arbeitsschuhe" });
    await row.waitFor();
    await row.getByRole("button", { name: /^Artikel anlegen/ }).click();
    await page.locator("#f-de-questions").waitFor();
    expect(await page.getByRole("tab", { name: "Wissen" }).getAttribute("aria-selected")).toBe("true");
    expect(await page.locator("#f-de-questions").inputValue()).toContain("Gibt es einen Zuschuss für Arbeitsschuhe?");
    // A new article has problems (no title yet …), listed at the top and beside the fields.
    await page.locator("#ed-summary-list li").first().waitFor();
    await screenshot(page, "console-knowledge-new-draft");

    // An article never published from the console has no versions yet, and says so.
    await page.getByRole("button", { name: "Zurück zur Liste" }).click();
    await page.locator('#kb-rows tr[data-article="einstiegsqualifizierung"]').getByRole("button").first().click();
    await page.getByText("Noch keine veröffentlichten Versionen.").waitFor();
    expect(noticeable(problems)).toEqual([]);
  });

  it("adds unanswered questions to an article, tries them, and publishes with a second navigator; the history shows the diff and offers a rollback", { timeout: 360_000 }, async () => {
    const content = path.join(tempDir("console-content"), "content");
    cpSync("content", content, { recursive: true });
    const own = await startLotse(tempDataDir(), { CONTENT_DIR: content });
    try {
      const annaOwn = (await own.app.console.tokens.create("Anna Lotsin")).token;
      const berndOwn = (await own.app.console.tokens.create("Bernd Lotse")).token;
      const question = "Gibt es Geld vom Jobcenter für den Job-Turbo-Sprachkurs am Abend?";
      await own.app.bot.records.saveUnanswered({ question, language: "de", candidates: ["job-turbo"], channel: "webchat" });

      const a = await signedIn(annaOwn, "Anna Lotsin", "de-DE", own);
      await a.page.getByRole("tab", { name: "Unbeantwortet" }).click();
      const row = a.page.locator("#unanswered-rows tr", { hasText: "Job-Turbo-Sprachkurs" });
      await row.getByRole("button", { name: /^Zu Artikel hinzufügen/ }).click();
      const dialog = a.page.getByRole("dialog", { name: "Zu Artikel hinzufügen" });
      await dialog.waitFor();
      // The article Lotse found but did not trust is chosen already.
      expect(await dialog.getByLabel("Artikel").inputValue()).toBe("job-turbo");
      await dialog.getByRole("button", { name: "Zu Artikel hinzufügen" }).click();
      await a.page.waitForFunction((q) => (document.getElementById("f-de-questions") as HTMLTextAreaElement | null)?.value.includes(q), question);
      expect(await a.page.locator("#f-id").inputValue()).toBe("job-turbo");
      // The navigator also adds a keyword and saves the form.
      await a.page.fill("#f-de-keywords", `${await a.page.locator("#f-de-keywords").inputValue()}\nAbendkurs`);
      await a.page.getByRole("button", { name: "Speichern" }).click();
      await a.page.locator("#status", { hasText: /gespeichert/i }).waitFor();

      // Probefragen: the navigator's own question too; the table says before → after in words.
      await a.page.fill("#trial-questions", "Was ist der Job-Turbo?");
      await a.page.getByRole("button", { name: "Probefragen stellen" }).click();
      // Probefragen ask every dev question (5,000 and growing) on the draft and the live engine:
      // about 25 s on an idle machine (npm run bench), a minute and more beside the rest of the
      // suite. They run in slices, so this page (and the test's own browser connection, in this
      // process) is served meanwhile.
      await a.page.locator(".trial-summary").waitFor({ timeout: 180_000 });
      expect(await a.page.locator(".trial-summary").textContent()).toMatch(/\d+ Fragen gestellt/);
      await a.page.locator(".trial-table tr", { hasText: "Was ist der Job-Turbo?" }).waitFor();

      await a.page.getByRole("button", { name: "Zur Prüfung geben" }).click();
      await a.page.locator("#ed-meta", { hasText: "In Prüfung" }).waitFor();
      // Four eyes: the author is not offered the approval.
      expect(await a.page.locator("#ed-approve").isVisible()).toBe(false);
      await screenshot(a.page, "console-knowledge-submitted");

      const b = await signedIn(berndOwn, "Bernd Lotse", "de-DE", own);
      await openKnowledge(b.page);
      const article = b.page.locator('#kb-rows tr[data-article="job-turbo"]');
      expect(await article.textContent()).toContain("In Prüfung");
      await article.getByRole("button").first().click();
      await b.page.getByRole("button", { name: "Freigeben und veröffentlichen" }).click();
      await b.page.locator("#status", { hasText: /Veröffentlicht als Version \d+/ }).waitFor();
      const published = readFileSync(path.join(content, "articles/foerderung/job-turbo.yaml"), "utf8");
      expect(published).toContain(question);
      // Only the added question changed: lists the navigator did not touch keep their order.
      const relatedLine = (yaml: string) => yaml.split("\n").find((l) => l.startsWith("related:"));
      expect(relatedLine(published)).toBe(relatedLine(readFileSync("content/articles/foerderung/job-turbo.yaml", "utf8")));

      // The history: the newest version's diff names the added question, in words too.
      await b.page.getByRole("button", { name: "Zurück zur Liste" }).click();
      await article.getByRole("button").first().click();
      const versions = b.page.locator(".versions li");
      await versions.first().waitFor();
      await versions.first().getByRole("button", { name: /^Änderungen in Version/ }).click();
      const added = b.page.locator("#version-detail .diff li.add", { hasText: question });
      await added.waitFor();
      expect(await added.textContent()).toMatch(/^hinzugefügt: /);
      const history = await runAxe(b.page, "console knowledge history", "#view-knowledge");
      expect(seriousViolations(history)).toEqual([]);
      await screenshot(b.page, "console-knowledge-history");

      // Rolling back is a draft in review: a second navigator approves it.
      await versions.last().getByRole("button", { name: /^Auf Version \d+ zurückrollen/ }).click();
      await b.page.locator("#ed-meta", { hasText: "In Prüfung" }).waitFor();
      expect(await b.page.locator("#f-de-questions").inputValue()).not.toContain(question);

      // A broken file in CONTENT_DIR is refused; the Wissen view says where the problem is.
      writeFileSync(path.join(content, "articles/foerderung/kaputt.yaml"), "audiences: [employer\nde: {");
      expect((await own.app.knowledge.reload("test")).ok).toBe(false);
      await b.page.getByRole("button", { name: "Zurück zur Liste" }).click();
      const banner = b.page.locator("#kb-status");
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(/abgelehnt[\s\S]*kaputt\.yaml:\d+:\d+/);
      const list = await runAxe(b.page, "console knowledge list with a refused reload", "#view-knowledge");
      expect(seriousViolations(list)).toEqual([]);
      await screenshot(b.page, "console-knowledge-reload-refused");
      expect(noticeable(a.problems)).toEqual([]);
      expect(noticeable(b.problems)).toEqual([]);
    } finally {
      await own.close();
    }
  });
});
