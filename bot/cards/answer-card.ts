/**
 * The answer as an Adaptive Card, short first: title, short answer, "Stand" and the buttons
 * are visible at once; the rest of the answer, legal basis, sources and contacts open with
 * one toggle. The whole article is several phone screens long (about 4,300 px in Web Chat at
 * 390 px), the short card one. The same content as plain text for channels without cards.
 */
import type { AskAnswer } from "../../src/knowledge/index.js";
import { isRtl, type Translate, type UiLanguage } from "../i18n.js";
import { formatDate } from "../language.js";
import { actionSet, adaptiveCard, heading, submit, textBlock, type AdaptiveCard, type CardElement } from "./adaptive.js";
import { toCardMarkdown, toPlainText } from "./markdown.js";
import type { ShortAnswer } from "./short-answer.js";

export interface AnswerView {
  answer: AskAnswer;
  /** The answer split for showing short first (see shortAnswer). */
  short: ShortAnswer;
  /** Up to three related articles, already in the article language. */
  related: Array<{ id: string; title: string }>;
  /** One line shown when the article is not in the UI language (Ukrainian, Arabic). */
  note?: string;
}

export const MAX_RELATED = 3;
const MAX_COMMENT = 500;
/** The id of the container the "more" toggle shows and hides; ids are scoped to one card. */
export const DETAILS_ID = "details";

/** Link text must not break the Markdown link it sits in. */
const linkText = (s: string) => s.replace(/[[\]]/g, "");

function contactLines(answer: AskAnswer, t: Translate): string[] {
  return answer.contacts.map((c) => {
    const details = [`[${t("answer.website")}](${c.website})`];
    if (c.phone) details.push(t("answer.phone", { phone: c.phone }));
    if (c.email) details.push(t("answer.email", { email: c.email }));
    return `- **${c.name}** – ${c.responsible_for}  \n${details.join(" · ")}`;
  });
}

/**
 * An article overdue for review: "Stand … – bitte bei … prüfen", naming the first office the
 * article refers to (or a navigator), so nobody relies on it unchecked. Undefined otherwise.
 */
export function reviewNote(answer: AskAnswer, t: Translate, ui: UiLanguage): string | undefined {
  if (answer.review?.state !== "overdue") return undefined;
  const office = answer.contacts[0]?.name ?? t("review.officeDefault");
  return t("review.note", { date: formatDate(answer.reviewed, ui), office });
}

export function answerCard(view: AnswerView, t: Translate, ui: UiLanguage): AdaptiveCard {
  const { answer, short } = view;
  // The article is German or English: keep it left-to-right inside a right-to-left card.
  const article = (el: CardElement): CardElement => (isRtl(ui) ? { type: "Container", rtl: false, items: [el] } : el);

  const body: CardElement[] = [article(textBlock(answer.title, { size: "Medium", weight: "Bolder", style: "heading" }))];
  if (view.note) body.push(textBlock(view.note, { isSubtle: true, size: "Small", spacing: "Small" }));
  const overdue = reviewNote(answer, t, ui);
  // Above the short answer, on a warning background: read before the answer is relied on.
  if (overdue) body.push({ type: "Container", style: "warning", spacing: "Small", items: [textBlock(overdue, { weight: "Bolder", size: "Small" })] });
  body.push(
    article(textBlock(toCardMarkdown(short.short), { spacing: "Small" })),
    textBlock(t("answer.reviewed", { date: formatDate(answer.reviewed, ui) }), { isSubtle: true, size: "Small", spacing: "Small" }),
    textBlock(t("answer.disclaimer"), { isSubtle: true, size: "Small", spacing: "None" }),
  );

  const details: CardElement[] = [];
  if (short.rest) details.push(article(textBlock(toCardMarkdown(short.rest))));
  if (answer.legal.length) details.push(heading(t("answer.legal")), textBlock(answer.legal.map((l) => `- ${l}`).join("\n"), { spacing: "Small" }));
  if (answer.sources.length) {
    details.push(
      heading(t("answer.sources")),
      textBlock(answer.sources.map((s) => `- [${linkText(s.title)}](${s.url})`).join("\n"), { spacing: "Small" }),
    );
  }
  if (answer.contacts.length) details.push(heading(t("answer.contacts")), textBlock(contactLines(answer, t).join("\n"), { spacing: "Small" }));
  if (details.length) {
    // One button whose title names both directions: Adaptive Cards cannot relabel it on click,
    // and a button that hid itself would take the keyboard focus with it.
    body.push(
      actionSet([{ type: "Action.ToggleVisibility", title: t("answer.moreLess"), targetElements: [DETAILS_ID] }]),
      { type: "Container", id: DETAILS_ID, isVisible: false, items: details },
    );
  }

  // Visible without expanding: the next question is often one of these.
  const related = view.related.slice(0, MAX_RELATED);
  if (related.length) {
    body.push(
      textBlock(t("answer.related"), { weight: "Bolder", size: "Small", spacing: "Medium" }),
      actionSet(related.map((r) => submit(r.title, { action: "show", id: r.id }))),
    );
  }

  const actions: CardElement[] = [
    submit(t("answer.helpful"), { action: "feedback", id: answer.id, helpful: true }),
    {
      type: "Action.ShowCard",
      title: t("answer.notHelpful"),
      card: {
        type: "AdaptiveCard",
        body: [
          {
            type: "Input.Text",
            id: "comment",
            label: t("answer.commentLabel"),
            placeholder: t("answer.commentPlaceholder"),
            isMultiline: true,
            maxLength: MAX_COMMENT,
          },
        ],
        actions: [submit(t("answer.sendFeedback"), { action: "feedback", id: answer.id, helpful: false })],
      },
    },
    submit(t("answer.navigator"), { action: "handoff" }, { style: "positive" }),
  ];
  return adaptiveCard(ui, body, actions);
}

/** The card's content in the card's order: the short answer and "Stand" first, then the rest. */
export function answerText(view: AnswerView, t: Translate, ui: UiLanguage): string {
  const { answer, short } = view;
  const parts = [answer.title.toUpperCase()];
  if (view.note) parts.push(view.note);
  const overdue = reviewNote(answer, t, ui);
  if (overdue) parts.push(overdue);
  parts.push(toPlainText(short.short), `${t("answer.reviewed", { date: formatDate(answer.reviewed, ui) })}\n${t("answer.disclaimer")}`);
  if (short.rest) parts.push(toPlainText(short.rest));
  if (answer.legal.length) parts.push(`${t("answer.legal")}: ${answer.legal.join("; ")}`);
  if (answer.sources.length) parts.push(`${t("answer.sources")}:\n${answer.sources.map((s) => `- ${s.title}: ${s.url}`).join("\n")}`);
  if (answer.contacts.length) {
    const lines = answer.contacts.map((c) => {
      const extra = [c.website, c.phone, c.email].filter(Boolean).join(", ");
      return `- ${c.name} – ${c.responsible_for} (${extra})`;
    });
    parts.push(`${t("answer.contacts")}:\n${lines.join("\n")}`);
  }
  return parts.join("\n\n");
}
