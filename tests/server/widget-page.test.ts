/**
 * The web widget as a visitor of a partner's website meets it, in Chromium at a phone's size
 * (390 × 844): the partner's page is on another origin and sends its own strict CSP; the visitor
 * opens the chat with the keyboard, asks, reads the answer card from its title, opens the
 * details, follows a related article, switches to Arabic and finds the conversation again after
 * a reload. Also: axe-core on the opened chat and on /datenschutz, and a site that is not in
 * WIDGET_ORIGINS cannot show the chat. At a desktop's size (1366 × 800), where the answer starts
 * below the fold, the transcript scrolls to the answer's title, and a first reply that asks to choose
 * ("Meinten Sie …?" with its buttons) is shown with the question, at both sizes.
 */
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import type { Browser, BrowserContext, Frame, Locator, Page } from "playwright-core";
import type { AskAnswer } from "../../src/knowledge/contract.js";
import { startLotse, tempDataDir, type Lotse } from "../helpers/bot-harness.js";
import { describeBrowser, launchChromium, runAxe, screenshot, seriousViolations, watchForProblems } from "../helpers/browser.js";
import { startPartnerSite, type PartnerSite } from "../helpers/partner-site.js";

const PHONE = { width: 390, height: 844 };
const QUESTION = "Was ist eine Einstiegsqualifizierung?";
const TOGGLE = "Mehr anzeigen / weniger anzeigen";

let browser: Browser;
let partner: PartnerSite;
let lotse: Lotse;
/** What Lotse answers to QUESTION, from the `ask` contract: the card must show the same article. */
let expected: AskAnswer;

beforeAll(async () => {
  partner = await startPartnerSite();
  lotse = await startLotse(tempDataDir(), { WIDGET_ORIGINS: partner.origin, RATE_LIMIT_TOKENS_PER_MINUTE: "100" });
  partner.serve("/", { lotse: lotse.url, data: { lang: "de", audience: "employer" } });
  const res = await fetch(`${lotse.url}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: QUESTION, audience: "employer" }) });
  const ask = (await res.json()) as { outcome: string; answer: AskAnswer };
  expect(ask.outcome).toBe("answer");
  expected = ask.answer;
  // As in Chrome: the widget's frame on the partner's page has its own (partitioned) storage.
  browser = await launchChromium({ partitionedStorage: true });
});
const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await browser?.close();
  await lotse?.close();
  await partner?.close();
});

async function phone(on = browser): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await on.newContext({ viewport: PHONE, locale: "de-DE" });
  contexts.push(context);
  const problems = await watchForProblems(context);
  return { context, page: await context.newPage(), problems };
}

/** The chat page inside the widget's frame (in the loader's shadow root). */
async function chatFrame(page: Page): Promise<Frame> {
  const frame = await (await page.waitForSelector("lotse-widget iframe")).contentFrame();
  if (!frame) throw new Error("the widget's iframe has no frame");
  await frame.waitForSelector("#lotse-title");
  return frame;
}

/** What has the keyboard focus on the partner's page, looking into the widget's shadow root. */
function focusedOnPartnerPage(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement?.shadowRoot?.activeElement ?? document.activeElement;
    return el ? `${el.tagName.toLowerCase()}${el.textContent?.trim() ? ` "${el.textContent.trim()}"` : ""}` : "";
  });
}

/** Presses Tab until `isTarget` holds, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, isTarget: () => Promise<boolean>, what: string, max = 10): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press("Tab");
    if (await isTarget()) return presses;
  }
  throw new Error(`${what} not reached with ${max} presses of Tab`);
}

/** Resolves once the transcript has stopped scrolling (Web Chat scrolls in animation frames). */
function transcriptAtRest(frame: Frame): Promise<void> {
  return frame.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const scroller = document.querySelector(".webchat__basic-transcript__scrollable")!;
        let last = -1;
        let still = 0;
        const tick = () => {
          still = scroller.scrollTop === last ? still + 1 : 0;
          last = scroller.scrollTop;
          if (still >= 15) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

/** Where `el` is against the transcript's scroll container, in pixels (top/bottom of both). */
async function placeInTranscript(frame: Frame, el: Locator): Promise<{ inView: boolean; title: [number, number]; transcript: [number, number] }> {
  await transcriptAtRest(frame);
  const box = await el.boundingBox();
  const view = await frame.locator(".webchat__basic-transcript__scrollable").boundingBox();
  if (!box || !view) throw new Error("title or transcript not rendered");
  return {
    inView: box.y >= view.y - 1 && box.y + box.height <= view.y + view.height + 1,
    title: [Math.round(box.y), Math.round(box.y + box.height)],
    transcript: [Math.round(view.y), Math.round(view.y + view.height)],
  };
}

/**
 * Waits (up to 15 s) until `el` is in the transcript's view once it has stopped scrolling: what the
 * visitor is left with (a late reply may move the transcript once more before the widget corrects it).
 */
async function expectInView(frame: Frame, el: Locator, what: string): Promise<void> {
  await expect.poll(async () => (await placeInTranscript(frame, el)).inView, { message: `${what} in view`, timeout: 15_000 }).toBe(true);
}

/** The answer card whose heading is `title`. */
function answerCard(frame: Frame, title: string): Locator {
  return frame.locator(".ac-adaptiveCard").filter({ has: frame.getByRole("heading", { name: title, exact: true }) });
}

/** Opens the widget on the partner's page and sends QUESTION at once, as a quick typist would. */
async function openAndAsk(page: Page, question = QUESTION): Promise<{ frame: Frame; sendBox: Locator }> {
  await page.goto(`${partner.origin}/`);
  await page.getByRole("button", { name: "Fragen Sie Lotse" }).click();
  const frame = await chatFrame(page);
  const sendBox = frame.getByRole("textbox", { name: "Eingabefeld für Nachricht" });
  await sendBox.fill(question);
  await sendBox.press("Enter");
  return { frame, sendBox };
}

describeBrowser("the web widget on a partner's website (Chromium, 390 × 844)", () => {
  it("is on another origin than Lotse, which lets exactly that origin frame the chat", async () => {
    expect(new URL(partner.origin).origin).not.toBe(new URL(lotse.url).origin);
    const res = await fetch(`${lotse.url}/widget/chat`);
    const ancestors = /frame-ancestors ([^;]+)/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    expect(ancestors).toBe(`'self' ${partner.origin}`);
    const page = await fetch(`${partner.origin}/`);
    expect(page.headers.get("content-security-policy")).toContain(`script-src ${lotse.url}; frame-src ${lotse.url}`);
  });

  it("a visitor asks with the keyboard, reads the answer from its title, opens details and a related article, switches to Arabic and finds it all after a reload", { timeout: 90_000 }, async () => {
    const { page, problems } = await phone();
    await page.goto(`${partner.origin}/`);
    // includeHidden: at this width the open panel covers the screen and the launcher is hidden.
    const launcher = page.getByRole("button", { name: "Fragen Sie Lotse", includeHidden: true });
    await launcher.waitFor();
    await screenshot(page, "widget-closed");
    // Nothing of the chat is loaded before the visitor asks for it.
    expect(await page.locator("lotse-widget iframe").count()).toBe(0);

    // Tab to the launcher (past the partner's own link), Enter opens it, the chat has the focus.
    await tabTo(page, async () => (await focusedOnPartnerPage(page)) === 'button "Fragen Sie Lotse"', "the launcher");
    await page.keyboard.press("Enter");
    expect(await launcher.getAttribute("aria-expanded")).toBe("true");
    const frame = await chatFrame(page);
    await expect.poll(() => frame.evaluate(() => document.hasFocus()), { message: "the chat page has the keyboard focus after opening", timeout: 10_000 }).toBe(true);
    expect(await focusedOnPartnerPage(page)).toBe("iframe");
    await frame.getByRole("heading", { name: "Willkommen bei Lotse" }).waitFor();
    expect(await frame.getByRole("link", { name: /^Datenschutz/ }).getAttribute("href")).toBe("/datenschutz?lang=de");

    // From the top of the chat to Web Chat's send box, typed and sent with Enter.
    const sendBox = frame.getByRole("textbox", { name: "Eingabefeld für Nachricht" });
    await tabTo(page, () => sendBox.evaluate((el) => el === document.activeElement), "the send box");
    await page.keyboard.type(QUESTION);
    await page.keyboard.press("Enter");

    // The answer card: title first, the short answer's "Stand", the details still closed.
    const card = answerCard(frame, expected.title);
    await card.waitFor();
    expect(await frame.locator("#lotse-notice").isHidden()).toBe(true);
    await card.getByText(/^Stand: \d\d\.\d\d\.\d{4}$/).waitFor();
    const [y, m, d] = expected.reviewed.split("-");
    expect(await card.getByText(/^Stand: /).textContent()).toBe(`Stand: ${d}.${m}.${y}`);
    const source = card.locator(`a[href="${expected.sources[0]!.url}"]`);
    expect(await source.isVisible()).toBe(false);
    // A tall card is read from its title: the transcript stops with the title in view.
    const title = card.getByRole("heading", { name: expected.title, exact: true });
    await expectInView(frame, title, "the answer's title");
    await screenshot(page, "widget-answer");

    // "Mehr anzeigen" reveals the rest: the sources, as links.
    await card.getByRole("button", { name: TOGGLE }).click();
    await source.waitFor({ state: "visible" });
    expect(await source.textContent()).toBe(expected.sources[0]!.title);
    // A screen reader hears the toggle's state change (Web Chat marks it pressed).
    expect(await card.getByRole("button", { name: TOGGLE }).getAttribute("aria-pressed")).toBe("true");
    await source.scrollIntoViewIfNeeded();
    await screenshot(page, "widget-expanded");

    // A related article (visible without expanding) opens as a new card, read from its title.
    const related = card.locator(".ac-textBlock", { hasText: /^\s*Verwandte Themen\s*$/ }).locator("xpath=following-sibling::*[.//button][1]//button").first();
    const relatedTitle = (await related.innerText()).trim();
    expect(relatedTitle).not.toBe("");
    expect(relatedTitle).not.toBe(expected.title);
    await related.click();
    const relatedCard = answerCard(frame, relatedTitle);
    await relatedCard.waitFor();
    await relatedCard.getByText(/^Stand: /).waitFor();
    await expectInView(frame, relatedCard.getByRole("heading", { name: relatedTitle, exact: true }), "the related article's title");

    // Arabic from the picker: the page and Web Chat turn right-to-left, the conversation stays.
    await frame.getByRole("combobox", { name: "Sprache" }).selectOption("ar");
    await expect.poll(() => frame.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), { timeout: 10_000 }).toEqual(["ar", "rtl"]);
    await expect.poll(() => frame.locator(".webchat__basic-transcript").getAttribute("dir"), { timeout: 10_000 }).toBe("rtl");
    // Web Chat's own words are Arabic now, e.g. the send box's placeholder.
    expect(await frame.locator(".webchat__send-box-text-box__html-text-area").getAttribute("placeholder")).toMatch(/^[\u0600-\u06ff\s]+$/);
    expect(await frame.getByRole("link", { name: /حماية البيانات/ }).getAttribute("href")).toBe("/datenschutz?lang=en");
    // The launcher on the partner's page follows (it is hidden behind the full-screen panel here).
    expect(await page.locator("lotse-widget").getAttribute("dir")).toBe("rtl");
    await answerCard(frame, expected.title).waitFor();
    await relatedCard.waitFor();
    await screenshot(page, "widget-arabic");

    // A reload of the partner's page: the chat resumes the same conversation, still in Arabic.
    await page.reload();
    await page.getByRole("button", { name: "Fragen Sie Lotse" }).click();
    const again = await chatFrame(page);
    await answerCard(again, expected.title).waitFor();
    await answerCard(again, relatedTitle).waitFor();
    await again.locator(".webchat__text-content", { hasText: QUESTION }).waitFor();
    expect(await again.locator("#lotse-notice").isHidden()).toBe(true);
    await expect.poll(() => again.evaluate(() => document.documentElement.dir), { timeout: 10_000 }).toBe("rtl");
    expect(await page.locator("lotse-widget").getAttribute("dir")).toBe("rtl");

    expect(problems).toEqual([]);
  });

  it("starts a new conversation after a reload, without an error, where the browser gives the frame no storage (third-party storage blocked)", { timeout: 60_000 }, async () => {
    // Playwright's own Chromium settings: no partitioning, so the cross-site frame's localStorage throws.
    const strict = await launchChromium();
    try {
      const { page, problems } = await phone(strict);
      await page.goto(`${partner.origin}/`);
      await page.getByRole("button", { name: "Fragen Sie Lotse" }).click();
      const frame = await chatFrame(page);
      expect(await frame.evaluate(() => {
        try {
          return typeof localStorage;
        } catch {
          return "blocked";
        }
      })).toBe("blocked");
      const sendBox = frame.getByRole("textbox", { name: "Eingabefeld für Nachricht" });
      await sendBox.fill(QUESTION);
      await sendBox.press("Enter");
      await answerCard(frame, expected.title).waitFor();

      await page.reload();
      await page.getByRole("button", { name: "Fragen Sie Lotse" }).click();
      const again = await chatFrame(page);
      // A fresh start: the notice is back, the send box works, no old card, nothing broken.
      await again.locator("#lotse-notice").waitFor();
      const box = again.getByRole("textbox", { name: "Eingabefeld für Nachricht" });
      await box.fill(QUESTION);
      await box.press("Enter");
      await answerCard(again, expected.title).waitFor();
      expect(await answerCard(again, expected.title).count()).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await strict.close();
    }
  });

  it("sends a question typed and sent before the chat has connected, once it has (a slow line)", { timeout: 60_000 }, async () => {
    const { context, page, problems } = await phone();
    // Web Chat opens the conversation with POST …/conversations; on a slow line that takes a while.
    let opened = false;
    await context.route(`${lotse.url}/v3/directline/conversations`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      opened = true;
      await route.continue();
    });
    const { frame, sendBox } = await openAndAsk(page);
    expect(opened, "the question was sent while the conversation was still opening").toBe(false);

    await answerCard(frame, expected.title).waitFor({ timeout: 20_000 });
    // Sent once: one question in the transcript, one answer, and the send box is empty again.
    expect(await frame.locator(".webchat__text-content", { hasText: QUESTION }).count()).toBe(1);
    expect(await answerCard(frame, expected.title).count()).toBe(1);
    expect(await sendBox.inputValue()).toBe("");
    expect(problems).toEqual([]);
  });

  it("has no serious or critical accessibility problems (axe, WCAG 2.1 AA): the opened chat with an answer card, and /datenschutz in German and English", { timeout: 60_000 }, async () => {
    const { context, page, problems } = await phone();
    const { frame } = await openAndAsk(page);
    await answerCard(frame, expected.title).getByText(/^Stand: /).waitFor();
    await transcriptAtRest(frame);

    const chat = await runAxe(frame, "widget chat with an answer card (de, 390 × 844)");
    expect(seriousViolations(chat)).toEqual([]);
    // The launcher and panel on the partner's page (the frame's inside is checked above).
    const loader = await runAxe(page, "widget loader on the partner page (open)", "lotse-widget");
    expect(seriousViolations(loader)).toEqual([]);

    for (const lang of ["de", "en"] as const) {
      const privacy = await context.newPage();
      await privacy.goto(`${lotse.url}/datenschutz?lang=${lang}`);
      await privacy.getByRole("heading", { level: 1 }).waitFor();
      expect(await privacy.evaluate(() => document.documentElement.lang)).toBe(lang);
      if (lang === "de") await screenshot(privacy, "datenschutz");
      const result = await runAxe(privacy, `/datenschutz?lang=${lang} (390 × 844)`);
      expect(seriousViolations(result)).toEqual([]);
    }
    expect(problems).toEqual([]);
  });

  it("cannot be shown by a site that is not in WIDGET_ORIGINS: the browser refuses to frame the chat", { timeout: 60_000 }, async () => {
    const elsewhere = await startLotse(tempDataDir(), { WIDGET_ORIGINS: "https://verein.example" });
    const { context, page, problems } = await phone();
    try {
      partner.serve("/fremd", { lotse: elsewhere.url, data: { lang: "de" } });
      await page.goto(`${partner.origin}/fremd`);
      await page.getByRole("button", { name: "Fragen Sie Lotse" }).click();
      await expect
        .poll(() => problems.find((p) => p.includes("frame-ancestors")), { message: "the browser reports the refused frame", timeout: 10_000 })
        .toMatch(/Framing 'http:\/\/127\.0\.0\.1:\d+\/' violates .*"frame-ancestors 'self' https:\/\/verein\.example"/);
      // The panel stays empty: the chat page never loads.
      const frame = await (await page.waitForSelector("lotse-widget iframe", { state: "attached" })).contentFrame();
      expect(await frame?.locator("#lotse-title").count()).toBe(0);
      expect(page.frames().some((f) => f.url().startsWith(elsewhere.url))).toBe(false);
    } finally {
      await context.close();
      await elsewhere.close();
    }
  });
});

describeBrowser("the web widget on a desktop (Chromium, 1366 × 800)", () => {
  it("shows the first answer from its title, though the welcome arrives after the question (and the next answer too)", { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: "de-DE" });
    contexts.push(context);
    const problems = await watchForProblems(context);
    const page = await context.newPage();
    const { frame, sendBox } = await openAndAsk(page);
    const card = answerCard(frame, expected.title);
    await card.getByText(/^Stand: /).waitFor();
    // The welcome is drawn above the question, and may be drawn after the answer: a CI run on a
    // busy machine measured the title in the moment the late welcome had pushed it down and
    // before the widget had scrolled it back. What the visitor is left with is what counts.
    await frame.getByRole("heading", { name: "Willkommen bei Lotse" }).waitFor();
    // The panel is shorter than welcome, question and answer together: the title must be scrolled to.
    const title = card.getByRole("heading", { name: expected.title, exact: true });
    await expectInView(frame, title, "the first answer's title");
    const transcript = frame.locator(".webchat__basic-transcript__scrollable");
    expect(await transcript.evaluate((el) => el.scrollHeight > el.clientHeight && el.scrollTop > 0)).toBe(true);
    // Axe at this size too, with the answer card scrolled into view.
    expect(seriousViolations(await runAxe(frame, "widget chat with an answer card (de, 1366 × 800)"))).toEqual([]);

    await sendBox.fill("Wer bezahlt den Deutschkurs für meinen Mitarbeiter?");
    await sendBox.press("Enter");
    const cards = frame.locator(".ac-adaptiveCard");
    await expect.poll(() => cards.count(), { timeout: 20_000 }).toBe(3);
    const next = cards.nth(2);
    await next.getByRole("heading").first().waitFor();
    await expectInView(frame, next.getByRole("heading").first(), "the next answer's title");
    expect(problems).toEqual([]);
  });

  it("shows the question and \"Meinten Sie …?\" when the first reply asks to choose, not only the buttons (and on a phone)", { timeout: 90_000 }, async () => {
    for (const viewport of [{ width: 1366, height: 800 }, PHONE]) {
      const context = await browser.newContext({ viewport, locale: "de-DE" });
      contexts.push(context);
      const problems = await watchForProblems(context);
      const page = await context.newPage();
      const { frame } = await openAndAsk(page, "Duldung");
      await frame.getByRole("toolbar").getByRole("button", { name: /Arbeiten mit Duldung/ }).waitFor();
      const prompt = frame.locator(".webchat__basic-transcript__activity").filter({ hasText: "Meinten Sie" }).last();
      const question = frame.locator(".webchat__bubble--from-user").filter({ hasText: /^Duldung$/ }).last();
      // Polled: the welcome may arrive after the choice and move the transcript once more (a CI run
      // on a busy machine measured the phone panel between the two).
      await expectInView(frame, prompt, `${viewport.width} px: "Meinten Sie"`);
      await expectInView(frame, question, `${viewport.width} px: the question`);
      await screenshot(page, `widget-clarify-first-${viewport.width}`);
      expect(seriousViolations(await runAxe(frame, `widget chat with a choice (de, ${viewport.width} px)`))).toEqual([]);
      expect(problems).toEqual([]);
    }
  });
});
