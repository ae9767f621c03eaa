/**
 * The article editor: a form for every field of an article file, validation while typing (the
 * server's zod schema and content:check's cross checks, debounced), the live answer card, and
 * the draft's life: save (optimistic locking), submit for review, approve or reject (someone
 * other than the author), discard. Side panels: Probefragen and the version history.
 *
 * An article opened from the list is not a draft yet: the first save starts one, so looking at
 * an article never leaves a draft behind.
 */
import { ApiError, call, errorText } from "../api.js";
import { $, announce, badge, el, reportFailure, showError } from "../dom.js";
import { formatDate, lang, t, type MessageKey } from "../i18n.js";
import { state } from "../state.js";
import type { ApproveResult, ArticleDetail, ArticleRow, Draft, DraftArticle, DraftText, FieldProblem, ValidateResult } from "../curation.js";
import { fieldId, FieldRegistry, lines, wrapControl } from "./fields.js";
import { renderCard } from "./preview.js";
import { historyPanel } from "./history.js";
import { trialPanel } from "./trial.js";

const VALIDATE_DELAY_MS = 400;
// The article schema's enums (src/knowledge/schema.ts); the server judges every value anyway.
const AREAS = ["aufenthalt-arbeit", "foerderung", "ausbildung", "sprache", "anerkennung", "sozialleistungen", "ehrenamt", "zustaendigkeiten"] as const;
const AUDIENCES = ["employer", "chamber", "association", "volunteer"] as const;
const TRANSLATED = ["en", "uk", "ar"] as const;
type Translated = (typeof TRANSLATED)[number];

interface Editing {
  /** Null until the first save of an article opened from the list (or of a new one). */
  draft: Draft | null;
  articleId: string | null;
  /** What was loaded, so fields the form does not show (source_hash …) survive a save. */
  base: DraftArticle;
  dirty: boolean;
  problems: FieldProblem[];
  previewLang: "de" | "en";
  /** The German text's hash now (see germanHash) and the blocks whose recorded hash differs. */
  germanHash: string | null;
  stale: Set<Translated>;
  timer?: ReturnType<typeof setTimeout>;
  abort?: AbortController;
}

let editing: Editing | null = null;
const registry = new FieldRegistry();

/** The article list the editor returns to, given by ./knowledge.js (which opens the editor). */
export interface ArticleList {
  backToList(): Promise<void>;
  knownArticles(): ArticleRow[];
}
let list: ArticleList = { backToList: async () => {}, knownArticles: () => [] };

export function wireEditor(articleList: ArticleList): void {
  list = articleList;
}

export function editorOpen(): boolean {
  return editing !== null;
}

export function closeEditor(): void {
  if (editing) {
    clearTimeout(editing.timer);
    editing.abort?.abort();
  }
  editing = null;
  registry.clear();
  $("kb-editor").hidden = true;
  $("kb-editor").replaceChildren();
}

// ── opening ─────────────────────────────────────────────────────────────────

export async function openDraft(draft: Draft): Promise<void> {
  show({ draft, articleId: draft.articleId, base: draft.draft });
}

export async function openArticle(id: string): Promise<void> {
  const detail = await call<ArticleDetail>(`/articles/${encodeURIComponent(id)}`);
  show({ draft: null, articleId: id, base: { ...(detail.article as DraftArticle), id: detail.id, area: detail.area } });
}

export function openNew(): void {
  show({ draft: null, articleId: null, base: { audiences: [], review_every_months: 12, reviewed: new Date().toISOString().slice(0, 10) } });
}

function show(start: Pick<Editing, "draft" | "articleId" | "base">): void {
  closeEditor();
  editing = { ...start, base: structuredClone(start.base), dirty: false, problems: start.draft?.problems ?? [], previewLang: lang(), germanHash: null, stale: new Set() };
  $("kb-list").hidden = true;
  const root = $("kb-editor");
  root.hidden = false;
  root.replaceChildren(...render(editing));
  fill(editing.base);
  showProblems(editing.problems);
  updateActions();
  $("ed-title").focus();
  void refresh();
}

// ── the form ────────────────────────────────────────────────────────────────

interface TextOptions {
  hint?: MessageKey;
  lang?: string;
  dir?: "rtl";
  /** Names the field in the problem summary before its label: the language, the source's number. */
  group?: string;
}

const named = (label: MessageKey, group?: string) => (group ? `${group} – ${t(label)}` : undefined);

function textInput(path: string, label: MessageKey, options: TextOptions & { type?: string; maxlength?: number } = {}): HTMLDivElement {
  const input = el("input", { type: options.type ?? "text", maxlength: options.maxlength ?? 2000, autocomplete: "off" });
  return wrapControl(registry, input, { path, label: t(label), name: named(label, options.group), hint: options.hint && t(options.hint), lang: options.lang, dir: options.dir, required: true });
}

function textArea(path: string, label: MessageKey, options: TextOptions & { rows?: number } = {}): HTMLDivElement {
  const area = el("textarea", { rows: options.rows ?? 3, maxlength: 20000, spellcheck: "true" });
  return wrapControl(registry, area, { path, label: t(label), name: named(label, options.group), hint: options.hint && t(options.hint), lang: options.lang, dir: options.dir, required: true });
}

function fieldset(legend: string, ...children: (Node | null)[]): HTMLFieldSetElement {
  return el("fieldset", {}, el("legend", {}, legend), ...children);
}

function textBlock(code: "de" | "en"): HTMLFieldSetElement {
  const group = t(code === "de" ? "langDe" : "langEn");
  return fieldset(
    group,
    textInput(`${code}.title`, "fTitle", { lang: code, maxlength: 400, group }),
    textArea(`${code}.summary`, "fSummary", { lang: code, hint: "fSummaryHint", rows: 3, group }),
    textArea(`${code}.answer`, "fAnswer", { lang: code, hint: "fAnswerHint", rows: 10, group }),
    textArea(`${code}.questions`, "fQuestions", { lang: code, hint: "onePerLine", rows: 5, group }),
    textArea(`${code}.keywords`, "fKeywords", { lang: code, hint: "onePerLine", rows: 3, group }),
    code === "en" ? reviewedBox("en") : null,
  );
}

/** "Übersetzung geprüft": shown while the block's recorded German hash differs from the German text now. */
function reviewedBox(block: Translated): HTMLDivElement {
  const id = `f-${block}-source-hash`;
  const box = el("input", { type: "checkbox", id, "data-block": block, "aria-describedby": `${id}-note` });
  const error = el("p", { class: "field-error", id: `${id}-error`, hidden: true });
  // Problems about the recorded hash (stale, missing) appear here; checking the box answers them.
  registry.add({ path: `${block}.source_hash`, label: `${t(BLOCK_NAMES[block])}: ${t("translationChecked")}`, control: box, error, describedBy: [`${id}-note`] });
  return el(
    "div",
    { class: "field checkbox stale-check", id: `${id}-box`, hidden: true },
    el("p", { class: "warn small", id: `${id}-note` }, t("translationStaleNote")),
    box,
    el("label", { for: id }, t("translationChecked")),
    error,
  );
}

const BLOCK_NAMES: Record<Translated, MessageKey> = { en: "langEn", uk: "langUk", ar: "langAr" };

function checkboxGroup(path: string, legend: MessageKey, values: readonly string[], labelOf: (v: string) => string): HTMLFieldSetElement {
  const id = fieldId(path);
  const error = el("p", { class: "field-error", id: `${id}-error`, hidden: true });
  const group = el(
    "fieldset",
    { id, class: "checks", "data-path": path, tabindex: -1 },
    el("legend", {}, t(legend)),
    ...values.map((v) => el("div", { class: "checkbox" }, el("input", { type: "checkbox", id: `${id}-${v}`, value: v, name: path }), el("label", { for: `${id}-${v}` }, labelOf(v)))),
    error,
  );
  registry.add({ path, label: t(legend), control: group, error, describedBy: [] });
  return group;
}

function multiSelect(path: string, label: MessageKey, options: { value: string; label: string }[]): HTMLDivElement {
  const select = el("select", { multiple: true, size: Math.min(8, Math.max(3, options.length)) }, ...options.map((o) => el("option", { value: o.value }, o.label)));
  return wrapControl(registry, select, { path, label: t(label), hint: t("multiSelectHint") });
}

function sourceRow(index: number, value: { title?: string; url?: string } = {}): HTMLDivElement {
  const group = t("sourceN", { n: index + 1 });
  const title = textInput(`sources[${index}].title`, "fSourceTitle", { maxlength: 400, group });
  const url = textInput(`sources[${index}].url`, "fSourceUrl", { type: "url", maxlength: 2000, group });
  (title.querySelector("input") as HTMLInputElement).value = value.title ?? "";
  (url.querySelector("input") as HTMLInputElement).value = value.url ?? "";
  const remove = el("button", { type: "button", class: "secondary small", "aria-label": t("removeSourceN", { n: index + 1 }) }, t("removeSource"));
  remove.addEventListener("click", () => {
    const all = currentSources();
    all.splice(index, 1);
    renderSources(all);
    changed();
    ($("sources-add") as HTMLButtonElement).focus();
  });
  return el("div", { class: "source-row", role: "group", "aria-label": t("sourceN", { n: index + 1 }) }, title, url, remove);
}

function currentSources(): { title: string; url: string }[] {
  return [...document.querySelectorAll<HTMLDivElement>("#sources-rows .source-row")].map((row) => {
    const [title, url] = [...row.querySelectorAll("input")];
    return { title: title!.value.trim(), url: url!.value.trim() };
  });
}

function renderSources(sources: { title?: string; url?: string }[]): void {
  registry.remove("sources");
  $("sources-rows").replaceChildren(...sources.map((s, i) => sourceRow(i, s)));
}

function render(e: Editing): Node[] {
  const draft = e.draft;
  const title = draft ? (draft.draft.de?.title ?? draft.articleId ?? t("newArticle")) : (e.base.de?.title ?? e.articleId ?? t("newArticle"));
  const back = el("button", { type: "button", class: "secondary" }, t("backToList"));
  back.addEventListener("click", () => void leave());

  const related = list.knownArticles()
    .filter((a) => a.id !== e.articleId)
    .map((a) => ({ value: a.id, label: `${a.title} (${a.id})` }));
  for (const id of e.base.related ?? []) if (!related.some((o) => o.value === id)) related.push({ value: id, label: id });
  const contacts = (e.base.contacts ?? []).map((id) => ({ value: id, label: id }));

  const form = el(
    "form",
    { id: "ed-form", novalidate: true, "aria-labelledby": "ed-title" },
    fieldset(
      t("general"),
      textInput("id", "fId", { hint: "fIdHint", maxlength: 120 }),
      wrapControl(registry, el("select", {}, el("option", { value: "" }, t("chooseArea")), ...AREAS.map((a) => el("option", { value: a }, a))), { path: "area", label: t("fArea"), required: true }),
      checkboxGroup("audiences", "fAudiences", AUDIENCES, (a) => t(`aud_${a}` as MessageKey)),
      textInput("owner", "fOwner", { maxlength: 200 }),
      textInput("reviewed", "fReviewed", { type: "date", hint: "fReviewedHint" }),
      (() => {
        const box = textInput("review_every_months", "fReviewEvery", { type: "number", hint: "fReviewEveryHint" });
        const input = box.querySelector("input")!;
        input.min = "1";
        input.max = "36";
        input.inputMode = "numeric";
        input.placeholder = t("fReviewEveryDefault");
        return box;
      })(),
    ),
    textBlock("de"),
    textBlock("en"),
    fieldset(
      t("otherLanguages"),
      textArea("uk.questions", "fQuestionsUk", { lang: "uk", hint: "onePerLine", rows: 4 }),
      reviewedBox("uk"),
      textArea("ar.questions", "fQuestionsAr", { lang: "ar", dir: "rtl", hint: "onePerLine", rows: 4 }),
      reviewedBox("ar"),
    ),
    fieldset(t("legalAndSources"), textArea("legal", "fLegal", { hint: "onePerLine", rows: 3 }), el("div", { id: "sources-rows" }), el("button", { type: "button", class: "secondary small", id: "sources-add" }, t("addSource"))),
    fieldset(t("links"), multiSelect("contacts", "fContacts", contacts), multiSelect("related", "fRelated", related)),
  );
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void save();
  });
  form.querySelector<HTMLButtonElement>("#sources-add")!.addEventListener("click", () => {
    const all = currentSources();
    all.push({ title: "", url: "" });
    renderSources(all);
    changed();
    document.querySelector<HTMLInputElement>(`#${fieldId(`sources[${all.length - 1}].title`)}`)?.focus();
  });

  const button = (id: string, label: MessageKey, run: () => Promise<void>, secondary = false) => {
    const b = el("button", { type: "button", id, class: secondary ? "secondary" : null }, t(label));
    b.addEventListener("click", () => void run().catch(reportFailure));
    return b;
  };
  const rejectComment = el("textarea", { id: "ed-reject-comment", rows: 2, maxlength: 2000 });
  const actions = el(
    "div",
    { class: "editor-actions", role: "group", "aria-label": t("draftActions") },
    button("ed-save", "save", save),
    button("ed-submit", "submitReview", submit),
    button("ed-approve", "approve", approve),
    el("details", { id: "ed-reject-box" }, el("summary", {}, t("reject")), el("label", { for: "ed-reject-comment" }, t("rejectComment")), rejectComment, button("ed-reject", "rejectConfirm", reject, true)),
    el("details", { id: "ed-discard-box" }, el("summary", {}, t("discard")), el("p", {}, t("discardConfirmText")), button("ed-discard", "discardConfirm", discard, true)),
  );

  const previewToggle = el(
    "div",
    { class: "segmented", role: "group", "aria-label": t("previewLanguage") },
    ...(["de", "en"] as const).map((code) => {
      const b = el("button", { type: "button", "data-lang": code, "aria-pressed": String(e.previewLang === code) }, t(code === "de" ? "langDe" : "langEn"));
      b.addEventListener("click", () => {
        if (!editing) return;
        editing.previewLang = code;
        for (const other of b.parentElement!.querySelectorAll("button")) other.setAttribute("aria-pressed", String(other === b));
        void refreshPreview();
      });
      return b;
    }),
  );

  return [
    el(
      "div",
      { class: "editor-head" },
      back,
      el("h2", { id: "ed-title", tabindex: -1 }, title),
      el("p", { id: "ed-meta", class: "meta-line" }),
    ),
    el("div", { id: "ed-notice", class: "warn", hidden: true }),
    el("div", { id: "ed-summary", class: "error-summary", hidden: true, tabindex: -1, role: "region", "aria-labelledby": "ed-summary-title" }, el("h3", { id: "ed-summary-title" }), el("ul", { id: "ed-summary-list" })),
    actions,
    el(
      "div",
      { class: "editor-grid" },
      form,
      el(
        "div",
        { class: "editor-side" },
        el(
          "section",
          { class: "card", "aria-labelledby": "preview-title" },
          el("h3", { id: "preview-title" }, t("preview")),
          previewToggle,
          el("p", { id: "preview-status", class: "hint", role: "status" }),
          el("div", { id: "preview-card", class: "preview-card", lang: e.previewLang }),
        ),
        trialPanel({ draftId: () => editing?.draft?.id ?? null, ensureSaved }),
        e.articleId ? historyPanel(e.articleId, openDraft) : null,
      ),
    ),
  ];
}

// ── reading and writing the form ────────────────────────────────────────────

function control<T extends HTMLElement = HTMLInputElement>(path: string): T {
  return $<T>(fieldId(path));
}

function fill(d: DraftArticle): void {
  control("id").value = d.id ?? "";
  control<HTMLSelectElement>("area").value = d.area ?? "";
  for (const box of document.querySelectorAll<HTMLInputElement>(`#${fieldId("audiences")} input`)) box.checked = (d.audiences ?? []).includes(box.value);
  control("owner").value = d.owner ?? "";
  control("reviewed").value = d.reviewed ?? "";
  control("review_every_months").value = d.review_every_months === undefined ? "" : String(d.review_every_months);
  for (const code of ["de", "en"] as const) {
    const block = d[code] ?? {};
    control(`${code}.title`).value = block.title ?? "";
    control<HTMLTextAreaElement>(`${code}.summary`).value = block.summary ?? "";
    control<HTMLTextAreaElement>(`${code}.answer`).value = block.answer ?? "";
    control<HTMLTextAreaElement>(`${code}.questions`).value = (block.questions ?? []).join("\n");
    control<HTMLTextAreaElement>(`${code}.keywords`).value = (block.keywords ?? []).join("\n");
  }
  for (const code of ["uk", "ar"] as const) control<HTMLTextAreaElement>(`${code}.questions`).value = (d[code]?.questions ?? []).join("\n");
  control<HTMLTextAreaElement>("legal").value = (d.legal ?? []).join("\n");
  renderSources((d.sources ?? []).map((s) => ({ title: typeof s.title === "string" ? s.title : "", url: typeof s.url === "string" ? s.url : "" })));
  for (const path of ["contacts", "related"] as const) {
    const chosen = new Set(d[path] ?? []);
    for (const option of control<HTMLSelectElement>(path).options) option.selected = chosen.has(option.value);
  }
}

/** The draft as the form shows it; fields the form does not show are kept from what was loaded. */
function collect(): DraftArticle {
  const e = editing!;
  const d: DraftArticle = structuredClone(e.base);
  const text = (path: string) => control<HTMLInputElement | HTMLTextAreaElement>(path).value;
  const set = <K extends keyof DraftArticle>(key: K, value: DraftArticle[K] | undefined) => {
    if (value === undefined || value === "") delete d[key];
    else d[key] = value;
  };
  set("id", text("id").trim());
  set("area", control<HTMLSelectElement>("area").value);
  d.audiences = [...document.querySelectorAll<HTMLInputElement>(`#${fieldId("audiences")} input:checked`)].map((b) => b.value);
  set("owner", text("owner").trim());
  set("reviewed", text("reviewed").trim());
  const every = text("review_every_months").trim();
  set("review_every_months", every === "" ? undefined : Number(every));
  for (const code of ["de", "en"] as const) {
    const block: DraftText = { ...(d[code] ?? {}) };
    block.title = text(`${code}.title`);
    block.summary = text(`${code}.summary`);
    block.answer = text(`${code}.answer`);
    block.questions = lines(text(`${code}.questions`));
    block.keywords = lines(text(`${code}.keywords`));
    d[code] = block;
  }
  for (const code of ["uk", "ar"] as const) d[code] = { ...(d[code] ?? {}), questions: lines(text(`${code}.questions`)) };
  d.legal = lines(text("legal"));
  d.sources = currentSources();
  for (const path of ["contacts", "related"] as const) {
    // The order is content (related topics are offered in it) and a re-sorted list is a noisy diff:
    // keep the saved order, newly chosen ids go to the end.
    const chosen = [...control<HTMLSelectElement>(path).selectedOptions].map((o) => o.value);
    const kept = (d[path] ?? []).filter((id) => chosen.includes(id));
    d[path] = [...kept, ...chosen.filter((id) => !kept.includes(id))];
  }
  // A checked "Übersetzung geprüft" records that the translation follows the German text now.
  for (const block of TRANSLATED) {
    const box = document.getElementById(`f-${block}-source-hash`) as HTMLInputElement | null;
    if (box?.checked && e.germanHash && d[block]) d[block] = { ...d[block], source_hash: e.germanHash };
  }
  return d;
}

// ── validation, stale translations and preview while typing ─────────────────

function changed(): void {
  if (!editing) return;
  editing.dirty = true;
  updateActions();
  clearTimeout(editing.timer);
  editing.timer = setTimeout(() => void refresh(), VALIDATE_DELAY_MS);
}

/** The stored draft the checks run in the context of (which article it edits), when there is one. */
function context(): { draftId?: number } {
  return editing?.draft ? { draftId: editing.draft.id } : {};
}

async function refresh(): Promise<void> {
  const e = editing;
  if (!e) return;
  e.abort?.abort();
  e.abort = new AbortController();
  const signal = e.abort.signal;
  const draft = collect();
  await markStale(draft);
  try {
    const result = await call<ValidateResult>("/articles/validate", { method: "POST", body: { draft, ...context() }, signal });
    if (editing !== e) return;
    showProblems(result.problems);
    // A draft with errors in its own fields cannot become a card: say so instead of asking.
    if (result.problems.some((p) => p.severity === "error" && p.path !== "")) {
      $("preview-status").textContent = t("previewImpossible");
      return;
    }
    await refreshPreview(draft, signal);
  } catch (err) {
    reportFailure(err);
  }
}

async function refreshPreview(draft = collect(), signal?: AbortSignal): Promise<void> {
  const e = editing;
  if (!e) return;
  const status = $("preview-status");
  const target = $("preview-card");
  target.lang = e.previewLang;
  try {
    const { card } = await call<{ card: Record<string, unknown> }>("/articles/preview", { method: "POST", body: { draft, language: e.previewLang, ...context() }, signal });
    if (editing !== e) return;
    renderCard(target, card);
    status.textContent = "";
  } catch (err) {
    if (signal?.aborted || editing !== e) return;
    if (err instanceof ApiError && err.status === 422) status.textContent = t("previewImpossible");
    else status.textContent = t("failed", { message: errorText(err) });
  }
}

/** Same as germanHash in src/knowledge/review.ts: sha256 over the normalised German title, summary and answer, 12 hex digits. */
async function germanHash(d: DraftArticle): Promise<string | null> {
  if (!crypto.subtle) return null;
  const normalise = (s: unknown) => (typeof s === "string" ? s : "").normalize("NFC").replace(/\s+/gu, " ").trim();
  const text = [d.de?.title, d.de?.summary, d.de?.answer].map(normalise).join("\u0000");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("").slice(0, 12);
}

async function markStale(d: DraftArticle): Promise<void> {
  const e = editing;
  if (!e) return;
  const hash = await germanHash(d);
  if (editing !== e) return;
  e.germanHash = hash;
  for (const block of TRANSLATED) {
    const recorded = e.base[block]?.source_hash;
    const stale = hash !== null && typeof recorded === "string" && recorded !== hash;
    const box = document.getElementById(`f-${block}-source-hash-box`);
    // Once checked, the box stays until saved: unticking it is how a navigator takes it back.
    const checked = (document.getElementById(`f-${block}-source-hash`) as HTMLInputElement | null)?.checked;
    const flagged = e.problems.some((p) => p.path === `${block}.source_hash`);
    if (box) box.hidden = !stale && !checked && !flagged;
    const note = document.getElementById(`f-${block}-source-hash-note`);
    if (note) note.textContent = t(stale ? "translationStaleNote" : "translationUnstampedNote");
    if (stale) e.stale.add(block);
    else e.stale.delete(block);
  }
}

function problemText(problem: FieldProblem, fieldPath: string | undefined): string {
  // "en.questions[2]" on the questions box: say which line.
  const rest = fieldPath ? problem.path.slice(fieldPath.length) : "";
  const line = /^\[(\d+)\]/.exec(rest);
  const where = line ? `${t("lineN", { n: Number(line[1]) + 1 })}: ` : "";
  return `${where}${problem.severity === "warning" ? `${t("warning")}: ` : ""}${problem.message}`;
}

function showProblems(problems: FieldProblem[]): void {
  if (!editing) return;
  editing.problems = problems;
  const byField = new Map<string, string[]>();
  const summary: HTMLLIElement[] = [];
  for (const problem of problems) {
    const field = registry.find(problem.path);
    const text = problemText(problem, field?.path);
    if (field) byField.set(field.path, [...(byField.get(field.path) ?? []), text]);
    const target = field ? el("a", { href: `#${field.control.id}` }, `${field.label}: ${text}`) : el("span", {}, `${problem.path || t("wholeArticle")}: ${problem.message}`);
    if (field) {
      target.addEventListener("click", (ev) => {
        ev.preventDefault();
        field.control.focus();
        field.control.scrollIntoView({ block: "center" });
      });
    }
    summary.push(el("li", { class: problem.severity }, target));
  }
  for (const field of registry.all()) {
    const messages = byField.get(field.path);
    field.error.hidden = !messages;
    field.error.textContent = messages?.join(" · ") ?? "";
    const ids = messages ? [...field.describedBy, field.error.id] : field.describedBy;
    if (ids.length) field.control.setAttribute("aria-describedby", ids.join(" "));
    else field.control.removeAttribute("aria-describedby");
    if (messages) field.control.setAttribute("aria-invalid", "true");
    else field.control.removeAttribute("aria-invalid");
  }
  // A problem with a translation's recorded German text shows the box that records it anew.
  for (const block of TRANSLATED) {
    if (!problems.some((p) => p.path === `${block}.source_hash`)) continue;
    $(`f-${block}-source-hash-box`).hidden = false;
    if (!editing.stale.has(block)) $(`f-${block}-source-hash-note`).textContent = t("translationUnstampedNote");
  }
  const box = $("ed-summary");
  box.hidden = summary.length === 0;
  const errors = problems.filter((p) => p.severity === "error").length;
  $("ed-summary-title").textContent = t("problemsTitle", { errors, warnings: problems.length - errors });
  $("ed-summary-list").replaceChildren(...summary);
}

// ── draft actions ───────────────────────────────────────────────────────────

const STATUS_KEYS: Record<string, MessageKey> = { draft: "stDraft", review: "stReview", published: "stPublished", discarded: "stDiscarded" };

function updateActions(): void {
  const e = editing;
  if (!e) return;
  const d = e.draft;
  const open = !d || d.status === "draft" || d.status === "review";
  const author = d ? d.author.id === state.me?.id : true;
  const show = (id: string, visible: boolean) => ($(id).hidden = !visible);
  show("ed-save", open);
  show("ed-submit", open && (!d || d.status === "draft"));
  show("ed-approve", !!d && d.status === "review" && !author);
  show("ed-reject-box", !!d && d.status === "review" && !author);
  show("ed-discard-box", !!d && open);
  $<HTMLButtonElement>("ed-save").disabled = !e.dirty && !!d;
  const meta = $("ed-meta");
  meta.replaceChildren();
  if (d) {
    meta.append(badge(`st-${d.status}`, t(STATUS_KEYS[d.status] ?? "stDraft")), " ");
    meta.append(t("draftMeta", { author: d.author.name, revision: d.revision, when: formatDate(d.updatedAt) }));
    if (d.comment) meta.append(el("span", { class: "comment" }, ` — ${t("reviewComment")}: ${d.comment}`));
  } else meta.append(t(e.articleId ? "notADraftYet" : "newArticleHint"));
  if (e.dirty) meta.append(" ", el("span", { class: "unsaved" }, t("unsaved")));
}

function setDraft(draft: Draft): void {
  const e = editing!;
  e.draft = draft;
  e.articleId = draft.articleId ?? e.articleId;
  e.base = structuredClone(draft.draft);
  e.dirty = false;
  showProblems(draft.problems);
  updateActions();
}

/** Starts a draft for an article opened from the list, or for a new article. */
async function startDraft(): Promise<Draft> {
  const e = editing!;
  if (e.articleId) return call<Draft>("/drafts", { method: "POST", body: { articleId: e.articleId } });
  const questions = lines(control<HTMLTextAreaElement>("de.questions").value);
  if (questions.length === 0) throw new Error(t("newArticleNeedsQuestion"));
  return call<Draft>("/drafts", { method: "POST", body: { questions } });
}

async function save(): Promise<void> {
  const e = editing;
  if (!e) return;
  showError("");
  hideNotice();
  const body = collect();
  try {
    const draft = e.draft ?? (await startDraft());
    const saved = await call<Draft>(`/drafts/${draft.id}`, { method: "PUT", body: { revision: draft.revision, draft: body } });
    if (editing !== e) return;
    setDraft(saved);
    announce(t("draftSaved", { revision: saved.revision }));
  } catch (err) {
    if (err instanceof ApiError && err.code === "draft_conflict") return showConflict(err);
    throw err;
  }
}

/** Saves pending changes first: the server works on the saved draft. */
async function ensureSaved(): Promise<number | null> {
  if (!editing) return null;
  if (!editing.draft || editing.dirty) await save();
  return editing?.draft && !editing.dirty ? editing.draft.id : null;
}

function showConflict(err: ApiError): void {
  const notice = $("ed-notice");
  const reload = el("button", { type: "button" }, t("reloadDraft"));
  reload.addEventListener("click", () => {
    const id = editing?.draft?.id;
    if (id) void call<Draft>(`/drafts/${id}`).then(openDraft).catch(reportFailure);
  });
  notice.replaceChildren(el("p", { role: "alert" }, errorText(err)), el("p", {}, t("conflictHelp")), reload);
  notice.hidden = false;
  reload.focus();
}

function hideNotice(): void {
  $("ed-notice").hidden = true;
  $("ed-notice").replaceChildren();
}

async function submit(): Promise<void> {
  if ((await ensureSaved()) === null) return;
  const d = editing!.draft!;
  try {
    setDraft(await call<Draft>(`/drafts/${d.id}/submit`, { method: "POST", body: { revision: d.revision } }));
    announce(t("submitted"));
  } catch (err) {
    const problems = err instanceof ApiError ? (err.body.problems as FieldProblem[] | undefined) : undefined;
    if (problems) {
      showProblems(problems);
      $("ed-summary").focus();
    }
    throw err;
  }
}

async function approve(): Promise<void> {
  const d = editing?.draft;
  if (!d) return;
  const result = await call<ApproveResult>(`/drafts/${d.id}/approve`, { method: "POST", body: { revision: d.revision } });
  // The article as published now, with its history including the new version.
  if (result.draft.articleId) await openArticle(result.draft.articleId);
  else setDraft(result.draft);
  announce(t("published", { version: result.version.version }));
  if (!result.reload.ok) showError(t("publishedNotLoaded"));
}

async function reject(): Promise<void> {
  const d = editing?.draft;
  if (!d) return;
  const comment = $<HTMLTextAreaElement>("ed-reject-comment").value.trim();
  setDraft(await call<Draft>(`/drafts/${d.id}/reject`, { method: "POST", body: comment ? { revision: d.revision, comment } : { revision: d.revision } }));
  announce(t("rejected"));
}

async function discard(): Promise<void> {
  const d = editing?.draft;
  if (!d) return;
  await call<void>(`/drafts/${d.id}`, { method: "DELETE" });
  announce(t("discarded"));
  await list.backToList();
}

async function leave(): Promise<void> {
  if (editing?.dirty && !window.confirm(t("leaveUnsaved"))) return;
  await list.backToList().catch(reportFailure);
}
