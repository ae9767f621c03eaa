/** The reply when a turn fails unexpectedly: an apology in the person's language, no details. */
import type { TurnContext } from "@microsoft/agents-hosting";
import { outgoing } from "./activity.js";
import { DEFAULT_UI_LANGUAGE, translator, uiLanguageFromLocale } from "./i18n.js";

export async function apologiseForError(context: TurnContext): Promise<void> {
  const ui = uiLanguageFromLocale(context.activity.locale) ?? DEFAULT_UI_LANGUAGE;
  await context.sendActivity(outgoing({ type: "message", text: translator(ui)("errors.generic"), locale: ui }));
}
