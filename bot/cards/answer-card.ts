/**
 * The answer as an Adaptive Card: title, text, "Stand", legal basis, sources, contacts,
 * related articles, feedback and the navigator button — and the same as plain text for
 * channels without cards.
 */
import type { AskAnswer } from "../../src/knowledge/contract.js";
import { isRtl, type Translate, type UiLanguage } from "../i18n.js";
import { formatDate } from "../language.js";
import { actionSet, adaptiveCard, heading, submit, textBlock, type AdaptiveCard, type CardElement } from "./adaptive.js";
import { toCardMarkdown, toPlainText } from "./markdown.js";

export interface AnswerView {
  answer: AskAnswer;
  /** Up to three related articles, already in the article language. */
  related: Array<{ id: string; title: string }>;
  /** One line shown when the article is not in the UI language (Ukrainian, Arabic). */
  note?: string;
}

export const MAX_RELATED = 3;
const MAX_COMMENT = 500;

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

export function answerCard(view: AnswerView, t: Translate, ui: UiLanguage): AdaptiveCard {
  const { answer } = view;
  const body: CardElement[] = [];
  if (view.note) body.push(textBlock(view.note, { isSubtle: true, size: "Small" }));
  // The article is German or English: keep it left-to-right inside a right-to-left card.
  const article: CardElement[] = [
    textBlock(answer.title, { size: "Large", weight: "Bolder", style: "heading" }),
    textBlock(toCardMarkdown(answer.text)),
  ];
  body.push(isRtl(ui) ? { type: "Container", rtl: false, items: article } : { type: "Container", items: article });
  body.push(
    textBlock(t("answer.reviewed", { date: formatDate(answer.reviewed, ui) }), { isSubtle: true, size: "Small", spacing: "Medium" }),
  );
  if (answer.legal.length) body.push(heading(t("answer.legal")), textBlock(answer.legal.map((l) => `- ${l}`).join("\n")));
  if (answer.sources.length) {
    body.push(heading(t("answer.sources")), textBlock(answer.sources.map((s) => `- [${linkText(s.title)}](${s.url})`).join("\n")));
  }
  if (answer.contacts.length) body.push(heading(t("answer.contacts")), textBlock(contactLines(answer, t).join("\n")));
  const related = view.related.slice(0, MAX_RELATED);
  if (related.length) {
    body.push(heading(t("answer.related")), actionSet(related.map((r) => submit(r.title, { action: "show", id: r.id }))));
  }
  body.push(textBlock(t("answer.disclaimer"), { isSubtle: true, size: "Small", spacing: "Medium" }));

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

export function answerText(view: AnswerView, t: Translate, ui: UiLanguage): string {
  const { answer } = view;
  const parts = [answer.title.toUpperCase()];
  if (view.note) parts.push(view.note);
  parts.push(toPlainText(answer.text), t("answer.reviewed", { date: formatDate(answer.reviewed, ui) }));
  if (answer.legal.length) parts.push(`${t("answer.legal")}: ${answer.legal.join("; ")}`);
  if (answer.sources.length) parts.push(`${t("answer.sources")}:\n${answer.sources.map((s) => `- ${s.title}: ${s.url}`).join("\n")}`);
  if (answer.contacts.length) {
    const lines = answer.contacts.map((c) => {
      const extra = [c.website, c.phone, c.email].filter(Boolean).join(", ");
      return `- ${c.name} – ${c.responsible_for} (${extra})`;
    });
    parts.push(`${t("answer.contacts")}:\n${lines.join("\n")}`);
  }
  parts.push(t("answer.disclaimer"));
  return parts.join("\n\n");
}
