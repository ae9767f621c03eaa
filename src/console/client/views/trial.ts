/**
 * "Probefragen": the draft's example questions, the dev-set questions labelled for the article
 * and the navigator's own questions, asked with and without the draft; the table shows what
 * changes (and other articles' questions that would now land here).
 */
import { call } from "../api.js";
import { announce, el, reportFailure } from "../dom.js";
import { t, type MessageKey } from "../i18n.js";
import type { Trial, TrialRow, TrialSide } from "../curation.js";
import { lines } from "./fields.js";

const SOURCES: Record<TrialRow["source"], MessageKey> = { draft: "srcDraft", dev: "srcDev", typed: "srcTyped", other: "srcOther" };
const OUTCOMES: Record<string, MessageKey> = { answer: "outAnswer", clarify: "outClarify", handoff: "outHandoff", none: "outNone", flow: "outFlow" };

function side(s: TrialSide): string {
  const what = t(OUTCOMES[s.outcome] ?? "outNone");
  if (s.id) return `${what}: ${s.id}`;
  if (s.alternatives?.length) return `${what}: ${s.alternatives.join(", ")}`;
  return what;
}

function table(rows: TrialRow[]): HTMLTableElement {
  return el(
    "table",
    { class: "trial-table" },
    el("caption", { class: "visually-hidden" }, t("trialCaption")),
    el(
      "thead",
      {},
      el("tr", {}, ...(["colQuestion", "trialSource", "trialBefore", "trialAfter", "trialChanged"] as const).map((k) => el("th", { scope: "col" }, t(k)))),
    ),
    el(
      "tbody",
      {},
      ...rows.map((r) =>
        el(
          "tr",
          { class: r.changed ? "changed" : null },
          el("td", { lang: r.language, dir: r.language === "ar" ? "rtl" : null }, r.question),
          el("td", {}, t(SOURCES[r.source])),
          el("td", {}, side(r.before)),
          el("td", {}, el("span", { "aria-hidden": "true" }, "→ "), side(r.after)),
          el("td", {}, r.changed ? el("strong", {}, t("yes")) : t("no")),
        ),
      ),
    ),
  );
}

export interface TrialHost {
  /** Saves pending changes and gives the draft's id, or null when there is nothing to try yet. */
  ensureSaved(): Promise<number | null>;
  draftId(): number | null;
}

export function trialPanel(host: TrialHost): HTMLElement {
  const input = el("textarea", { id: "trial-questions", rows: 3, maxlength: 5000, "aria-describedby": "trial-help" });
  const run = el("button", { type: "button", id: "trial-run" }, t("trialRun"));
  const result = el("div", { id: "trial-result", "aria-live": "polite" });
  const runTrial = async (): Promise<void> => {
    run.disabled = true;
    try {
      const id = await host.ensureSaved();
      if (id === null) return;
      announce(t("trialRunning"));
      const questions = lines(input.value);
      const trial = await call<Trial>(`/drafts/${id}/trial`, { method: "POST", body: questions.length ? { questions } : {} });
      const s = trial.summary;
      const rows = [...trial.rows].sort((a, b) => Number(b.changed) - Number(a.changed));
      result.replaceChildren(
        el("p", { class: "trial-summary" }, t("trialSummary", { asked: s.asked, changed: s.changed, nowHere: s.nowHere, lostHere: s.lostHere, draftRight: s.draftRight })),
        rows.length ? el("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": t("trialCaption") }, table(rows)) : el("p", { class: "empty" }, t("trialNoRows")),
      );
      announce(t("trialDone", { changed: s.changed }));
    } catch (err) {
      reportFailure(err);
    } finally {
      run.disabled = false;
    }
  };
  // runTrial reports its own failures.
  run.addEventListener("click", () => void runTrial());
  return el(
    "section",
    { class: "card", "aria-labelledby": "trial-title" },
    el("h3", { id: "trial-title" }, t("trialTitle")),
    el("label", { for: "trial-questions" }, t("trialOwn")),
    input,
    el("p", { id: "trial-help", class: "hint" }, t("trialHelp")),
    run,
    result,
  );
}
