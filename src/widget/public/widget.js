/*! Lotse web widget loader: a launcher button that opens the chat in a frame. */
// Runs on partner websites, so: no dependencies, no globals but one flag, everything inside a
// shadow root (partner CSS cannot reach in, ours cannot leak out), and nothing is fetched from
// Lotse until the visitor opens the panel. The server fills in SETTINGS (strings, defaults).
(function () {
  "use strict";
  var SETTINGS = __LOTSE_SETTINGS__;
  if (window.__lotseWidget) return;
  window.__lotseWidget = true;

  var script = document.currentScript || document.querySelector('script[src*="/widget.js"]');
  if (!script) return;
  var host = new URL(script.src, location.href).origin;
  var data = script.dataset;
  var pick = function (value, allowed, fallback) {
    return allowed.indexOf(value) >= 0 ? value : fallback;
  };
  var lang = pick(data.lang, SETTINGS.langs, "de");
  var audience = pick(data.audience, SETTINGS.audiences, "");
  var title = (data.title || "").slice(0, 60);
  var color = /^#(?:[0-9a-f]{3}){1,2}$/i.test(data.color || "") ? data.color : SETTINGS.color;
  var side = data.position === "left" ? "left" : "right";

  // WCAG contrast: white or near-black text, whichever reads better on the partner's colour.
  function luminance(hex) {
    var h = hex.slice(1);
    if (h.length === 3) h = h.replace(/./g, "$&$&");
    return [0, 2, 4].reduce(function (sum, i, k) {
      var c = parseInt(h.substr(i, 2), 16) / 255;
      c = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
      return sum + c * [0.2126, 0.7152, 0.0722][k];
    }, 0);
  }
  var onColor = (1.05 / (luminance(color) + 0.05) >= (luminance(color) + 0.05) / 0.061) ? "#fff" : "#1b1b1b";

  var css =
    ":host{all:initial}" +
    "*{box-sizing:border-box}" +
    ".l,.p{position:fixed;z-index:2147483000;" + side + ":20px;font:600 16px/1.2 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}" +
    ".l{bottom:20px;display:flex;align-items:center;gap:8px;min-height:48px;padding:12px 18px;border:2px solid transparent;border-radius:24px;background:var(--c);color:var(--o);cursor:pointer;box-shadow:0 2px 10px rgba(0,0,0,.3)}" +
    ".l svg{width:22px;height:22px;fill:currentColor}" +
    ".l:focus-visible,.x:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px;box-shadow:0 0 0 6px #fff}" +
    ".p{bottom:84px;width:400px;height:min(680px,calc(100vh - 110px));border:1px solid #767676;border-radius:12px;overflow:hidden;background:#fff;box-shadow:0 6px 28px rgba(0,0,0,.35);transition:opacity .15s,transform .15s}" +
    ".p[hidden]{display:none}" +
    ".p.o{opacity:0;transform:translateY(12px)}" +
    "iframe{display:block;width:100%;height:100%;border:0}" +
    ".x{position:absolute;top:6px;width:44px;height:44px;border:2px solid transparent;border-radius:8px;background:transparent;color:var(--o);font:400 28px/1 system-ui,sans-serif;cursor:pointer}" +
    ".x:hover{background:rgba(127,127,127,.25)}" +
    ":host([dir=ltr]) .x{right:6px}:host([dir=rtl]) .x{left:6px}" +
    "@media (max-width:480px){.p{inset:0;width:auto;height:auto;border:0;border-radius:0}.open .l{display:none}}" +
    "@media (prefers-reduced-motion:reduce){.p{transition:none}}" +
    "@media (forced-colors:active){.p{border:2px solid CanvasText}}";

  var root, launcher, label, panel, close, frame, wrap, edges;
  // Full screen (phones) the panel is modal: Tab stays inside it instead of reaching the
  // partner's links hidden behind it.
  var fullScreen = window.matchMedia ? window.matchMedia("(max-width:480px)") : { matches: false };

  function applyModal() {
    var modal = fullScreen.matches && !panel.hidden;
    if (modal) panel.setAttribute("aria-modal", "true");
    else panel.removeAttribute("aria-modal");
    for (var i = 0; i < edges.length; i++) edges[i].tabIndex = modal ? 0 : -1;
  }

  function strings() {
    return SETTINGS.strings[lang];
  }

  function applyLang() {
    var s = strings();
    root.host.setAttribute("dir", lang === "ar" ? "rtl" : "ltr");
    root.host.setAttribute("lang", lang);
    label.textContent = s.launcher;
    panel.setAttribute("aria-label", title || s.frameTitle);
    close.setAttribute("aria-label", s.close);
    close.title = s.close;
    if (frame) frame.title = s.frameTitle;
  }

  function chatUrl() {
    var q = "lang=" + lang + (audience ? "&audience=" + audience : "") + (title ? "&title=" + encodeURIComponent(title) : "") + "&color=" + encodeURIComponent(color);
    return host + "/widget/chat?" + q;
  }

  function open() {
    if (!frame) {
      // First open: only now does the browser load the chat page and Web Chat.
      frame = document.createElement("iframe");
      frame.src = chatUrl();
      frame.title = strings().frameTitle;
      frame.setAttribute("referrerpolicy", "no-referrer");
      // Focus given to a frame that is still loading stays on the element and does not reach
      // the chat page: once the page is there, hand it over, unless the visitor moved on.
      frame.addEventListener("load", function () {
        if (!panel.hidden && root.activeElement === frame) frame.contentWindow.focus();
      });
      panel.insertBefore(frame, edges[1]);
    }
    panel.hidden = false;
    wrap.classList.add("open");
    launcher.setAttribute("aria-expanded", "true");
    applyModal();
    requestAnimationFrame(function () {
      panel.classList.remove("o");
    });
    frame.focus();
  }

  function shut() {
    if (panel.hidden) return;
    panel.hidden = true;
    panel.classList.add("o");
    wrap.classList.remove("open");
    launcher.setAttribute("aria-expanded", "false");
    applyModal();
    launcher.focus();
  }

  function mount() {
    var el = document.createElement("lotse-widget");
    // Partner CSS could still hide or move the host element itself.
    el.style.setProperty("all", "initial", "important");
    el.style.setProperty("display", "block", "important");
    root = el.attachShadow({ mode: "open" });
    root.innerHTML =
      '<div class="w">' +
      '<button class="l" type="button" aria-expanded="false" aria-controls="lotse-panel">' +
      '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>' +
      "<span></span></button>" +
      '<div class="p o" id="lotse-panel" role="dialog" hidden><span class="e" tabindex="-1"></span><button class="x" type="button">\u00d7</button><span class="e" tabindex="-1"></span></div>' +
      "</div>";
    // A constructed style sheet is not inline CSS, so partners need no style-src exception
    // for it; browsers without one (before 2023) get a <style> element.
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      var style = document.createElement("style");
      style.textContent = css;
      root.appendChild(style);
    }
    wrap = root.querySelector(".w");
    wrap.style.setProperty("--c", color);
    wrap.style.setProperty("--o", onColor);
    launcher = root.querySelector(".l");
    label = root.querySelector(".l span");
    panel = root.querySelector(".p");
    close = root.querySelector(".x");
    edges = root.querySelectorAll(".e");
    // Tabbing past the chat comes back to the close button, and backwards past it to the chat.
    edges[1].addEventListener("focus", function () {
      close.focus();
    });
    edges[0].addEventListener("focus", function () {
      if (frame) frame.contentWindow.focus();
    });
    if (fullScreen.addEventListener) fullScreen.addEventListener("change", applyModal);
    applyLang();
    launcher.addEventListener("click", function () {
      if (panel.hidden) open();
      else shut();
    });
    close.addEventListener("click", shut);
    panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape") shut();
    });
    // The chat page's Escape key and language picker, from our own frame only.
    window.addEventListener("message", function (e) {
      if (!frame || e.origin !== host || e.source !== frame.contentWindow || !e.data) return;
      if (e.data.type === "lotse:close") shut();
      if (e.data.type === "lotse:lang" && SETTINGS.langs.indexOf(e.data.lang) >= 0) {
        lang = e.data.lang;
        applyLang();
      }
    });
    document.body.appendChild(el);
  }

  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
