// Lotse navigator console: plain browser JavaScript, no build step. Inside Teams it signs in with
// Teams SSO and follows the Teams theme and locale; elsewhere it asks for a personal API token.
// Every text from the server goes into the page through textContent, never as HTML.
"use strict";

(function () {
  const TOKEN_KEY = "lotse.console.token";
  const QUEUE_REFRESH_MS = 15000;
  const DETAIL_REFRESH_MS = 5000;
  const PAGE_SIZE = 25;
  const QUESTION_PREVIEW = 90;

  const STRINGS = {
    de: {
      skip: "Zum Inhalt springen", title: "Lotsen-Konsole", signOut: "Abmelden", signInTitle: "Anmelden",
      tokenLabel: "Persönliches API-Token",
      tokenHelp: "Ein Token erstellt die Administration mit „npm run navigator -- token create NAME“. Es bleibt nur in diesem Browser-Tab gespeichert.",
      signIn: "Anmelden", areas: "Bereiche", queue: "Warteschlange", unanswered: "Unbeantwortet", feedback: "Feedback", audit: "Protokoll",
      statusFilter: "Status", statusOpen: "Offen", statusTaken: "Übernommen", statusClosed: "Abgeschlossen", statusAll: "Alle",
      search: "Suche", searchPlaceholder: "Nummer, Name, Organisation, Frage", searchButton: "Suchen",
      colNumber: "Nr.", colCreated: "Eingang", colName: "Name", colQuestion: "Anliegen", colStatus: "Status",
      colCount: "Anzahl", colLastAsked: "Zuletzt", colLanguages: "Sprachen", colCandidates: "Ähnliche Artikel",
      colArticle: "Artikel", colHelpful: "Hilfreich", colNotHelpful: "Nicht hilfreich", colComments: "Kommentare",
      colWhen: "Zeit", colWho: "Wer", colAction: "Aktion", colTicket: "Ticket", colDetail: "Details",
      queueEmpty: "Keine Tickets.", prev: "Zurück", next: "Weiter", pageInfo: "{from}–{to} von {total}",
      queueCaption: "Tickets: {status}", request: "Anliegen", transcript: "Verlauf", deliveries: "Webhook-Zustellungen",
      take: "Übernehmen", replyLabel: "Antwort an die Person", replyHelp: "Die Antwort erscheint im Chat der Person. Ein offenes Ticket übernehmen Sie damit.",
      send: "Senden", closeLabel: "Abschlussnotiz (optional)", close: "Abschließen",
      unansweredTitle: "Fragen, die Lotse nicht beantworten konnte", unansweredHelp: "Gleiche Fragen sind zusammengefasst. Häufige Fragen sind Kandidaten für neue Artikel.",
      downloadCsv: "Als CSV herunterladen", nothingYet: "Noch keine Einträge.", feedbackTitle: "Feedback zu Artikeln", auditTitle: "Protokoll",
      signedInAs: "Angemeldet als {name}", loading: "Wird geladen …", loaded: "{count} Tickets gefunden.", loadedOne: "1 Ticket gefunden.",
      taken: "{number} übernommen.", replied: "Antwort zu {number} gesendet.", repliedUndelivered: "Antwort zu {number} gespeichert, aber nicht zugestellt: Die Person ist nicht mehr erreichbar.",
      closed: "{number} abgeschlossen.", exported: "{file} heruntergeladen.",
      sessionExpired: "Die Anmeldung ist abgelaufen oder ungültig. Bitte erneut anmelden.", ssoFailed: "Die Anmeldung über Teams ist fehlgeschlagen ({reason}). Sie können ein persönliches API-Token verwenden.",
      failed: "Das hat nicht geklappt: {message}", networkError: "Der Server ist nicht erreichbar.",
      failedDeliveries: "{count} Webhook-Benachrichtigungen konnten nicht zugestellt werden (Tickets {numbers}).",
      fStatus: "Status", fCreated: "Eingang", fOrganisation: "Organisation", fContact: "Kontakt", fLanguage: "Sprache", fAudience: "Zielgruppe",
      fTopics: "Themen", fTakenBy: "Übernommen von", fClosed: "Abgeschlossen", fNote: "Notiz", fChannel: "Kanal",
      authorUser: "Person", authorBot: "Lotse", authorSystem: "System", undelivered: "nicht zugestellt",
      deliveryPending: "ausstehend", deliveryDelivered: "zugestellt", deliveryFailed: "fehlgeschlagen", attempts: "{count} Versuche",
      articleGone: "(Artikel entfernt)", noComments: "–",
      aTicketTake: "übernommen", aTicketReply: "geantwortet", aTicketClose: "abgeschlossen", aExportUnanswered: "Unbeantwortet exportiert", aExportFeedback: "Feedback exportiert",
    },
    en: {
      skip: "Skip to content", title: "Navigator console", signOut: "Sign out", signInTitle: "Sign in",
      tokenLabel: "Personal API token",
      tokenHelp: "An administrator creates a token with “npm run navigator -- token create NAME”. It is kept in this browser tab only.",
      signIn: "Sign in", areas: "Areas", queue: "Queue", unanswered: "Unanswered", feedback: "Feedback", audit: "Audit log",
      statusFilter: "Status", statusOpen: "Open", statusTaken: "Taken", statusClosed: "Closed", statusAll: "All",
      search: "Search", searchPlaceholder: "Number, name, organisation, question", searchButton: "Search",
      colNumber: "No.", colCreated: "Received", colName: "Name", colQuestion: "Request", colStatus: "Status",
      colCount: "Count", colLastAsked: "Last asked", colLanguages: "Languages", colCandidates: "Similar articles",
      colArticle: "Article", colHelpful: "Helpful", colNotHelpful: "Not helpful", colComments: "Comments",
      colWhen: "Time", colWho: "Who", colAction: "Action", colTicket: "Ticket", colDetail: "Details",
      queueEmpty: "No tickets.", prev: "Previous", next: "Next", pageInfo: "{from}–{to} of {total}",
      queueCaption: "Tickets: {status}", request: "Request", transcript: "Conversation", deliveries: "Webhook deliveries",
      take: "Take", replyLabel: "Reply to the person", replyHelp: "The reply appears in the person's chat. Replying takes an open ticket.",
      send: "Send", closeLabel: "Closing note (optional)", close: "Close",
      unansweredTitle: "Questions Lotse could not answer", unansweredHelp: "Identical questions are grouped. Frequent ones are candidates for new articles.",
      downloadCsv: "Download as CSV", nothingYet: "Nothing yet.", feedbackTitle: "Feedback on articles", auditTitle: "Audit log",
      signedInAs: "Signed in as {name}", loading: "Loading …", loaded: "{count} tickets found.", loadedOne: "1 ticket found.",
      taken: "{number} taken.", replied: "Reply to {number} sent.", repliedUndelivered: "Reply to {number} stored but not delivered: the person can no longer be reached.",
      closed: "{number} closed.", exported: "{file} downloaded.",
      sessionExpired: "Your sign-in has expired or is not valid. Please sign in again.", ssoFailed: "Signing in through Teams failed ({reason}). You can use a personal API token.",
      failed: "That did not work: {message}", networkError: "The server cannot be reached.",
      failedDeliveries: "{count} webhook notifications could not be delivered (tickets {numbers}).",
      fStatus: "Status", fCreated: "Received", fOrganisation: "Organisation", fContact: "Contact", fLanguage: "Language", fAudience: "Audience",
      fTopics: "Topics", fTakenBy: "Taken by", fClosed: "Closed", fNote: "Note", fChannel: "Channel",
      authorUser: "Person", authorBot: "Lotse", authorSystem: "System", undelivered: "not delivered",
      deliveryPending: "pending", deliveryDelivered: "delivered", deliveryFailed: "failed", attempts: "{count} attempts",
      articleGone: "(article removed)", noComments: "–",
      aTicketTake: "took", aTicketReply: "replied", aTicketClose: "closed", aExportUnanswered: "exported unanswered", aExportFeedback: "exported feedback",
    },
  };
  const AUDIT_LABELS = { "ticket.take": "aTicketTake", "ticket.reply": "aTicketReply", "ticket.close": "aTicketClose", "export.unanswered": "aExportUnanswered", "export.feedback": "aExportFeedback" };
  const STATUS_LABELS = { open: "statusOpen", taken: "statusTaken", closed: "statusClosed", "": "statusAll" };

  const state = {
    lang: "de",
    teams: null, // the teams-js SDK once initialised inside Teams
    view: "queue",
    status: "open",
    q: "",
    offset: 0,
    total: 0,
    ticketId: null,
    ticket: null,
    timers: [],
  };

  const $ = (id) => document.getElementById(id);

  // ── language and theme ────────────────────────────────────────────────────

  function t(key, vars) {
    // German is the console's language; English serves every other locale, and a missing English
    // string falls back to German rather than showing a key.
    const text = STRINGS[state.lang][key] ?? STRINGS.de[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? "")) : text;
  }

  function setLanguage(locale) {
    state.lang = /^de\b/i.test(locale || "") ? "de" : "en";
    document.documentElement.lang = state.lang;
    for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
    for (const el of document.querySelectorAll("[data-i18n-aria-label]")) el.setAttribute("aria-label", t(el.dataset.i18nAriaLabel));
    for (const el of document.querySelectorAll("[data-i18n-placeholder]")) el.setAttribute("placeholder", t(el.dataset.i18nPlaceholder));
    document.title = `Lotse – ${t("title")}`;
  }

  function applyTheme(theme) {
    if (theme === "dark" || theme === "contrast") document.documentElement.dataset.theme = theme;
    else if (theme === "default") document.documentElement.dataset.theme = "default";
    else delete document.documentElement.dataset.theme;
  }

  const dateFormat = () => new Intl.DateTimeFormat(state.lang === "de" ? "de-DE" : "en-GB", { dateStyle: "short", timeStyle: "short" });
  const formatDate = (iso) => (iso ? dateFormat().format(new Date(iso)) : "");

  // ── messages to the user ──────────────────────────────────────────────────

  function announce(text) {
    $("status").textContent = text;
  }

  function showError(text) {
    const alert = $("alert");
    alert.textContent = text;
    alert.hidden = !text;
  }

  // ── Teams and sign-in ─────────────────────────────────────────────────────

  function withTimeout(promise, ms) {
    return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms))]);
  }

  /** The Teams context when the page runs as a Teams tab, null in a plain browser. */
  async function initTeams() {
    const sdk = window.microsoftTeams;
    // Outside a frame (and outside the Teams mobile webview) there is no host to talk to.
    if (!sdk || (window.parent === window && !window.nativeInterface)) return null;
    try {
      await withTimeout(sdk.app.initialize(), 5000);
      const context = await sdk.app.getContext();
      state.teams = sdk;
      sdk.app.registerOnThemeChangeHandler(applyTheme);
      return context;
    } catch {
      return null;
    }
  }

  async function bearerToken() {
    const stored = sessionStorage.getItem(TOKEN_KEY);
    if (stored) return stored;
    if (state.teams) return state.teams.authentication.getAuthToken();
    throw new SignInNeeded();
  }

  class SignInNeeded extends Error {}

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function call(path, { method = "GET", body, raw = false } = {}) {
    const token = await bearerToken();
    const headers = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    let res;
    try {
      res = await fetch(`/api/console${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, t("networkError"));
    }
    if (res.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      showSignIn(t("sessionExpired"));
      throw new SignInNeeded();
    }
    if (!res.ok) {
      const err = await res.json().catch(() => ({}));
      throw new ApiError(res.status, err.message || res.statusText);
    }
    return raw ? res : res.json();
  }

  function reportFailure(err) {
    if (err instanceof SignInNeeded) return;
    showError(t("failed", { message: err.message }));
  }

  function showSignIn(reason) {
    stopTimers();
    $("app").hidden = true;
    $("who").hidden = true;
    $("sign-out").hidden = true;
    $("sign-in").hidden = false;
    const why = $("sign-in-reason");
    why.textContent = reason || "";
    why.hidden = !reason;
    $("token-input").focus();
  }

  async function start() {
    try {
      const { navigator } = await call("/me");
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
      if (state.teams && !sessionStorage.getItem(TOKEN_KEY)) {
        showSignIn(t("ssoFailed", { reason: err.message || String(err) }));
        return;
      }
      reportFailure(err);
    }
  }

  // ── views ─────────────────────────────────────────────────────────────────

  function stopTimers() {
    for (const id of state.timers) clearInterval(id);
    state.timers = [];
  }

  async function showView(view) {
    state.view = view;
    stopTimers();
    for (const tab of document.querySelectorAll("#view-tabs [role=tab]")) {
      const selected = tab.dataset.view === view;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      $(tab.getAttribute("aria-controls")).hidden = !selected;
    }
    if (view === "queue") {
      await loadQueue();
      state.timers.push(setInterval(() => loadQueue({ quiet: true }).catch(() => {}), QUEUE_REFRESH_MS));
      state.timers.push(setInterval(() => state.ticketId && loadTicket(state.ticketId, { quiet: true }).catch(() => {}), DETAIL_REFRESH_MS));
    } else if (view === "unanswered") await loadUnanswered();
    else if (view === "feedback") await loadFeedback();
    else if (view === "audit") await loadAudit();
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    if (text instanceof Node) td.append(text);
    else td.textContent = text ?? "";
    if (className) td.className = className;
    row.append(td);
    return td;
  }

  function badge(status, label = t(STATUS_LABELS[status] || status)) {
    const span = document.createElement("span");
    span.className = `badge ${status}`;
    span.textContent = label;
    return span;
  }

  // ── queue ─────────────────────────────────────────────────────────────────

  async function loadQueue({ quiet = false } = {}) {
    if (!quiet) announce(t("loading"));
    const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(state.offset) });
    if (state.status) params.set("status", state.status);
    if (state.q) params.set("q", state.q);
    const [page, failed] = await Promise.all([call(`/tickets?${params}`), call("/webhook-deliveries")]);
    state.total = page.total;
    const rows = $("ticket-rows");
    rows.replaceChildren(
      ...page.tickets.map((ticket) => {
        const tr = document.createElement("tr");
        tr.dataset.ticket = String(ticket.id);
        if (ticket.id === state.ticketId) tr.setAttribute("aria-current", "true");
        const open = document.createElement("button");
        open.type = "button";
        open.className = "link";
        open.textContent = ticket.number;
        open.addEventListener("click", (e) => {
          e.stopPropagation();
          openTicket(ticket.id);
        });
        cell(tr, open);
        cell(tr, formatDate(ticket.createdAt));
        cell(tr, ticket.organisation ? `${ticket.name} (${ticket.organisation})` : ticket.name);
        cell(tr, ticket.question.length > QUESTION_PREVIEW ? `${ticket.question.slice(0, QUESTION_PREVIEW)}…` : ticket.question, "question").title = ticket.question;
        const status = cell(tr, badge(ticket.status));
        if (ticket.takenBy && ticket.status === "taken") status.append(` ${ticket.takenBy.name}`);
        // The number is the keyboard target; the whole row is a larger target for the mouse.
        tr.addEventListener("click", () => openTicket(ticket.id));
        return tr;
      }),
    );
    $("queue-caption").textContent = t("queueCaption", { status: t(STATUS_LABELS[state.status]) });
    $("queue-empty").hidden = page.tickets.length > 0;
    $("page-info").textContent = page.total ? t("pageInfo", { from: page.offset + 1, to: page.offset + page.tickets.length, total: page.total }) : "";
    $("page-prev").disabled = page.offset === 0;
    $("page-next").disabled = page.offset + page.tickets.length >= page.total;
    const warn = $("failed-deliveries");
    warn.hidden = failed.deliveries.length === 0;
    if (failed.deliveries.length) {
      const numbers = [...new Set(failed.deliveries.map((d) => `L-${String(d.ticketId).padStart(4, "0")}`))].join(", ");
      warn.textContent = t("failedDeliveries", { count: failed.deliveries.length, numbers });
    }
    if (!quiet) announce(page.total === 1 ? t("loadedOne") : t("loaded", { count: page.total }));
  }

  async function openTicket(id) {
    state.ticketId = id;
    for (const tr of document.querySelectorAll("#ticket-rows tr")) {
      if (tr.dataset.ticket === String(id)) tr.setAttribute("aria-current", "true");
      else tr.removeAttribute("aria-current");
    }
    try {
      await loadTicket(id);
      $("detail-title").focus();
    } catch (err) {
      reportFailure(err);
    }
  }

  function metaRow(dl, label, value) {
    if (value === null || value === undefined || value === "") return;
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    if (value instanceof Node) dd.append(value);
    else dd.textContent = value;
    dl.append(dt, dd);
  }

  function contactLink(contact) {
    const a = document.createElement("a");
    a.href = contact.kind === "email" ? `mailto:${contact.value}` : `tel:${contact.value}`;
    a.textContent = contact.value;
    return a;
  }

  async function loadTicket(id, { quiet = false } = {}) {
    const ticket = await call(`/tickets/${id}`);
    if (state.ticketId !== id) return;
    state.ticket = ticket;
    $("ticket-detail").hidden = false;
    $("detail-title").textContent = `${ticket.number} · ${ticket.name}`;
    const meta = $("detail-meta");
    meta.replaceChildren();
    const status = badge(ticket.status);
    metaRow(meta, t("fStatus"), status);
    metaRow(meta, t("fCreated"), formatDate(ticket.createdAt));
    metaRow(meta, t("fOrganisation"), ticket.organisation);
    metaRow(meta, t("fContact"), contactLink(ticket.contact));
    metaRow(meta, t("fLanguage"), ticket.language);
    metaRow(meta, t("fAudience"), ticket.audience);
    metaRow(meta, t("fTopics"), ticket.topics.join(", "));
    metaRow(meta, t("fChannel"), ticket.channel);
    if (ticket.takenBy) metaRow(meta, t("fTakenBy"), `${ticket.takenBy.name}, ${formatDate(ticket.takenAt)}`);
    if (ticket.closedBy) metaRow(meta, t("fClosed"), `${ticket.closedBy.name}, ${formatDate(ticket.closedAt)}`);
    metaRow(meta, t("fNote"), ticket.closeNote);
    $("detail-question").textContent = ticket.question;

    const list = $("detail-transcript");
    const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 8;
    list.replaceChildren(
      ...ticket.messages.map((m) => {
        const li = document.createElement("li");
        li.className = m.author;
        const who = document.createElement("span");
        who.className = "who";
        who.textContent = m.author === "navigator" ? m.authorName || "" : t(m.author === "user" ? "authorUser" : m.author === "bot" ? "authorBot" : "authorSystem");
        const time = document.createElement("time");
        time.dateTime = m.at;
        time.textContent = formatDate(m.at);
        const p = document.createElement("p");
        p.textContent = m.text;
        li.append(who, time, p);
        if (m.author === "navigator" && m.delivered === false) {
          const note = document.createElement("span");
          note.className = "undelivered";
          note.textContent = t("undelivered");
          li.append(note);
        }
        return li;
      }),
    );
    if (atBottom || !quiet) list.scrollTop = list.scrollHeight;

    $("detail-deliveries").hidden = ticket.deliveries.length === 0;
    $("detail-delivery-list").replaceChildren(
      ...ticket.deliveries.map((d) => {
        const li = document.createElement("li");
        const key = d.status === "failed" ? "deliveryFailed" : d.status === "delivered" ? "deliveryDelivered" : "deliveryPending";
        li.append(`${d.event}: `, badge(d.status, t(key)));
        li.append(` (${t("attempts", { count: d.attempts })}${d.lastError ? `, ${d.lastError}` : ""})`);
        return li;
      }),
    );

    const closed = ticket.status === "closed";
    $("take-button").hidden = ticket.status !== "open";
    $("reply-form").hidden = closed;
    $("close-form").hidden = closed;
  }

  async function act(run, done) {
    showError("");
    try {
      const result = await run();
      announce(done(result));
      await Promise.all([loadTicket(state.ticketId, { quiet: true }), loadQueue({ quiet: true })]);
    } catch (err) {
      reportFailure(err);
      // Someone else may have acted meanwhile: show the ticket as it is now.
      if (state.ticketId) await loadTicket(state.ticketId, { quiet: true }).catch(() => {});
    }
  }

  // ── reports ───────────────────────────────────────────────────────────────

  async function loadUnanswered() {
    announce(t("loading"));
    const { groups } = await call("/unanswered");
    $("unanswered-rows").replaceChildren(
      ...groups.map((g) => {
        const tr = document.createElement("tr");
        cell(tr, g.question);
        cell(tr, String(g.count), "num");
        cell(tr, formatDate(g.lastAskedAt));
        cell(tr, g.languages.join(", "));
        cell(tr, g.candidates.join(", "));
        return tr;
      }),
    );
    $("unanswered-empty").hidden = groups.length > 0;
    announce("");
  }

  async function loadFeedback() {
    announce(t("loading"));
    const { articles } = await call("/feedback");
    $("feedback-rows").replaceChildren(
      ...articles.map((a) => {
        const tr = document.createElement("tr");
        cell(tr, a.title ? `${a.title} (${a.articleId})` : `${a.articleId} ${t("articleGone")}`);
        cell(tr, String(a.helpful), "num");
        cell(tr, String(a.notHelpful), "num");
        if (a.comments.length === 0) cell(tr, t("noComments"));
        else {
          const details = document.createElement("details");
          const summary = document.createElement("summary");
          summary.textContent = `${a.comments.length} ${t("colComments")}`;
          const ul = document.createElement("ul");
          for (const c of a.comments) {
            const li = document.createElement("li");
            li.textContent = `${c.helpful ? "👍" : "👎"} ${c.comment} (${formatDate(c.createdAt)}, ${c.language})`;
            ul.append(li);
          }
          details.append(summary, ul);
          cell(tr, details);
        }
        return tr;
      }),
    );
    $("feedback-empty").hidden = articles.length > 0;
    announce("");
  }

  async function loadAudit() {
    announce(t("loading"));
    const { entries } = await call("/audit?limit=200");
    $("audit-rows").replaceChildren(
      ...entries.map((e) => {
        const tr = document.createElement("tr");
        cell(tr, formatDate(e.at));
        cell(tr, e.actor.name);
        cell(tr, AUDIT_LABELS[e.action] ? t(AUDIT_LABELS[e.action]) : e.action);
        cell(tr, e.ticketId ? `L-${String(e.ticketId).padStart(4, "0")}` : "");
        cell(tr, e.detail ?? "");
        return tr;
      }),
    );
    $("audit-empty").hidden = entries.length > 0;
    announce("");
  }

  /** A plain link cannot carry the Authorization header, so the file comes through fetch. */
  async function download(path) {
    showError("");
    try {
      const res = await call(path, { raw: true });
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") || "")?.[1] || "lotse.csv";
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      announce(t("exported", { file: name }));
    } catch (err) {
      reportFailure(err);
    }
  }

  // ── wiring ────────────────────────────────────────────────────────────────

  function wire() {
    $("token-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const token = $("token-input").value.trim();
      if (!token) return;
      sessionStorage.setItem(TOKEN_KEY, token);
      $("token-input").value = "";
      start();
    });
    $("sign-out").addEventListener("click", () => {
      sessionStorage.removeItem(TOKEN_KEY);
      state.ticketId = null;
      $("ticket-detail").hidden = true;
      showSignIn();
    });

    const tabs = [...document.querySelectorAll("#view-tabs [role=tab]")];
    for (const tab of tabs) {
      tab.addEventListener("click", () => showView(tab.dataset.view).catch(reportFailure));
      // Arrow keys move between tabs, as the ARIA tabs pattern expects.
      tab.addEventListener("keydown", (e) => {
        const i = tabs.indexOf(tab);
        const next = e.key === "ArrowRight" ? tabs[(i + 1) % tabs.length] : e.key === "ArrowLeft" ? tabs[(i - 1 + tabs.length) % tabs.length] : e.key === "Home" ? tabs[0] : e.key === "End" ? tabs[tabs.length - 1] : null;
        if (!next) return;
        e.preventDefault();
        next.focus();
        next.click();
      });
    }

    for (const button of document.querySelectorAll("#status-filter button")) {
      button.addEventListener("click", () => {
        state.status = button.dataset.status;
        state.offset = 0;
        for (const b of document.querySelectorAll("#status-filter button")) b.setAttribute("aria-pressed", String(b === button));
        loadQueue().catch(reportFailure);
      });
    }
    $("search-form").addEventListener("submit", (e) => {
      e.preventDefault();
      state.q = $("search").value.trim();
      state.offset = 0;
      loadQueue().catch(reportFailure);
    });
    $("page-prev").addEventListener("click", () => {
      state.offset = Math.max(0, state.offset - PAGE_SIZE);
      loadQueue().catch(reportFailure);
    });
    $("page-next").addEventListener("click", () => {
      state.offset += PAGE_SIZE;
      loadQueue().catch(reportFailure);
    });

    $("take-button").addEventListener("click", () =>
      act(() => call(`/tickets/${state.ticketId}/take`, { method: "POST", body: {} }), ({ ticket }) => t("taken", { number: ticket.number })),
    );
    $("reply-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const text = $("reply-text").value.trim();
      if (!text) return;
      const number = state.ticket?.number;
      act(
        async () => {
          const result = await call(`/tickets/${state.ticketId}/reply`, { method: "POST", body: { text } });
          $("reply-text").value = "";
          return result;
        },
        (r) => t(r.delivered ? "replied" : "repliedUndelivered", { number }),
      );
    });
    $("close-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const note = $("close-note").value.trim();
      act(
        async () => {
          const result = await call(`/tickets/${state.ticketId}/close`, { method: "POST", body: note ? { note } : {} });
          $("close-note").value = "";
          return result;
        },
        ({ ticket }) => t("closed", { number: ticket.number }),
      );
    });
    $("unanswered-csv").addEventListener("click", () => download("/unanswered.csv"));
    $("feedback-csv").addEventListener("click", () => download("/feedback.csv"));
  }

  async function main() {
    setLanguage(navigator.language);
    wire();
    const context = await initTeams();
    if (context) {
      setLanguage(context.app?.locale);
      applyTheme(context.app?.theme);
    }
    if (!state.teams && !sessionStorage.getItem(TOKEN_KEY)) {
      showSignIn();
      return;
    }
    await start();
  }

  main().catch(reportFailure);
})();
