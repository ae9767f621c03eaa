/**
 * "Wissen": the articles with their status (published, draft, in review, review overdue,
 * translation stale), search and filters; the knowledge base's reload status; the entry points
 * into the editor (an article, a new article, questions from the unanswered list).
 */
import { call } from "../api.js";
import { $, announce, badge, cell, el, reportFailure, showError } from "../dom.js";
import { formatDate, formatDay, t, type MessageKey } from "../i18n.js";
import type { View } from "../state.js";
import type { ArticleListing, ArticleRow, Draft, KnowledgeStatus } from "../curation.js";
import { closeEditor, editorOpen, openArticle, openDraft, openNew, wireEditor } from "./editor.js";

const SEARCH_DELAY_MS = 300;

export const ROW_STATUS: Record<ArticleRow["status"], MessageKey> = { published: "stPublished", draft: "stDraft", review: "stReview", new: "stNew" };
export const FLAGS: Record<ArticleRow["flags"][number], MessageKey> = {
  review_overdue: "flagReviewOverdue",
  review_soon: "flagReviewSoon",
  withheld: "flagWithheld",
  translation_stale: "flagTranslationStale",
};

let showViewFn: (view: View) => Promise<void> = async () => {};
let listing: ArticleListing | null = null;

/** The articles as last listed (ids and titles for the editor's related-articles choice). */
export function knownArticles(): ArticleRow[] {
  return listing?.articles ?? [];
}

export async function loadListing(query: Record<string, string> = {}): Promise<ArticleListing> {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v));
  const result = await call<ArticleListing>(`/articles${params.size ? `?${params}` : ""}`);
  if (!params.size) listing = result;
  return result;
}

function fillSelect(select: HTMLSelectElement, values: string[]): void {
  const chosen = select.value;
  const all = select.options[0]!;
  select.replaceChildren(all, ...values.map((v) => el("option", { value: v }, v)));
  select.value = values.includes(chosen) ? chosen : "";
}

function statusCell(row: ArticleRow): HTMLElement {
  const box = el("div", { class: "badges" }, badge(`st-${row.status}`, t(ROW_STATUS[row.status])));
  for (const flag of row.flags) box.append(" ", badge(`flag-${flag}`, t(FLAGS[flag])));
  if (row.draft) box.append(el("span", { class: "hint" }, ` ${t("draftBy", { name: row.draft.author, when: formatDate(row.draft.updatedAt) })}`));
  return box;
}

async function showStatus(): Promise<void> {
  const box = $("kb-status");
  const status = await call<KnowledgeStatus>("/knowledge/status").catch(() => null);
  const last = status?.lastReload;
  if (!last || last.ok) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  box.hidden = false;
  box.replaceChildren(
    el("p", {}, el("strong", {}, t("kbReloadRefused", { when: formatDate(last.at) }))),
    el(
      "ul",
      {},
      ...last.problems.map((p) => el("li", {}, el("code", {}, [p.file, p.line, p.col].filter((x) => x !== undefined && x !== "").join(":")), ` ${p.message}`)),
    ),
  );
}

export async function loadKnowledge(): Promise<void> {
  if (editorOpen()) return;
  announce(t("loading"));
  const query = {
    q: $<HTMLInputElement>("kb-q").value.trim(),
    area: $<HTMLSelectElement>("kb-area").value,
    owner: $<HTMLSelectElement>("kb-owner").value,
    status: $<HTMLSelectElement>("kb-state").value,
  };
  const [result] = await Promise.all([loadListing(query), showStatus()]);
  fillSelect($("kb-area"), result.areas);
  fillSelect($("kb-owner"), result.owners);
  $("kb-rows").replaceChildren(
    ...result.articles.map((row) => {
      const tr = el("tr", { "data-article": row.id });
      const open = el("button", { type: "button", class: "link" }, row.title || row.id);
      open.addEventListener("click", () => void openRow(row));
      cell(tr, el("div", {}, open, el("div", { class: "hint" }, row.id)));
      // data-label: on a phone the table becomes one card per article, each value with its name.
      cell(tr, row.area).dataset.label = t("kbArea");
      cell(tr, row.owner).dataset.label = t("kbOwner");
      cell(tr, formatDay(row.reviewDue)).dataset.label = t("kbReviewDue");
      cell(tr, statusCell(row)).dataset.label = t("colStatus");
      return tr;
    }),
  );
  $("kb-caption").textContent = t("kbCaption", { count: result.articles.length });
  $("kb-empty").hidden = result.articles.length > 0;
  announce(t("kbLoaded", { count: result.articles.length }));
}

async function openRow(row: ArticleRow): Promise<void> {
  try {
    if (row.draft && (row.draft.status === "draft" || row.draft.status === "review")) await openDraft(await call<Draft>(`/drafts/${row.draft.id}`));
    else await openArticle(row.id);
  } catch (err) {
    reportFailure(err);
  }
}

/** Shows the list again (after the editor closes). */
export async function backToList(): Promise<void> {
  closeEditor();
  $("kb-list").hidden = false;
  await loadKnowledge();
}

/** "Artikel anlegen" on an unanswered group: a new draft with these questions as examples. */
export async function newArticleFromQuestions(questions: string[]): Promise<void> {
  showError("");
  try {
    const draft = await call<Draft>("/drafts", { method: "POST", body: { questions } });
    await showViewFn("knowledge");
    await openDraft(draft);
    announce(t("draftCreated"));
  } catch (err) {
    reportFailure(err);
  }
}

/** "Zu Artikel hinzufügen": choose the article in a dialog, then a draft change adds the questions. */
export async function addQuestionsToArticle(questions: string[], suggested: string | undefined, opener: HTMLElement): Promise<void> {
  showError("");
  try {
    const { articles } = listing ?? (await loadListing());
    const dialog = $<HTMLDialogElement>("add-dialog");
    const select = $<HTMLSelectElement>("add-article");
    select.replaceChildren(
      el("option", { value: "" }, t("chooseArticlePrompt")),
      ...articles.map((a) => el("option", { value: a.id }, `${a.title} (${a.id})`)),
    );
    select.value = suggested && articles.some((a) => a.id === suggested) ? suggested : "";
    $("add-dialog-questions").textContent = questions.join("\n");
    dialog.returnValue = "";
    dialog.showModal();
    select.focus();
    await new Promise<void>((resolve) => dialog.addEventListener("close", () => resolve(), { once: true }));
    opener.focus();
    if (dialog.returnValue !== "add" || !select.value) return;
    const draft = await call<Draft>("/drafts", { method: "POST", body: { questions, articleId: select.value } });
    await showViewFn("knowledge");
    await openDraft(draft);
    announce(t("questionsAdded", { id: select.value }));
  } catch (err) {
    reportFailure(err);
  }
}

export function wireKnowledge(showView: (view: View) => Promise<void>): void {
  showViewFn = showView;
  wireEditor({ backToList, knownArticles });
  const reload = () => void loadKnowledge().catch(reportFailure);
  let timer: ReturnType<typeof setTimeout> | undefined;
  $("kb-q").addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(reload, SEARCH_DELAY_MS);
  });
  $("kb-filter").addEventListener("submit", (e) => {
    e.preventDefault();
    reload();
  });
  for (const id of ["kb-area", "kb-owner", "kb-state"]) $(id).addEventListener("change", reload);
  $("kb-new").addEventListener("click", () => openNew());
}
