/**
 * The browser for the page tests: Debian's Chromium driven through playwright-core (Playwright's
 * own browser downloads are not reachable, and none is needed). Without chromium on PATH, test
 * files written with `describeBrowser` are skipped and the run says why in one line; with
 * LOTSE_REQUIRE_BROWSER=1 (as in .ci/run) they run anyway and a missing browser fails them.
 */
import { accessSync, constants, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from "playwright-core";
import { describe } from "vitest";
import { ROOT } from "./run.js";

export const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const INSTALL_HINT = "apt-get install -y chromium";

/** The chromium executable on PATH, or undefined. */
export function chromiumPath(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, "chromium");
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export const browserRequired = process.env.LOTSE_REQUIRE_BROWSER === "1";
const skipBrowserTests = !browserRequired && chromiumPath() === undefined;

/**
 * Playwright turns Chromium's third-party storage partitioning off (its --disable-features list),
 * and this Chromium then blocks a cross-site frame's localStorage altogether ("Access is denied
 * for this document"), as Chrome does with third-party cookies blocked. Chrome's default since
 * 115 is partitioning: a partner page's widget frame keeps its own storage. This is Playwright 1.65's list without ThirdPartyStoragePartitioning; Chromium
 * takes the last --disable-features it is given.
 */
const DISABLED_FEATURES_WITH_PARTITIONING = [
  "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "HttpsUpgrades", "HttpsFirstBalancedModeAutoEnable", "LensOverlay", "MediaRouter",
  "PaintHolding", "AvoidCorsURLLoaderRestartOnRedirect", "TcpPortRandomizationWin", "OptimizationHints", "NetworkTimeServiceQuerying", "AimEnabled", "PreconnectToSearch",
];

export interface LaunchOptions {
  /** Third-party frames get partitioned storage, as in Chrome (see above); off is Playwright's default. */
  partitionedStorage?: boolean;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(`browser tests: no chromium on PATH; install Debian's package (${INSTALL_HINT}), as .ci/run does`);
  const args = options.partitionedStorage ? [...CHROMIUM_FLAGS, `--disable-features=${DISABLED_FEATURES_WITH_PARTITIONING.join(",")}`] : CHROMIUM_FLAGS;
  return chromium.launch({ executablePath, args });
}

/**
 * One warning per `vitest run`, however many browser test files there are: each file runs in
 * its own worker, so the first one leaves a marker named after the run's main process (the
 * workers' parent). An hour-old marker is from an earlier run whose process had the same pid.
 */
function warnOnce(message: string): void {
  const marker = path.join(tmpdir(), `lotse-browser-skip-${process.ppid}`);
  try {
    if (Date.now() - statSync(marker).mtimeMs < 60 * 60_000) return;
  } catch {
    // no marker yet: this is the first file
  }
  writeFileSync(marker, "");
  console.warn(message);
}

/** `describe` for tests that need a browser: skipped without chromium unless LOTSE_REQUIRE_BROWSER=1. */
export const describeBrowser = describe.skipIf(skipBrowserTests);
if (skipBrowserTests) {
  warnOnce(`browser tests skipped: no chromium on PATH (${INSTALL_HINT}); set LOTSE_REQUIRE_BROWSER=1 to make this a failure`);
}

/** Where screenshots go: tests/artifacts/ (git-ignored), or LOTSE_SCREENSHOTS=DIR. */
export const SCREENSHOT_DIR = process.env.LOTSE_SCREENSHOTS || path.join(ROOT, "tests/artifacts");

/** Keeps a picture of the page for a person to look at (CI keeps tests/artifacts/). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * What a person would notice as broken, from every page and frame of a browser context: uncaught
 * errors, console errors and Content Security Policy violations (each `securitypolicyviolation`
 * event, reported from inside the frame, so a cross-origin frame's count too). Read it at the end.
 */
export async function watchForProblems(context: BrowserContext): Promise<string[]> {
  const problems: string[] = [];
  await context.exposeBinding("__lotseReportCsp", ({ frame }, v: { directive: string; blocked: string; sample: string }) => {
    problems.push(`CSP violation in ${frame.url()}: ${v.directive} blocked ${v.blocked || "inline"} ${v.sample}`.trim());
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as any).__lotseReportCsp({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample });
    });
  });
  const watch = (page: Page) => {
    page.on("pageerror", (err) => problems.push(`uncaught in ${page.url()}: ${err.message}`));
    // Web Chat 4.18 logs an error, then the action object, for every Action.ToggleVisibility
    // although it works (microsoft/BotFramework-WebChat#4761, open): not something a visitor sees.
    let toggleNoise = false;
    page.on("console", (msg) => {
      if (msg.type() !== "error") return;
      const url = msg.location().url;
      const known = toggleNoise && url.includes("/webchat-") && /^\w+$/.test(msg.text());
      toggleNoise = url.includes("/webchat-") && msg.text() === "Web Chat: received unknown action from Adaptive Cards";
      // The browser's own request for /favicon.ico is not the page's doing either.
      if (toggleNoise || known || url.endsWith("/favicon.ico")) return;
      problems.push(`console error in ${url || page.url()}: ${msg.text()}`);
    });
  };
  context.pages().forEach(watch);
  context.on("page", watch);
  return problems;
}

export type AxeImpact = "critical" | "serious" | "moderate" | "minor";
export const AXE_IMPACTS: readonly AxeImpact[] = ["critical", "serious", "moderate", "minor"];
/** The WCAG 2.1 A and AA rules. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export interface AxeViolation {
  id: string;
  impact: AxeImpact;
  help: string;
  /** Each failing element's HTML (cut short) and why it fails. */
  nodes: string[];
}

export interface AxeSummary {
  /** Violations per impact: how many rules fail, not how many elements. */
  counts: Record<AxeImpact, number>;
  violations: AxeViolation[];
}

const AXE_SOURCE = path.join(ROOT, "node_modules/axe-core/axe.min.js");

/**
 * Runs axe-core's WCAG 2.1 A/AA rules in a page or frame and prints one line with the counts per
 * impact. axe is evaluated through the DevTools protocol rather than `addScriptTag`: Lotse's pages
 * forbid inline scripts (script-src 'self'), so an injected <script> would be blocked, and
 * loosening their CSP for the test (bypassCSP) would also hide the violations we look for.
 */
export async function runAxe(target: Page | Frame, label: string, include?: string): Promise<AxeSummary> {
  if (!(await target.evaluate(() => "axe" in window))) await target.evaluate(readFileSync(AXE_SOURCE, "utf8"));
  const result = await target.evaluate(
    ([tags, include]) =>
      (window as any).axe.run(include ? { include: [include] } : document, { runOnly: { type: "tag", values: tags }, iframes: false, resultTypes: ["violations"] }),
    [AXE_TAGS, include] as const,
  );
  const violations: AxeViolation[] = (result.violations as any[]).map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: (v.nodes as any[]).map((n) => `${String(n.html).slice(0, 160)} — ${String(n.failureSummary).replace(/\s+/g, " ")}`),
  }));
  const counts = Object.fromEntries(AXE_IMPACTS.map((i) => [i, violations.filter((v) => v.impact === i).length])) as Record<AxeImpact, number>;
  const rules = violations.map((v) => `${v.id} (${v.impact})`).join(", ");
  console.log(`axe ${label}: ${AXE_IMPACTS.map((i) => `${i} ${counts[i]}`).join(", ")}${rules ? ` — ${rules}` : ""}`);
  return { counts, violations };
}

/** The serious and critical violations, readable in a failed expectation. */
export function seriousViolations(summary: AxeSummary): AxeViolation[] {
  return summary.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}
