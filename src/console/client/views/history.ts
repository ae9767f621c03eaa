/** An article's published versions: who published what when, the diff to the previous one, rollback. */
import { call } from "../api.js";
import { announce, el, reportFailure } from "../dom.js";
import { formatDate, t, type MessageKey } from "../i18n.js";
import type { Draft, VersionDetail, VersionSummary } from "../curation.js";

const KINDS: Record<VersionSummary["kind"], MessageKey> = { imported: "vImported", new: "vNew", edit: "vEdit", rollback: "vRollback" };

/** A unified diff as a list: each added or removed line says so in words, not only with +/− and colour. */
export function diffView(diff: string, label: string): HTMLElement {
  const items = diff
    .split("\n")
    .filter((line) => !line.startsWith("+++") && !line.startsWith("---") && !line.startsWith("Index:") && !/^=+$/.test(line))
    .map((line) => {
      if (line.startsWith("@@")) return el("li", { class: "hunk" }, line);
      if (line.startsWith("+")) return el("li", { class: "add" }, el("span", { class: "visually-hidden" }, `${t("diffAdded")}: `), el("span", { "aria-hidden": "true" }, "+ "), line.slice(1));
      if (line.startsWith("-")) return el("li", { class: "del" }, el("span", { class: "visually-hidden" }, `${t("diffRemoved")}: `), el("span", { "aria-hidden": "true" }, "− "), line.slice(1));
      if (line.startsWith("\\")) return el("li", { class: "hunk" }, line);
      return el("li", { class: "ctx" }, "  ", line.slice(1));
    });
  if (items.length === 0) return el("p", { class: "empty" }, t("diffNone"));
  return el("div", { class: "diff-scroll", tabindex: 0, role: "region", "aria-label": label }, el("ol", { class: "diff" }, ...items));
}

export function historyPanel(articleId: string, openDraft: (draft: Draft) => Promise<void>): HTMLElement {
  const list = el("ol", { class: "versions" });
  const detail = el("div", { id: "version-detail" });
  const section = el("section", { class: "card", "aria-labelledby": "history-title" }, el("h3", { id: "history-title" }, t("history")), list, detail);

  const showVersion = async (v: VersionSummary, opener: HTMLElement) => {
    const full = await call<VersionDetail>(`/articles/${encodeURIComponent(articleId)}/versions/${v.version}`);
    const label = t("diffOf", { version: v.version });
    const close = el("button", { type: "button", class: "secondary small" }, t("closeDiff"));
    close.addEventListener("click", () => {
      detail.replaceChildren();
      opener.focus();
    });
    const heading = el("h4", { tabindex: -1 }, label);
    detail.replaceChildren(heading, diffView(full.diff, label), close);
    heading.focus();
  };

  const rollback = async (v: VersionSummary) => {
    const draft = await call<Draft>(`/articles/${encodeURIComponent(articleId)}/versions/${v.version}/rollback`, { method: "POST", body: {} });
    await openDraft(draft);
    announce(t("rollbackCreated", { version: v.version }));
  };

  call<{ versions: VersionSummary[] }>(`/articles/${encodeURIComponent(articleId)}/versions`)
    .then(({ versions }) => {
      if (versions.length === 0) {
        list.replaceWith(el("p", { class: "empty" }, t("noVersions")));
        return;
      }
      const newest = Math.max(...versions.map((v) => v.version));
      list.replaceChildren(
        ...versions.map((v) => {
          const who = [v.author && t("vAuthor", { name: v.author.name }), v.reviewer && t("vReviewer", { name: v.reviewer.name })].filter(Boolean).join(", ");
          const show = el("button", { type: "button", class: "secondary small", "aria-label": t("showChangesN", { version: v.version }) }, t("showChanges"));
          show.addEventListener("click", () => void showVersion(v, show).catch(reportFailure));
          const back = el("button", { type: "button", class: "secondary small", "aria-label": t("rollbackN", { version: v.version }) }, t("rollback"));
          back.addEventListener("click", () => void rollback(v).catch(reportFailure));
          return el(
            "li",
            {},
            el("strong", {}, t("versionN", { version: v.version })),
            ` · ${t(KINDS[v.kind])} · ${formatDate(v.publishedAt)}${who ? ` · ${who}` : ""}${v.kind === "imported" ? ` · ${t("vImportedNote")}` : v.note ? ` · ${v.note}` : ""} `,
            el("span", { class: "row-actions" }, show, v.version !== newest ? back : null),
          );
        }),
      );
    })
    .catch(reportFailure);
  return section;
}
