/**
 * The console page in a real browser (Debian's Chromium through playwright-core): a person asks
 * in the web widget on Lotse's sample page and hands over to a navigator, who signs in with a
 * personal token, replies, and the person reads the reply in the widget, also after reloading
 * the page; the same console as a Teams tab, with a stand-in for the Teams host.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Frame, Page } from "playwright-core";
import { startLotse, tempDataDir, type Lotse } from "../helpers/bot-harness.js";
import { newTicket } from "../helpers/console.js";
import { describeBrowser, launchChromium, runAxe, screenshot, seriousViolations, watchForProblems } from "../helpers/browser.js";
import { startFakeEntra, type FakeEntra } from "../helpers/fake-entra.js";

let browser: Browser;
let entra: FakeEntra;
let lotse: Lotse;
let token: string;

beforeAll(async () => {
  entra = await startFakeEntra();
  lotse = await startLotse(tempDataDir(), entra.env);
  token = (await lotse.app.console.tokens.create("Bernd Lotse")).token;
  browser = await launchChromium();
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
async function unlabelledControls(page: Page | Frame): Promise<string[]> {
  return page.$$eval("input:not([type=hidden]), textarea, select", (els) =>
    els.filter((el) => el.getClientRects().length > 0 && !(el as HTMLInputElement).labels?.length && !el.getAttribute("aria-label")).map((el) => el.outerHTML),
  );
}

/** The chat page in the widget's frame (the loader puts the frame in its shadow root). */
async function widgetChat(page: Page): Promise<Frame> {
  const frame = await (await page.waitForSelector("lotse-widget iframe")).contentFrame();
  if (!frame) throw new Error("the widget's iframe has no frame");
  await frame.getByRole("textbox", { name: "Eingabefeld für Nachricht" }).waitFor();
  return frame;
}

/** The newest of Lotse's chat bubbles (texts and cards) in Web Chat that contain `text`. */
function botSaid(chat: Frame, text: string | RegExp) {
  return chat.locator(".webchat__bubble:not(.webchat__bubble--from-user)", { hasText: text }).last();
}

describeBrowser("the console page in a browser", () => {
  it("hand off in the widget, answer from /console, and the person sees the reply in the widget, also after reloading the page", { timeout: 90_000 }, async () => {
    const context = await browser.newContext({ locale: "de-DE" });
    const problems = await watchForProblems(context);
    const site = await context.newPage();
    // Lotse's sample partner page (local mode), with the widget embedded as a partner embeds it.
    await site.goto(`${lotse.url}/`);
    await site.getByRole("button", { name: "Fragen Sie Lotse" }).click();
    let chat = await widgetChat(site);
    const sendBox = chat.getByRole("textbox", { name: "Eingabefeld für Nachricht" });
    const say = async (text: string, reply: string | RegExp) => {
      await sendBox.fill(text);
      await sendBox.press("Enter");
      await botSaid(chat, reply).waitFor();
    };
    const choose = async (name: string, reply: string | RegExp) => {
      await chat.getByRole("button", { name, exact: true }).last().click();
      await botSaid(chat, reply).waitFor();
    };

    await say("Was ist eine Einstiegsqualifizierung?", "Stand: ");
    expect(await unlabelledControls(chat)).toEqual([]);
    await choose("Mit einer Lotsin / einem Lotsen sprechen", "Sind Sie einverstanden");
    await choose("Ja, einverstanden", "Wie heißen Sie?");
    await say("Erika Muster", "Für welchen Betrieb");
    await choose("Überspringen", "Wie erreichen die Lotsen Sie?");
    await say("erika@example.org", "Ihre Frage in einem Satz");
    await choose("So senden", "Ihre Anfrage hat die Nummer");
    const created = await botSaid(chat, "Ihre Anfrage hat die Nummer").textContent();
    const number = /L-\d{4}/.exec(created ?? "")![0];
    const ticket = (await lotse.app.handoff.service.list({ q: number })).tickets[0]!;
    expect(ticket).toMatchObject({ number, name: "Erika Muster" });

    const desk = await newPage();
    await desk.goto(`${lotse.url}/console`);
    await expect(desk.locator("#token-input").evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await desk.fill("#token-input", token);
    await desk.press("#token-input", "Enter");
    await desk.getByText("Angemeldet als Bernd Lotse").waitFor();
    const row = desk.locator("#ticket-rows tr", { hasText: ticket.number });
    await row.waitFor();
    expect(await row.textContent()).toContain("Erika Muster");
    expect(await unlabelledControls(desk)).toEqual([]);

    await row.getByRole("button", { name: ticket.number }).click();
    await desk.locator("#detail-title", { hasText: `${ticket.number} · Erika Muster` }).waitFor();
    expect(await desk.locator("#detail-title").evaluate((el) => el === document.activeElement)).toBe(true);
    await desk.locator("#detail-transcript li.user", { hasText: "Was ist eine Einstiegsqualifizierung?" }).first().waitFor();
    await screenshot(desk, "console-detail");
    // The conversation scrolls in its own box: focusable, so it scrolls by keyboard on a phone too.
    const detailAxe = await runAxe(desk, "console ticket detail", "#ticket-detail");
    expect(seriousViolations(detailAxe)).toEqual([]);
    expect(await desk.locator("#detail-transcript-region").getAttribute("tabindex")).toBe("0");

    const replyText = "Guten Tag, hier ist Bernd vom Lotsen-Team.";
    await desk.fill("#reply-text", replyText);
    await desk.getByRole("button", { name: "Senden" }).click();
    await desk.locator("#status", { hasText: `Antwort zu ${ticket.number} gesendet.` }).waitFor();
    await desk.locator("#detail-transcript li.navigator", { hasText: "Bernd vom Lotsen-Team" }).waitFor();

    // The reply arrives in the open widget …
    await botSaid(chat, replyText).waitFor();
    expect(await botSaid(chat, replyText).textContent()).toContain("Bernd Lotse");

    // … and is still there after the person reloads the page and opens the widget again.
    await site.reload();
    await site.getByRole("button", { name: "Fragen Sie Lotse" }).click();
    chat = await widgetChat(site);
    await botSaid(chat, replyText).waitFor();
    await botSaid(chat, `Ihre Anfrage hat die Nummer ${ticket.number}`).waitFor();
    await screenshot(site, "widget-navigator-reply");

    await desk.fill("#close-note", "Per Chat geklärt.");
    await desk.getByRole("button", { name: "Abschließen" }).click();
    await desk.locator("#status", { hasText: `${ticket.number} abgeschlossen.` }).waitFor();
    await desk.locator("#reply-form").waitFor({ state: "hidden" });
    // The person is told in the widget that the conversation with the navigators has ended.
    await botSaid(chat, `Das Gespräch zu Ihrer Anfrage ${ticket.number} ist beendet`).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it("lists unanswered questions and downloads them as CSV, which the audit log then shows", async () => {
    await lotse.app.bot.records.saveUnanswered({ question: "Gibt es Zuschüsse für Arbeitskleidung?", language: "de", candidates: [], channel: "webchat" });
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

  it("words a refused action from the locale: a ticket another navigator took", async () => {
    const ticket = await lotse.app.handoff.service.create(newTicket({ name: "Klara Beispiel" }));
    await lotse.app.handoff.service.take(ticket.id, { id: "token:other", name: "Anna Lotsin" });
    const page = await newPage();
    await page.goto(`${lotse.url}/console`);
    await page.fill("#token-input", token);
    await page.press("#token-input", "Enter");
    await page.getByRole("button", { name: "Übernommen", exact: true }).click();
    await page.locator("#ticket-rows tr", { hasText: ticket.number }).getByRole("button", { name: ticket.number }).click();
    await page.fill("#reply-text", "Ich übernehme das.");
    await page.getByRole("button", { name: "Senden" }).click();
    // The service sends { error: "taken_by_other", params }; the page words it, in German.
    await page.locator("#alert", { hasText: `${ticket.number} wurde von Anna Lotsin übernommen; nur sie/er kann antworten.` }).waitFor();
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
