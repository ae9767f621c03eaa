/**
 * Where every path to a human starts: the handoff intent, the navigator button, the offer
 * after repeated misses. For now it only tells the person that a navigator will be connected;
 * the handoff issue turns this into a ticket with the conversation reference.
 */
import { MessageFactory, type TurnContext } from "botbuilder";
import type { Translate, UiLanguage } from "./i18n.js";

export interface HandoffRequest {
  t: Translate;
  ui: UiLanguage;
  /** Why the person asked for a human: the question, when there was one. */
  question?: string;
  reason: "intent" | "button";
}

export async function startHandoff(context: TurnContext, request: HandoffRequest): Promise<void> {
  await context.sendActivity({ ...MessageFactory.text(request.t("handoff.connecting")), locale: request.ui });
}
