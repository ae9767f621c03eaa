/**
 * Lotse navigator console, bundled by esbuild into /console/assets/console.js. Inside Teams it
 * signs in with Teams SSO and follows the Teams theme and locale; elsewhere it asks for a
 * personal API token.
 */
import { ApiError, call, SignInNeeded, storedToken, storeToken, whenSignInNeeded, errorText } from "./api.js";
import { $, reportFailure, showError, translatePage } from "./dom.js";
import { setLang, t } from "./i18n.js";
import { state, stopTimers, type View } from "./state.js";
import { applyTheme, initTeams, teams } from "./teams.js";
import type { Navigator } from "./types.js";
import { loadKnowledge, wireKnowledge } from "./views/knowledge.js";
import { loadQueue, wireQueue } from "./views/queue.js";
import { loadAudit, loadFeedback, loadUnanswered, wireReports } from "./views/reports.js";
import { forgetShownCode, loadTeamsChannel } from "./views/teams-channel.js";
import { loadTicket, openTicket, wireTicket } from "./views/ticket.js";

const QUEUE_REFRESH_MS = 15000;
const DETAIL_REFRESH_MS = 5000;

function showSignIn(reason?: string): void {
  stopTimers();
  $("app").hidden = true;
  $("who").hidden = true;
  $("sign-out").hidden = true;
  $("sign-in").hidden = false;
  const why = $("sign-in-reason");
  why.textContent = reason ?? "";
  why.hidden = !reason;
  $("token-input").focus();
}

async function start(): Promise<void> {
  try {
    const { navigator } = await call<{ navigator: Navigator }>("/me");
    state.me = navigator;
    $("sign-in").hidden = true;
    $("app").hidden = false;
    $("who").textContent = t("signedInAs", { name: navigator.name });
    $("who").hidden = false;
    // A Teams SSO session ends with Teams, not here.
    $("sign-out").hidden = navigator.via !== "token";
    showError("");
    await showView(state.view);
  } catch (err) {
    if (err instanceof SignInNeeded) {
      if (!$("app").hidden || $("sign-in").hidden) showSignIn();
      return;
    }
    if (err instanceof ApiError && err.code === "not_a_navigator") {
      // Signed in, but without the navigator role: signing in again would not help.
      showError(errorText(err));
      return;
    }
    if (teams() && !storedToken()) {
      showSignIn(t("ssoFailed", { reason: errorText(err) }));
      return;
    }
    reportFailure(err);
  }
}

export async function showView(view: View): Promise<void> {
  state.view = view;
  stopTimers();
  if (view !== "teams") forgetShownCode();
  for (const tab of document.querySelectorAll<HTMLButtonElement>("#view-tabs [role=tab]")) {
    const selected = tab.dataset.view === view;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(tab.getAttribute("aria-controls")!).hidden = !selected;
  }
  if (view === "queue") {
    await loadQueue();
    // Background refreshes: a failed one is retried at the next tick, the last good view stays.
    state.timers.push(setInterval(() => void loadQueue({ quiet: true }).catch(() => {}), QUEUE_REFRESH_MS));
    state.timers.push(setInterval(() => void (state.ticketId && loadTicket(state.ticketId, { quiet: true }).catch(() => {})), DETAIL_REFRESH_MS));
  } else if (view === "unanswered") await loadUnanswered();
  else if (view === "knowledge") await loadKnowledge();
  else if (view === "feedback") await loadFeedback();
  else if (view === "audit") await loadAudit();
  else if (view === "teams") await loadTeamsChannel();
}

function wireTabs(): void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>("#view-tabs [role=tab]")];
  for (const tab of tabs) {
    tab.addEventListener("click", () => void showView(tab.dataset.view as View).catch(reportFailure));
    // Arrow keys move between tabs, as the ARIA tabs pattern expects.
    tab.addEventListener("keydown", (e) => {
      const i = tabs.indexOf(tab);
      const keys: Record<string, HTMLButtonElement | undefined> = {
        ArrowRight: tabs[(i + 1) % tabs.length],
        ArrowLeft: tabs[(i - 1 + tabs.length) % tabs.length],
        Home: tabs[0],
        End: tabs[tabs.length - 1],
      };
      const next = keys[e.key];
      if (!next) return;
      e.preventDefault();
      next.focus();
      next.click();
    });
  }
}

function wire(): void {
  $("token-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const input = $<HTMLInputElement>("token-input");
    const token = input.value.trim();
    if (!token) return;
    storeToken(token);
    input.value = "";
    void start();
  });
  $("sign-out").addEventListener("click", () => {
    storeToken(null);
    state.ticketId = null;
    $("ticket-detail").hidden = true;
    showSignIn();
  });
  whenSignInNeeded(showSignIn);
  wireTabs();
  wireQueue(openTicket);
  wireTicket();
  wireReports();
  wireKnowledge(showView);
}

async function main(): Promise<void> {
  setLang(navigator.language);
  translatePage();
  wire();
  const context = await initTeams(applyTheme);
  if (context) {
    setLang(context.app?.locale ?? navigator.language);
    translatePage();
    applyTheme(context.app?.theme);
  }
  if (!teams() && !storedToken()) {
    showSignIn();
    return;
  }
  await start();
}

main().catch(reportFailure);
