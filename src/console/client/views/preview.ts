/**
 * The live preview: the real answer card the bot would send (POST /articles/preview), rendered
 * with the Adaptive Cards renderer Teams uses. Markdown goes through markdown-it with HTML
 * disabled, so a draft's text can never become markup. The renderer sets styles through the
 * CSSOM (element.style), which the page's CSP (style-src 'self') allows.
 */
import * as AdaptiveCards from "adaptivecards";
import MarkdownIt from "markdown-it";
import { announce, el } from "../dom.js";
import { t } from "../i18n.js";

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: false });

AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdown.render(text);
  result.didProcess = true;
};

const hostConfig = new AdaptiveCards.HostConfig({
  fontFamily: '"Segoe UI", system-ui, -apple-system, sans-serif',
  supportsInteractivity: true,
  // The preview pane is narrow: one button per line, as on a phone, instead of a row cut off.
  actions: { actionsOrientation: "vertical", actionAlignment: "stretch", buttonSpacing: 6, showCard: { actionMode: "inline" } },
});

/** Renders the card JSON into `target`; buttons only say what they would do. */
export function renderCard(target: HTMLElement, json: Record<string, unknown>): void {
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = hostConfig;
  card.onExecuteAction = (action) => {
    if (action instanceof AdaptiveCards.OpenUrlAction && action.url) window.open(action.url, "_blank", "noopener,noreferrer");
    else announce(t("previewActionInert", { title: action.title ?? "" }));
  };
  card.parse(json);
  const rendered = card.render();
  // The renderer marks heading text blocks role="heading" without a level; in the page they sit
  // below the preview's own h3.
  for (const heading of rendered?.querySelectorAll('[role="heading"]:not([aria-level])') ?? []) heading.setAttribute("aria-level", "4");
  target.replaceChildren(rendered ?? el("p", { class: "empty" }, t("previewEmpty")));
}
