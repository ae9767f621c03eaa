/** Minimal Adaptive Card 1.5 building blocks (schema 1.5 renders in Teams and Web Chat). */
import type { BotAction } from "../actions.js";
import { isRtl, type UiLanguage } from "../i18n.js";

export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: string;
  version: "1.5";
  lang: string;
  rtl?: boolean;
  body: CardElement[];
  actions?: CardElement[];
}

export const ADAPTIVE_CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";

export function adaptiveCard(ui: UiLanguage, body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: "1.5",
    lang: ui,
    // Explicit both ways: Web Chat renders older cards again after a switch to Arabic.
    rtl: isRtl(ui),
    body,
    ...(actions.length ? { actions } : {}),
  };
}

export function textBlock(text: string, extra: CardElement = {}): CardElement {
  return { type: "TextBlock", text, wrap: true, ...extra };
}

export function heading(text: string): CardElement {
  return textBlock(text, { weight: "Bolder", spacing: "Medium" });
}

/** Action data; `{action: "show"}` alone is completed by a card input named "id". */
export type SubmitData = BotAction | { action: "show" };

export function submit(title: string, data: SubmitData, extra: CardElement = {}): CardElement {
  return { type: "Action.Submit", title, data, ...extra };
}

export function actionSet(actions: CardElement[]): CardElement {
  return { type: "ActionSet", actions };
}
