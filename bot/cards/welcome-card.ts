/** The welcome: who Lotse is, what it answers, not legal advice, the navigator one click away. */
import type { Translate, UiLanguage } from "../i18n.js";
import { adaptiveCard, submit, textBlock, type AdaptiveCard } from "./adaptive.js";

export function welcomeCard(t: Translate, ui: UiLanguage): AdaptiveCard {
  return adaptiveCard(
    ui,
    [
      textBlock(t("welcome.title"), { size: "Large", weight: "Bolder", style: "heading" }),
      textBlock(t("welcome.text")),
      textBlock(t("welcome.disclaimer"), { isSubtle: true }),
    ],
    [
      submit(t("commands.labels.topics"), { action: "command", command: "topics" }),
      submit(t("commands.labels.language"), { action: "command", command: "language" }),
      submit(t("answer.navigator"), { action: "handoff" }),
    ],
  );
}

export function welcomeText(t: Translate): string {
  return [t("welcome.title"), t("welcome.text"), t("welcome.disclaimer")].join("\n\n");
}
