/**
 * The console page and the demo chat in a real browser (Debian's Chromium through
 * playwright-core): sign in with a personal token, work a ticket, reach the person in the demo
 * chat; and the same page as a Teams tab, with a stand-in for the Teams host.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { startLotse, tempDataDir, type Lotse } from "../helpers/bot-harness.js";
import { startFakeEntra, type FakeEntra } from "../helpers/fake-entra.js";

function chromiumPath(): string {
  try {
    return execFileSync("which", ["chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("console-page test: no chromium on PATH; install Debian's package (apt-get install -y chromium), as .ci/run does");
  }
}

/** LOTSE_SCREENSHOTS=DIR keeps pictures of the pages for a person to look at. */
async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.LOTSE_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let browser: Browser;
let entra: FakeEntra;
let lotse: Lotse;
let token: string;

beforeAll(async () => {
  entra = await startFakeEntra();
  lotse = await startLotse(tempDataDir(), entra.env);
  token = lotse.app.console.tokens.create("Bernd Lotse").token;
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
});
afterAll(async () => {
  await browser?.close();
  await lotse?.close();
  await entra?.close();
});

async function newPage(locale = "de-DE"): Promise<Page> {
  const context = await browser.newContext({ locale, acceptDownloads: true });
  const page = await context.newPage();
  page.on("pageerror", (err) => {
    throw err;
  });
  return page;
}

/** Every form control has a label a screen reader announces. */
async function unlabelledControls(page: Page): Promise<string[]> {
  return page.$$eval("input:not([type=hidden]), textarea, select", (els) =>
    els.filter((el) => el.getClientRects().length > 0 && !(el as HTMLInputElement).labels?.length && !el.getAttribute("aria-label")).map((el) => el.outerHTML),
  );
}

describe("the console page in a browser", () => {
  it("signs in with a personal token, shows the handoff from the demo chat, and a reply reaches the person", async () => {
    const chat = await newPage();
    await chat.goto(`${lotse.url}/demo`);
    await chat.locator("#log li.from-bot").first().waitFor();
    const say = async (text: string) => {
      const before = await chat.locator("#log li.from-bot").count();
      await chat.fill("#message", text);
      await chat.press("#message", "Enter");
      await chat.locator("#log li.from-bot").nth(before).waitFor();
    };
    const click = async (name: string) => {
      const before = await chat.locator("#log li.from-bot").count();
      await chat.getByRole("button", { name, exact: true }).last().click();
      await chat.locator("#log li.from-bot").nth(before).waitFor();
    };
    await say("Was ist eine Einstiegsqualifizierung?");
    await chat.locator("#log li.from-bot .attachment h3").first().waitFor();
    expect(await unlabelledControls(chat)).toEqual([]);
    await click("Mit einer Lotsin / einem Lotsen sprechen");
    await click("Ja, einverstanden");
    await say("Erika Demo");
    await say("Bäckerei Muster");
    await say("erika@example.org");
    await click("So senden");
    const created = await chat.locator("#log li.from-bot", { hasText: "Ihre Anfrage hat die Nummer" }).textContent();
    const number = /L-\d{4}/.exec(created ?? "")![0];
    const ticket = lotse.app.handoff.service.list({ q: number }).tickets[0]!;

    const desk = await newPage();
    await desk.goto(`${lotse.url}/console`);
    await expect(desk.locator("#token-input").evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await desk.fill("#token-input", token);
    await desk.press("#token-input", "Enter");
    await desk.getByText("Angemeldet als Bernd Lotse").waitFor();
    const row = desk.locator("#ticket-rows tr", { hasText: ticket.number });
    await row.waitFor();
    expect(await row.textContent()).toContain("Erika Demo");
    expect(await unlabelledControls(desk)).toEqual([]);

    await row.getByRole("button", { name: ticket.number }).click();
    await desk.locator("#detail-title", { hasText: `${ticket.number} · Erika Demo` }).waitFor();
    expect(await desk.locator("#detail-title").evaluate((el) => el === document.activeElement)).toBe(true);
    await desk.locator("#detail-transcript li.user", { hasText: "Was ist eine Einstiegsqualifizierung?" }).first().waitFor();
    await screenshot(desk, "console-detail");

    await desk.fill("#reply-text", "Guten Tag, hier ist Bernd vom Lotsen-Team.");
    await desk.getByRole("button", { name: "Senden" }).click();
    await desk.locator("#status", { hasText: `Antwort zu ${ticket.number} gesendet.` }).waitFor();
    await desk.locator("#detail-transcript li.navigator", { hasText: "Bernd vom Lotsen-Team" }).waitFor();

    await chat.locator("#log li.from-bot", { hasText: "Guten Tag, hier ist Bernd vom Lotsen-Team." }).waitFor();
    await screenshot(chat, "demo-chat");

    await desk.fill("#close-note", "Per Chat geklärt.");
    await desk.getByRole("button", { name: "Abschließen" }).click();
    await desk.locator("#status", { hasText: `${ticket.number} abgeschlossen.` }).waitFor();
    expect(await desk.locator("#reply-form").isHidden()).toBe(true);
  });

  it("lists unanswered questions and downloads them as CSV, which the audit log then shows", async () => {
    lotse.app.bot.records.saveUnanswered({ question: "Gibt es Zuschüsse für Arbeitskleidung?", language: "de", candidates: [], channel: "webchat" });
    const page = await newPage();
    await page.goto(`${lotse.url}/console`);
    await page.fill("#token-input", token);
    await page.press("#token-input", "Enter");
    await page.getByText("Angemeldet als Bernd Lotse").waitFor();

    // Keyboard: arrow keys move between the tabs.
    await page.getByRole("tab", { name: "Warteschlange" }).focus();
    await page.keyboard.press("ArrowRight");
    await page.locator("#unanswered-rows tr", { hasText: "Arbeitskleidung" }).waitFor();
    expect(await page.getByRole("tab", { name: "Unbeantwortet" }).getAttribute("aria-selected")).toBe("true");

    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#unanswered-csv").click()]);
    expect(download.suggestedFilename()).toMatch(/^lotse-unbeantwortet-\d{4}-\d\d-\d\d\.csv$/);
    expect(readFileSync((await download.path())!, "utf8")).toContain("Gibt es Zuschüsse für Arbeitskleidung?,1,");

    await page.getByRole("tab", { name: "Protokoll" }).click();
    await page.locator("#audit-rows tr", { hasText: "Unbeantwortet exportiert" }).waitFor();
  });

  it("asks for a new sign-in when the token is refused", async () => {
    const page = await newPage();
    await page.goto(`${lotse.url}/console`);
    await page.fill("#token-input", "lotse_000000000000_" + "A".repeat(43));
    await page.press("#token-input", "Enter");
    await page.locator("#sign-in-reason", { hasText: "Bitte erneut anmelden" }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem("lotse.console.token"))).toBeNull();
  });

  it("runs as a Teams tab: SSO token, Teams theme and locale", async () => {
    const sso = await entra.sign({ name: "Anna Lotsin" });
    const page = await newPage("de-DE");
    // A stand-in for the Teams host: the SDK's API as the page uses it.
    await page.addInitScript(() => {
      (window as any).nativeInterface = {};
    });
    await page.route("**/console/assets/teams-js.js", (route) =>
      route.fulfill({
        contentType: "text/javascript",
        body: `window.microsoftTeams = {
          app: {
            initialize: () => Promise.resolve(),
            getContext: () => Promise.resolve({ app: { theme: "dark", locale: "en-us" } }),
            registerOnThemeChangeHandler: (h) => { window.__setTheme = h; },
          },
          authentication: { getAuthToken: () => Promise.resolve(${JSON.stringify(sso)}) },
        };`,
      }),
    );
    await page.goto(`${lotse.url}/console`);
    await page.getByText("Signed in as Anna Lotsin").waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dataset.theme])).toEqual(["en", "dark"]);
    expect(await page.locator("#sign-out").isHidden()).toBe(true);
    await page.getByRole("tab", { name: "Queue" }).waitFor();
    await page.evaluate(() => (window as any).__setTheme("contrast"));
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("contrast");
    await screenshot(page, "console-teams-contrast");
  });

  it("serves the real teams-js bundle and a page Teams may frame", async () => {
    const page = await fetch(`${lotse.url}/console`);
    expect(page.headers.get("content-security-policy")).toMatch(/frame-ancestors 'self' https:\/\/teams\.microsoft\.com/);
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
    const sdk = await fetch(`${lotse.url}/console/assets/teams-js.js`);
    expect(sdk.status).toBe(200);
    expect(sdk.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(await sdk.text()).toContain("microsoftTeams");
    expect((await fetch(`${lotse.url}/console/assets/..%2F..%2Fconfig.ts`)).status).toBe(404);
  });
});
