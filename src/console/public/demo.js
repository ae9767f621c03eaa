// Lotse demo chat: talks to the server's demo channel, which speaks Bot Framework to the bot.
// Cards are shown minimally — their text and their buttons; every text goes in as textContent.
"use strict";

(function () {
  const KEY = "lotse.demo.conversation";
  const STRINGS = {
    de: { title: "Demo-Chat", restart: "Neues Gespräch", log: "Gesprächsverlauf", message: "Ihre Nachricht", send: "Senden", you: "Sie", failed: "Das hat nicht geklappt: {message}", gone: "Das Gespräch ist abgelaufen; ein neues beginnt." },
    en: { title: "Demo chat", restart: "New conversation", log: "Conversation", message: "Your message", send: "Send", you: "You", failed: "That did not work: {message}", gone: "The conversation expired; a new one starts." },
  };
  const lang = /^de\b/i.test(navigator.language) ? "de" : "en";
  const t = (key, vars) => (STRINGS[lang][key] ?? STRINGS.de[key]).replace(/\{(\w+)\}/g, (_, k) => String(vars?.[k] ?? ""));
  const $ = (id) => document.getElementById(id);

  let conversation = sessionStorage.getItem(KEY);
  let watermark = 0;
  let polling = 0; // bumps on restart so an old poll loop ends

  function showError(text) {
    $("alert").textContent = text;
    $("alert").hidden = !text;
  }

  async function request(method, path, body) {
    const res = await fetch(path, { method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw Object.assign(new Error(json.message || res.statusText), { status: res.status });
    return json;
  }

  // ── rendering ─────────────────────────────────────────────────────────────

  function el(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (className) e.className = className;
    return e;
  }

  /**
   * The bot writes Markdown for Teams and Web Chat; the demo shows its common part — paragraphs,
   * "- " lists, **bold** and [links](https://…) — built as DOM nodes, never as HTML.
   */
  function markdown(text, into) {
    for (const block of String(text).split(/\n{2,}/)) {
      const lines = block.split("\n");
      if (lines.every((l) => /^\s*[-*] /.test(l))) {
        const ul = el("ul");
        for (const l of lines) inline(l.replace(/^\s*[-*] /, ""), ul.appendChild(el("li")));
        into.append(ul);
      } else inline(block, into.appendChild(el("p")));
    }
  }

  function inline(text, into) {
    const pattern = /\*\*(.+?)\*\*|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g;
    let last = 0;
    for (const m of text.matchAll(pattern)) {
      into.append(text.slice(last, m.index));
      if (m[1] !== undefined) into.append(el("strong", m[1]));
      else {
        const a = el("a", m[2]);
        a.href = m[3];
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        into.append(a);
      }
      last = m.index + m[0].length;
    }
    into.append(text.slice(last));
  }

  function sendValue(value) {
    send({ value }).catch((err) => showError(t("failed", { message: err.message })));
  }

  /** Adaptive Card, minimally: TextBlocks, inputs, and actions as plain buttons. */
  function renderCard(card, container) {
    const inputs = [];
    const walk = (items, into) => {
      for (const item of items || []) {
        if (item.type === "TextBlock") {
          if (item.weight === "Bolder" || item.size === "Large") into.append(el("h3", item.text));
          else markdown(item.text, into);
        }
        else if (item.type === "Container" || item.type === "Column") walk(item.items, into);
        else if (item.type === "ColumnSet") for (const col of item.columns || []) walk(col.items, into);
        else if (item.type === "FactSet") for (const f of item.facts || []) into.append(el("p", `${f.title}: ${f.value}`));
        else if (item.type === "ActionSet") into.append(actions(item.actions));
        else if (item.type === "Input.Text" || item.type === "Input.ChoiceSet") {
          const id = `in-${Math.random().toString(36).slice(2)}`;
          const label = el("label", item.label || item.placeholder || item.id);
          label.htmlFor = id;
          let input;
          if (item.type === "Input.ChoiceSet") {
            input = document.createElement("select");
            for (const c of item.choices || []) {
              const o = el("option", c.title);
              o.value = c.value;
              input.append(o);
            }
            if (item.value) input.value = item.value;
          } else {
            input = document.createElement(item.isMultiline ? "textarea" : "input");
            if (item.maxLength) input.maxLength = item.maxLength;
          }
          input.id = id;
          inputs.push({ name: item.id, input });
          into.append(label, input);
        }
      }
    };
    const actions = (list) => {
      const row = el("div", undefined, "choices");
      for (const a of list || []) {
        if (a.type === "Action.OpenUrl") {
          const link = el("a", a.title);
          link.href = a.url;
          link.target = "_blank";
          link.rel = "noopener noreferrer";
          row.append(link);
        } else if (a.type === "Action.Submit") {
          const b = el("button", a.title);
          b.type = "button";
          b.addEventListener("click", () => {
            const values = Object.fromEntries(inputs.map((i) => [i.name, i.input.value]).filter(([, v]) => v !== ""));
            sendValue({ ...values, ...(typeof a.data === "object" ? a.data : {}) });
          });
          row.append(b);
        } else if (a.type === "Action.ShowCard") {
          const b = el("button", a.title, "secondary");
          b.type = "button";
          const inner = el("div", undefined, "attachment");
          inner.hidden = true;
          renderCard(a.card, inner);
          b.setAttribute("aria-expanded", "false");
          b.addEventListener("click", () => {
            inner.hidden = !inner.hidden;
            b.setAttribute("aria-expanded", String(!inner.hidden));
          });
          row.append(b, inner);
        }
      }
      return row;
    };
    walk(card.body, container);
    if (card.actions?.length) container.append(actions(card.actions));
  }

  function renderHero(card, container) {
    if (card.title) container.append(el("h3", card.title));
    if (card.text) container.append(el("p", card.text));
    const row = el("div", undefined, "choices");
    for (const b of card.buttons || []) row.append(choiceButton(b));
    container.append(row);
  }

  function choiceButton(action) {
    const b = el("button", action.title || String(action.value));
    b.type = "button";
    b.className = "secondary";
    b.addEventListener("click", () => {
      if (action.type === "imBack") send({ text: String(action.value) });
      else if (action.type === "messageBack") send({ ...(action.text ? { text: action.text } : {}), ...(action.value ? { value: action.value } : {}) });
      else if (action.type === "openUrl") window.open(action.value, "_blank", "noopener");
      else sendValue(typeof action.value === "object" ? action.value : { value: action.value });
    });
    return b;
  }

  function render(activity) {
    if (activity.type !== "message") return;
    const fromUser = activity.from?.role === "user";
    const li = el("li", undefined, fromUser ? "from-user" : "from-bot");
    li.dataset.id = activity.id;
    if (activity.text) {
      if (fromUser) li.append(el("p", activity.text));
      else markdown(activity.text, li);
    }
    if (activity.locale && /^ar\b/.test(activity.locale)) li.dir = "rtl";
    for (const a of activity.attachments || []) {
      const box = el("div", undefined, "attachment");
      if (a.contentType === "application/vnd.microsoft.card.adaptive") renderCard(a.content, box);
      else if (a.contentType === "application/vnd.microsoft.card.hero" || a.contentType === "application/vnd.microsoft.card.thumbnail") renderHero(a.content, box);
      else continue;
      li.append(box);
    }
    const suggested = activity.suggestedActions?.actions || [];
    if (suggested.length) {
      const row = el("div", undefined, "choices");
      for (const action of suggested) row.append(choiceButton(action));
      li.append(row);
    }
    const old = activity.replaces && document.querySelector(`#log li[data-id="${CSS.escape(activity.replaces)}"]`);
    if (old) old.replaceWith(li);
    else $("log").append(li);
    li.scrollIntoView({ block: "end" });
  }

  // ── conversation ──────────────────────────────────────────────────────────

  async function begin() {
    polling++;
    $("log").replaceChildren();
    watermark = 0;
    const started = await request("POST", "/demo/api/conversations", { locale: navigator.language || "de-DE" });
    conversation = started.conversation;
    sessionStorage.setItem(KEY, conversation);
    poll(polling);
  }

  async function send(body) {
    showError("");
    try {
      await request("POST", `/demo/api/conversations/${conversation}/activities`, body);
    } catch (err) {
      if (err.status === 404) {
        showError(t("gone"));
        await begin();
        return;
      }
      throw err;
    }
  }

  async function poll(generation) {
    while (generation === polling) {
      try {
        const page = await request("GET", `/demo/api/conversations/${conversation}/activities?watermark=${watermark}&wait=20`);
        if (generation !== polling) return;
        for (const activity of page.activities) render(activity);
        watermark = page.watermark;
      } catch (err) {
        if (err.status === 404) {
          await begin();
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
  }

  function main() {
    document.documentElement.lang = lang;
    for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
    for (const e of document.querySelectorAll("[data-i18n-aria-label]")) e.setAttribute("aria-label", t(e.dataset.i18nAriaLabel));
    $("send-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const text = $("message").value.trim();
      if (!text) return;
      $("message").value = "";
      send({ text }).catch((err) => showError(t("failed", { message: err.message })));
    });
    $("restart").addEventListener("click", () => begin().catch((err) => showError(t("failed", { message: err.message }))));
    if (conversation) poll(++polling);
    else begin().catch((err) => showError(t("failed", { message: err.message })));
    $("message").focus();
  }

  main();
})();
