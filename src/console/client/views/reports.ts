/** Reports: questions Lotse could not answer, feedback on articles, the audit log; CSV downloads. */
import { call, callRaw } from "../api.js";
import { $, announce, cell, el, reportFailure, showError } from "../dom.js";
import { formatDate, t, tMaybe, type MessageKey } from "../i18n.js";
import type { AuditPage, FeedbackReport, UnansweredGroup, UnansweredReport } from "../types.js";
import { addQuestionsToArticle, newArticleFromQuestions } from "./knowledge.js";

const AUDIT_LABELS: Record<string, MessageKey> = {
  "ticket.take": "aTicketTake",
  "ticket.reply": "aTicketReply",
  "ticket.close": "aTicketClose",
  "export.unanswered": "aExportUnanswered",
  "export.feedback": "aExportFeedback",
};

function groupActions(group: UnansweredGroup): HTMLElement {
  const create = el("button", { type: "button", class: "secondary small" }, t("createArticle"));
  create.setAttribute("aria-label", `${t("createArticle")}: ${group.question}`);
  create.addEventListener("click", () => void newArticleFromQuestions([group.question]));
  const add = el("button", { type: "button", class: "secondary small" }, t("addToArticle"));
  add.setAttribute("aria-label", `${t("addToArticle")}: ${group.question}`);
  add.addEventListener("click", () => void addQuestionsToArticle([group.question], group.candidates[0], add));
  return el("div", { class: "row-actions" }, create, add);
}

export async function loadUnanswered(): Promise<void> {
  announce(t("loading"));
  const { groups } = await call<UnansweredReport>("/unanswered");
  $("unanswered-rows").replaceChildren(
    ...groups.map((g) => {
      const tr = document.createElement("tr");
      cell(tr, g.question);
      cell(tr, String(g.count), "num");
      cell(tr, formatDate(g.lastAskedAt));
      cell(tr, g.languages.join(", "));
      cell(tr, g.candidates.join(", "));
      cell(tr, groupActions(g));
      return tr;
    }),
  );
  $("unanswered-empty").hidden = groups.length > 0;
  announce("");
}

export async function loadFeedback(): Promise<void> {
  announce(t("loading"));
  const { articles } = await call<FeedbackReport>("/feedback");
  $("feedback-rows").replaceChildren(
    ...articles.map((a) => {
      const tr = document.createElement("tr");
      cell(tr, a.title ? `${a.title} (${a.articleId})` : `${a.articleId} ${t("articleGone")}`);
      cell(tr, String(a.helpful), "num");
      cell(tr, String(a.notHelpful), "num");
      if (a.comments.length === 0) cell(tr, t("noComments"));
      else {
        const list = el("ul", {}, ...a.comments.map((c) => el("li", {}, `${c.helpful ? "👍" : "👎"} ${c.comment} (${formatDate(c.createdAt)}, ${c.language})`)));
        cell(tr, el("details", {}, el("summary", {}, `${a.comments.length} ${t("colComments")}`), list));
      }
      return tr;
    }),
  );
  $("feedback-empty").hidden = articles.length > 0;
  announce("");
}

export async function loadAudit(): Promise<void> {
  announce(t("loading"));
  const { entries } = await call<AuditPage>("/audit?limit=200");
  $("audit-rows").replaceChildren(
    ...entries.map((e) => {
      const tr = document.createElement("tr");
      const known = AUDIT_LABELS[e.action];
      cell(tr, formatDate(e.at));
      cell(tr, e.actor.name);
      cell(tr, known ? t(known) : (tMaybe(`audit.${e.action}`) ?? e.action));
      cell(tr, e.ticketNumber ?? "");
      cell(tr, e.detail ?? "");
      return tr;
    }),
  );
  $("audit-empty").hidden = entries.length > 0;
  announce("");
}

/** A plain link cannot carry the Authorization header, so the file comes through fetch. */
async function download(path: string): Promise<void> {
  showError("");
  try {
    const res = await callRaw(path);
    const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "lotse.csv";
    const url = URL.createObjectURL(await res.blob());
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    announce(t("exported", { file: name }));
  } catch (err) {
    reportFailure(err);
  }
}

export function wireReports(): void {
  $("unanswered-csv").addEventListener("click", () => void download("/unanswered.csv"));
  $("feedback-csv").addEventListener("click", () => void download("/feedback.csv"));
}
