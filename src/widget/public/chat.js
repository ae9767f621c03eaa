// The chat page in the widget's frame: Web Chat (vendored, window.WebChat) over the Direct Line
// whose token POST /api/widget/token hands out. No build step; the server put the settings and
// every string into #lotse-config.
(function () {
  "use strict";
  // The server's per-response nonce, which Web Chat's <style> elements need under our CSP.
  var nonce = document.currentScript && document.currentScript.nonce;
  var cfg = JSON.parse(document.getElementById("lotse-config").textContent);
  var framed = window.parent !== window;
  var lang = cfg.lang;
  var STORE_KEY = "lotse.widget.conversation";
  var LANG_KEY = "lotse.widget.lang";
  /** Refresh needs a token that is still valid; leave a margin for the round trip. */
  var EXPIRY_MARGIN_MS = 30000;

  var el = {
    webchat: document.getElementById("lotse-webchat"),
    notice: document.getElementById("lotse-notice"),
    status: document.getElementById("lotse-status"),
    statusText: document.getElementById("lotse-status-text"),
    retry: document.getElementById("lotse-retry"),
    lang: document.getElementById("lotse-lang"),
    privacy: document.getElementById("lotse-privacy"),
  };

  if (framed) document.documentElement.classList.add("lotse-framed");

  // ---- colour: the partner's, made readable (WCAG AA) where text sits on it or it is text ----
  function rgb(hex) {
    var h = hex.slice(1);
    if (h.length === 3) h = h.replace(/./g, "$&$&");
    return [0, 2, 4].map(function (i) { return parseInt(h.substr(i, 2), 16); });
  }
  function luminance(c) {
    return c.reduce(function (sum, v, k) {
      v /= 255;
      v = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
      return sum + v * [0.2126, 0.7152, 0.0722][k];
    }, 0);
  }
  function contrast(a, b) {
    var x = luminance(a) + 0.05, y = luminance(b) + 0.05;
    return Math.max(x, y) / Math.min(x, y);
  }
  function hex(c) {
    return "#" + c.map(function (v) { return ("0" + Math.round(v).toString(16)).slice(-2); }).join("");
  }
  var WHITE = [255, 255, 255], INK = [27, 27, 27];
  var accent = rgb(cfg.color);
  var onAccent = contrast(accent, WHITE) >= contrast(accent, INK) ? WHITE : INK;
  // Links and the user's bubbles use the colour on white: darken it until it reads as text.
  var accentText = accent.slice();
  while (contrast(accentText, WHITE) < 4.5) accentText = accentText.map(function (v) { return v * 0.9; });
  var root = document.documentElement.style;
  root.setProperty("--lotse-accent", cfg.color);
  root.setProperty("--lotse-on-accent", hex(onAccent));
  root.setProperty("--lotse-accent-text", hex(accentText));

  // ---- language: page texts, Web Chat's locale and direction, the parent's launcher ----
  function setTexts() {
    var s = cfg.strings[lang];
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
    document.querySelectorAll("[data-text]").forEach(function (node) {
      node.textContent = (node.classList.contains("lotse-sr") ? " " : "") + s[node.getAttribute("data-text")];
    });
    var notice = document.querySelector("[data-paragraphs=notice]");
    notice.textContent = "";
    s.notice.forEach(function (text) {
      var p = document.createElement("p");
      p.textContent = text;
      notice.appendChild(p);
    });
    el.webchat.setAttribute("aria-label", s.chatLabel);
    el.privacy.href = cfg.privacyUrls[lang];
  }

  function switchLang(next) {
    if (!cfg.strings[next] || next === lang) return;
    lang = next;
    el.lang.value = lang;
    setTexts();
    if (webChat) render();
    var url = new URL(location.href);
    url.searchParams.set("lang", lang);
    history.replaceState(null, "", url);
    // The launcher on the partner's page speaks the same language.
    if (framed) window.parent.postMessage({ type: "lotse:lang", lang: lang }, "*");
  }

  el.lang.addEventListener("change", function () {
    switchLang(el.lang.value);
    // The visitor's choice outlasts a reload of the partner's page (whose data-lang is only a default).
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch (e) {
      // No storage: the choice lasts as long as the page.
    }
  });

  // Escape closes the panel; the parent page cannot see key presses inside this frame. Inside a
  // message (a card's buttons) Escape belongs to Web Chat: it returns to the transcript first.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || !framed || e.defaultPrevented) return;
    if (e.target.closest && e.target.closest(".webchat__basic-transcript__activity")) return;
    window.parent.postMessage({ type: "lotse:close" }, "*");
  });

  // ---- status line (only while getting a token, or when that failed) ----
  function status(key, canRetry) {
    el.status.classList.toggle("lotse-idle", !key);
    el.statusText.setAttribute("data-text", key || "connecting");
    el.statusText.textContent = key ? cfg.strings[lang][key] : "";
    el.retry.hidden = !canRetry;
  }
  el.retry.addEventListener("click", function () {
    location.reload();
  });

  // ---- the conversation, kept in this frame's localStorage to resume after a reload ----
  function load() {
    try {
      var s = JSON.parse(localStorage.getItem(STORE_KEY) || "null");
      if (s && typeof s.token === "string" && typeof s.conversationId === "string" && typeof s.domain === "string" && typeof s.expiresAt === "number") return s;
    } catch (e) {
      // Storage blocked or garbage: start fresh.
    }
    return null;
  }
  function save(s) {
    try {
      if (s) localStorage.setItem(STORE_KEY, JSON.stringify(s));
      else localStorage.removeItem(STORE_KEY);
    } catch (e) {
      // Without storage a reload starts a new conversation; nothing else changes.
    }
  }

  function postJson(url, token) {
    var headers = { "content-type": "application/json" };
    if (token) headers.authorization = "Bearer " + token;
    return fetch(url, { method: "POST", headers: headers, body: "{}", credentials: "omit", cache: "no-store" }).then(function (res) {
      if (!res.ok) throw new Error(url + " answered " + res.status);
      return res.json();
    });
  }

  function fresh() {
    return postJson(cfg.tokenUrl).then(function (t) {
      return {
        conversationId: t.conversationId, token: t.token, domain: t.domain, webSocket: t.webSocket !== false,
        expiresIn: t.expires_in, expiresAt: Date.now() + t.expires_in * 1000, resumed: false,
      };
    });
  }

  function resume(saved) {
    return postJson(saved.domain + "/tokens/refresh", saved.token).then(function (t) {
      if (t.conversationId !== saved.conversationId) throw new Error("refresh gave another conversation");
      return {
        conversationId: saved.conversationId, token: t.token, domain: saved.domain, webSocket: saved.webSocket !== false,
        expiresIn: t.expires_in, expiresAt: Date.now() + t.expires_in * 1000, resumed: true,
      };
    });
  }

  function session() {
    var saved = load();
    if (saved && saved.expiresAt > Date.now() + EXPIRY_MARGIN_MS) return resume(saved).catch(function () { return fresh(); });
    return fresh();
  }

  // ---- Web Chat ----
  var webChat = null; // { directLine, store, session }

  function hideNotice() {
    el.notice.hidden = true;
  }

  /** directlinejs refreshes its token itself; keep the newest one for the next reload. */
  function remember(s, directLine) {
    if (directLine.token && directLine.token !== s.token) {
      s.token = directLine.token;
      s.expiresAt = Date.now() + (s.expiresIn || 1800) * 1000;
    }
    save({ conversationId: s.conversationId, token: s.token, domain: s.domain, webSocket: s.webSocket, expiresIn: s.expiresIn, expiresAt: s.expiresAt });
  }

  /**
   * A question sent before Web Chat has connected: Web Chat ignores Enter and the send button
   * until then (the text just stays in the box), so on a slow line a visitor who types quickly
   * would wait for nothing. Remember the attempt and send the box once the connection is up.
   */
  var connected = false;
  var sendWhenConnected = false;
  function sendAttempt(e) {
    if (connected || !e.target.closest) return;
    var enter = e.type === "keydown" && e.key === "Enter" && !e.shiftKey && !e.isComposing && e.target.closest(".webchat__send-box");
    if (enter || (e.type === "click" && e.target.closest(".webchat__send-button"))) sendWhenConnected = true;
  }
  el.webchat.addEventListener("keydown", sendAttempt, true);
  el.webchat.addEventListener("click", sendAttempt, true);

  /**
   * Web Chat snaps a new answer's top to the top of the transcript (autoScrollSnapOnPage below)
   * by the order in which it first drew the activities. The first reply of a conversation
   * slips through: Web Chat draws the visitor's question at once, the welcome (the bot's reply
   * to that first message) is drawn after it but sorted above it, and Web Chat then snaps to the
   * welcome, which is already in view. On a desktop-sized panel the reply stays below the
   * fold; a "Meinten Sie …?" with its buttons shrinks the transcript further, so that only the
   * buttons show. So once the transcript has stopped moving, the replies to the last question
   * are brought into view: a tall answer from its top, as Web Chat does for every later
   * answer; short replies whole, with as much of the question above them as fits. Not when the
   * visitor has scrolled since asking and the question is out of view: they are not pulled back.
   */
  var visitorScrolled = false;
  // The transcript's length when the visitor last sent something: what follows are its replies
  // (a card's button sends without a bubble of the visitor's own).
  var rowsWhenSent = 0;
  function transcriptRows() {
    return Array.prototype.slice.call(el.webchat.querySelectorAll(".webchat__basic-transcript__activity"));
  }
  function noteVisitorScroll(e) {
    if (e.type === "keydown" && !/^(PageUp|PageDown|ArrowUp|ArrowDown|Home|End)$/.test(e.key)) return;
    if (e.target.closest && e.target.closest(".webchat__basic-transcript")) visitorScrolled = true;
  }
  ["wheel", "touchmove", "pointerdown", "keydown"].forEach(function (type) {
    el.webchat.addEventListener(type, noteVisitorScroll, { capture: true, passive: true });
  });

  function whenTranscriptAtRest(then) {
    var scroller = el.webchat.querySelector(".webchat__basic-transcript__scrollable");
    if (!scroller) return;
    var last = -1;
    var still = 0;
    var frames = 0;
    (function tick() {
      still = scroller.scrollTop === last ? still + 1 : 0;
      last = scroller.scrollTop;
      if (still >= 10 || ++frames > 180) then(scroller);
      else requestAnimationFrame(tick);
    })();
  }

  function bringAnswerIntoView(scroller) {
    var rows = transcriptRows();
    var asked = -1;
    rows.forEach(function (row, i) { if (row.querySelector(".webchat__bubble--from-user")) asked = i; });
    var from = Math.max(rowsWhenSent, asked + 1);
    if (asked < 0 || from >= rows.length) return;
    var view = scroller.getBoundingClientRect();
    var q = rows[asked].getBoundingClientRect();
    var first = rows[from].getBoundingClientRect();
    var last = rows[rows.length - 1].getBoundingClientRect();
    var questionInView = q.bottom > view.top && q.top < view.bottom;
    if (visitorScrolled && !questionInView) return;
    if (last.bottom <= view.bottom + 1 && first.top >= view.top - 1) return;
    // Replies taller than the view are read from their top; shorter ones end at the view's foot.
    var by = last.bottom - first.top > view.height ? first.top - view.top : last.bottom - view.bottom;
    var target = Math.max(0, Math.min(scroller.scrollTop + by, scroller.scrollHeight - scroller.clientHeight));
    if (Math.abs(target - scroller.scrollTop) > 8) scroller.scrollTo({ top: target, behavior: reducedMotion() ? "auto" : "smooth" });
  }

  function reducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function createStore(s) {
    connected = false;
    return window.WebChat.createStore({}, function (store) {
      return function (next) {
        return function (action) {
          if (action.type === "DIRECT_LINE/CONNECT_FULFILLED") {
            var result = next(action);
            connected = true;
            // Once this action has started Web Chat's sagas, which take the send.
            setTimeout(function () {
              if (!sendWhenConnected) return;
              sendWhenConnected = false;
              store.dispatch({ type: "WEB_CHAT/SUBMIT_SEND_BOX", payload: { method: "keyboard" } });
            }, 0);
            return result;
          }
          if (action.type === "DIRECT_LINE/DISCONNECT_PENDING") connected = false;
          if (action.type === "DIRECT_LINE/POST_ACTIVITY") {
            hideNotice();
            visitorScrolled = false;
            rowsWhenSent = transcriptRows().length;
            // The bot answers for the partner's audience (employers, volunteers, …).
            if (cfg.audience) {
              var activity = action.payload.activity;
              var channelData = Object.assign({}, activity.channelData, { audience: cfg.audience });
              action = Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: Object.assign({}, activity, { channelData: channelData }) }) });
            }
          } else if (action.type === "DIRECT_LINE/INCOMING_ACTIVITY") {
            var from = action.payload.activity.from;
            // A resumed conversation in which the visitor has written before.
            if (from && from.role === "user") hideNotice();
            else if (action.payload.activity.type === "message") requestAnimationFrame(function () { whenTranscriptAtRest(bringAnswerIntoView); });
          } else if (action.type === "DIRECT_LINE/CONNECT_REJECTED" && s.resumed) {
            // The saved conversation is gone (deleted after the retention period): start anew.
            // Forgetting it first makes the reload a fresh start, so this cannot loop.
            save(null);
            location.reload();
          }
          return next(action);
        };
      };
    });
  }

  var styleOptions = function () {
    var accent = hex(accentText);
    return {
      accent: accent,
      primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      backgroundColor: "#fff",
      rootHeight: "100%",
      rootWidth: "100%",
      bubbleBorderRadius: 10,
      bubbleFromUserBorderRadius: 10,
      bubbleBackground: "#f3f6f9",
      bubbleBorderColor: "#d0d7de",
      // Cards' subtle text ("Stand: …") and the timestamps: Web Chat's #767676 reads at only
      // 4.2:1 on the bubble's grey; this is 5.9:1 there (WCAG AA asks 4.5:1).
      subtle: "#57606a",
      bubbleFromUserBackground: accent,
      bubbleFromUserTextColor: "#fff",
      bubbleFromUserBorderColor: accent,
      // Cards use the width a phone has; the bubble starts small for short replies.
      bubbleMinWidth: 0,
      bubbleMaxWidth: 640,
      richCardWrapTitle: true,
      // One below the other, wrapped: the knowledge base's titles are long for a phone.
      suggestedActionLayout: "stacked",
      suggestedActionsStackedLayoutButtonTextWrap: true,
      sendBoxTextWrap: true,
      hideUploadButton: true,
      adaptiveCardsParserMaxVersion: "1.5",
      // A long answer is read from its top: scrolling for a new message stops when the first
      // one the visitor has not seen reaches the top of the transcript.
      autoScrollSnapOnPage: true,
      autoScrollSnapOnPageOffset: 0,
    };
  };

  function render() {
    window.WebChat.renderWebChat(
      {
        directLine: webChat.directLine,
        store: webChat.store,
        locale: cfg.locales[lang],
        dir: lang === "ar" ? "rtl" : "ltr",
        styleOptions: styleOptions(),
        nonce: nonce,
      },
      el.webchat,
    );
  }

  function keep() {
    if (webChat) remember(webChat.session, webChat.directLine);
  }
  setInterval(keep, 60000);
  addEventListener("pagehide", keep);

  function start() {
    if (!window.WebChat) {
      status("unavailable", true);
      return;
    }
    status("connecting", false);
    session().then(
      function (s) {
        var directLine = window.WebChat.createDirectLine({
          domain: s.domain,
          token: s.token,
          // Only for a resumed conversation: directlinejs then reconnects and replays it.
          conversationId: s.resumed ? s.conversationId : undefined,
          webSocket: s.webSocket,
        });
        webChat = { directLine: directLine, store: createStore(s), session: s };
        remember(s, directLine);
        render();
        status(null, false);
      },
      function () {
        status("unavailable", true);
      },
    );
  }

  setTexts();
  try {
    switchLang(localStorage.getItem(LANG_KEY));
  } catch (e) {
    // No storage: the partner's language.
  }
  start();
})();
