/** Browsing by area: the articles of one area in a compact choice list. */
import type { Translate, UiLanguage } from "../i18n.js";
import { adaptiveCard, submit, textBlock, type AdaptiveCard } from "./adaptive.js";

export function areaCard(areaTitle: string, articles: Array<{ id: string; title: string }>, t: Translate, ui: UiLanguage): AdaptiveCard {
  return adaptiveCard(
    ui,
    [
      textBlock(t("topics.area", { area: areaTitle }), { weight: "Bolder" }),
      {
        type: "Input.ChoiceSet",
        // The id becomes the "id" field of the submitted value: {action: "show", id}.
        id: "id",
        label: t("topics.choose"),
        style: "compact",
        isRequired: true,
        value: articles[0]?.id ?? "",
        choices: articles.map((a) => ({ title: a.title, value: a.id })),
      },
    ],
    // The action's own data must not carry "id", or it would override the chosen one.
    [submit(t("clarify.showArticle"), { action: "show" })],
  );
}
